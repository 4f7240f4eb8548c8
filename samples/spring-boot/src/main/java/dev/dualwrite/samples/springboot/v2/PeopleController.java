package dev.dualwrite.samples.springboot.v2;

import dev.dualwrite.samples.springboot.PersonView;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /people}: entities through the JPA repository, the rename as plain SQL through JdbcTemplate. */
@RestController
@RequestMapping("/people")
public class PeopleController {
    private final PersonRepository repository;
    private final JdbcTemplate jdbc;

    public PeopleController(PersonRepository repository, JdbcTemplate jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @PostMapping
    public ResponseEntity<PersonView> add(@RequestBody PersonView person) {
        Person saved = repository.save(new Person(person.email(), person.name()));
        return ResponseEntity.status(HttpStatus.CREATED).body(view(saved));
    }

    @GetMapping("/{id}")
    public ResponseEntity<PersonView> get(@PathVariable("id") long id) {
        return repository.findById(id).map(p -> ResponseEntity.ok(view(p)))
                .orElse(ResponseEntity.notFound().build());
    }

    @GetMapping
    public List<PersonView> named(@RequestParam("name") String name) {
        return repository.findByDisplayName(name).stream().map(PeopleController::view).toList();
    }

    @PutMapping("/{id}/name")
    public ResponseEntity<Void> rename(@PathVariable("id") long id, @RequestBody String name) {
        int updated = jdbc.update("UPDATE people SET display_name = ? WHERE id = ?", name, id);
        return updated == 1 ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    private static PersonView view(Person p) {
        return new PersonView(p.getId(), p.getEmail(), p.getDisplayName());
    }
}
