/** Version 2 of the sample service: its entity maps the new column name only. */
package dev.dualwrite.samples.springboot.v2;
