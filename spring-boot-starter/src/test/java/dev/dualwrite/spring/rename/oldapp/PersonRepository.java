package dev.dualwrite.spring.rename.oldapp;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The old version's Spring Data repository. */
public interface PersonRepository extends JpaRepository<Person, Long> {
    List<Person> findByFullName(String fullName);
}
