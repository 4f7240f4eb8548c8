/**
 * What the starter adds to Actuator and Micrometer when they are present: the read-only {@code /actuator/dualwrite}
 * endpoint ({@code DualWriteEndpoint}, answering a {@code DualWriteReport} of {@code WindowReport}s), the health
 * contributor (DOWN only for a broken configuration), and the meters of {@code DualWriteMetrics}. They read what the
 * doors already counted; none of them opens a connection.
 */
package dev.dualwrite.spring.actuate;
