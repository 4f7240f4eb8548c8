package dev.dualwrite.spring.rename.newapp;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** The new version's Spring Data repository. */
public interface PersonRepository extends JpaRepository<Person, Long> {
    List<Person> findByDisplayName(String displayName);
}
