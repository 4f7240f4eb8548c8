package dev.dualwrite.jdbc.scenario;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Version 2's entity: maps display_name; full_name and phone_number are unknown to it. */
@Entity(name = "PersonV2")
@Table(name = "people")
public class PersonV2 {
    @Id
    private Long id;

    @Column(name = "email", length = 200)
    private String email;

    @Column(name = "display_name", length = 200)
    private String displayName;

    protected PersonV2() {
    }

    PersonV2(Person p) {
        this.id = p.id();
        set(p);
    }

    final void set(Person p) {
        this.email = p.email();
        this.displayName = p.name();
    }

    Person toPerson() {
        return new Person(id, email, displayName, null);
    }
}
