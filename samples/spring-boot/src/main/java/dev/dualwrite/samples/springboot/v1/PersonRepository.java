package dev.dualwrite.samples.springboot.v1;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Version 1's Spring Data repository. */
public interface PersonRepository extends JpaRepository<Person, Long> {
    List<Person> findByFullName(String fullName);
}
