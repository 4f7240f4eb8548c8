package dev.dualwrite.spring.rename.newapp;

import dev.dualwrite.spring.rename.PeopleApp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The new version's data access: the repository for entities, a JdbcTemplate DAO for plain SQL. */
@Component
public class NewPeople implements PeopleApp {
    private final PersonRepository repository;
    private final JdbcTemplate jdbc;

    public NewPeople(PersonRepository repository, JdbcTemplate jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @Override
    public long add(String email, String name) {
        return repository.save(new Person(email, name)).getId();
    }

    @Override
    public int rename(long id, String name) {
        return jdbc.update("UPDATE people SET display_name = ? WHERE id = ?", name, id);
    }

    @Override
    public String nameByRepository(long id) {
        return repository.findById(id).map(Person::getDisplayName).orElse(null);
    }

    @Override
    public String nameByDao(long id) {
        List<String> names = jdbc.queryForList("SELECT display_name FROM people WHERE id = ?", String.class, id);
        return names.isEmpty() ? null : names.get(0);
    }

    @Override
    public List<Long> idsNamed(String name) {
        return repository.findByDisplayName(name).stream().map(Person::getId).toList();
    }
}
