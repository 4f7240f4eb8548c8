/** Version 1 of the sample service: its entity maps the old column name only. */
package dev.dualwrite.samples.springboot.v1;
