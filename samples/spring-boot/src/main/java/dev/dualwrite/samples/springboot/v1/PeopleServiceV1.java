package dev.dualwrite.samples.springboot.v1;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Version 1 of the people service: it stores the name in {@code full_name}. Nothing in it knows about dualwrite; the
 * starter on the class path and {@code dualwrite.config} in its properties are all it takes.
 */
@SpringBootApplication
public class PeopleServiceV1 {
    public static void main(String[] args) {
        SpringApplication.run(PeopleServiceV1.class, args);
    }
}
