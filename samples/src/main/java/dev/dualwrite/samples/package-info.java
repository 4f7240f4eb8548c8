/**
 * The demo ({@code RollingRenameDemo}): an old and a new version of an application ({@code OldPeopleDao},
 * {@code NewPeopleDao}, each in an {@code AppInstance}) write and read one table on embedded H2 while the rename and
 * the drop go through every phase; a {@code Tally} per version and step records the statements it ran and what went
 * wrong, and the demo checks at each step that no row diverged.
 */
package dev.dualwrite.samples;
