package dev.dualwrite.agent.apps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Properties;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.Transaction;
import org.hibernate.cfg.Configuration;

/**
 * A Hibernate ORM 6 application (which ships its own Byte Buddy) mapping the old names. Arguments: url user password
 * table id. The table name is bound through the entity's @Table, so the test's table must be called people_hib.
 */
public final class HibernateApp {
    private HibernateApp() {
    }

    /** The old version's entity. */
    @Entity
    @Table(name = "people_hib")
    public static class Person {
        @Id
        Integer id;
        @Column(name = "email")
        String email;
        @Column(name = "full_name")
        String fullName;
        @Column(name = "phone_number")
        String phoneNumber;
    }

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.setProperty("hibernate.connection.url", args[0]);
        p.setProperty("hibernate.connection.username", args[1]);
        p.setProperty("hibernate.connection.password", args[2]);
        p.setProperty("hibernate.hbm2ddl.auto", "none");
        int id = Integer.parseInt(args[4]);
        try (SessionFactory sf = new Configuration().addProperties(p).addAnnotatedClass(Person.class)
                .buildSessionFactory()) {
            try (Session s = sf.openSession()) {
                Transaction tx = s.beginTransaction();
                Person person = new Person();
                person.id = id;
                person.email = "h" + id + "@example.com";
                person.fullName = "Name " + id;
                person.phoneNumber = "555-" + id;
                s.persist(person);
                tx.commit();
            }
            try (Session s = sf.openSession()) {
                Transaction tx = s.beginTransaction();
                Person person = s.find(Person.class, id);
                person.fullName = "Renamed " + id;
                tx.commit();
            }
            try (Session s = sf.openSession()) {
                Person person = s.find(Person.class, id);
                System.out.println("RESULT full_name=" + person.fullName);
                System.out.println("RESULT phone_number=" + person.phoneNumber);
                s.doWork(c -> System.out.println("RESULT connection=" + c.unwrap(java.sql.Connection.class)
                        .getClass().getName()));
            }
        }
    }
}
