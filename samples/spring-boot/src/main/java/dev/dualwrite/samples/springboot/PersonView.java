package dev.dualwrite.samples.springboot;

/**
 * A person as the service's HTTP API shows it. The API is the same in both versions: only the column behind
 * {@code name} changes, {@code full_name} in version 1 and {@code display_name} in version 2.
 */
public record PersonView(long id, String email, String name) {
}
