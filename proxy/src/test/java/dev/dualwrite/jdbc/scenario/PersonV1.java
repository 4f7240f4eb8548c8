package dev.dualwrite.jdbc.scenario;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Version 1's entity: maps full_name and phone_number. The table name is the run's (see {@link HibernateDoor}). */
@Entity(name = "PersonV1")
@Table(name = "people")
public class PersonV1 {
    @Id
    private Long id;

    @Column(name = "email", length = 200)
    private String email;

    @Column(name = "full_name", length = 200)
    private String fullName;

    @Column(name = "phone_number", length = 40)
    private String phoneNumber;

    protected PersonV1() {
    }

    PersonV1(Person p) {
        this.id = p.id();
        set(p);
    }

    final void set(Person p) {
        this.email = p.email();
        this.fullName = p.name();
        this.phoneNumber = p.phone();
    }

    void setPhoneNumber(String phoneNumber) {
        this.phoneNumber = phoneNumber;
    }

    Person toPerson() {
        return new Person(id, email, fullName, phoneNumber);
    }
}
