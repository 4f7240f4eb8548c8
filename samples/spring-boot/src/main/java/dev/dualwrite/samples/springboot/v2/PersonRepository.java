package dev.dualwrite.samples.springboot.v2;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Version 2's Spring Data repository. */
public interface PersonRepository extends JpaRepository<Person, Long> {
    List<Person> findByDisplayName(String displayName);
}
