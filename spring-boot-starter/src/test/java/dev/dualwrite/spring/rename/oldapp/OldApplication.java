package dev.dualwrite.spring.rename.oldapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The old version of the application: it knows the column as {@code full_name}. */
@SpringBootApplication
public class OldApplication {
}
