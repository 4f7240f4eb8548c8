package dev.dualwrite.spring.rename.newapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The new version of the application: it knows the column as {@code display_name}. */
@SpringBootApplication
public class NewApplication {
}
