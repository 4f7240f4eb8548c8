package dev.dualwrite.samples.springboot.v2;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Version 2 of the people service: it stores the name in {@code display_name}. Nothing in it knows about dualwrite; the
 * starter on the class path and {@code dualwrite.config} in its properties are all it takes.
 */
@SpringBootApplication
public class PeopleServiceV2 {
    public static void main(String[] args) {
        SpringApplication.run(PeopleServiceV2.class, args);
    }
}
