package dev.dualwrite.jdbc.scenario;

import java.util.List;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * A version's data access through Hibernate ORM: one short session and transaction per operation. Which entity class
 * (and so which columns) it uses is the version; Hibernate writes every mapped column of an entity it inserts or
 * updates.
 */
final class HibernatePeople<E> implements PeopleDao {
    private final String version;
    private final String table;
    private final SessionFactory sessions;
    private final Class<E> entity;
    private final String nameProperty;
    private final Function<Person, E> create;
    private final Updater<E> updater;
    private final Function<E, Person> read;

    @FunctionalInterface
    interface Updater<E> {
        void apply(E entity, Person p);
    }

    private HibernatePeople(String version, String table, SessionFactory sessions, Class<E> entity, String nameProperty,
            Function<Person, E> create, Updater<E> updater, Function<E, Person> read) {
        this.version = version;
        this.table = table;
        this.sessions = sessions;
        this.entity = entity;
        this.nameProperty = nameProperty;
        this.create = create;
        this.updater = updater;
        this.read = read;
    }

    static PeopleDao v1(SessionFactory sessions, String table) {
        return new HibernatePeople<>("v1", table, sessions, PersonV1.class, "fullName", PersonV1::new, PersonV1::set,
                PersonV1::toPerson);
    }

    static PeopleDao v2(SessionFactory sessions, String table) {
        return new HibernatePeople<>("v2", table, sessions, PersonV2.class, "displayName", PersonV2::new, PersonV2::set,
                PersonV2::toPerson);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public boolean knowsPhone() {
        return entity == PersonV1.class;
    }

    @Override
    public void insert(Person p) {
        sessions.inTransaction(s -> s.persist(create.apply(p)));
    }

    @Override
    public void update(Person p) {
        sessions.inTransaction(s -> updater.apply(found(s, p.id()), p));
    }

    @Override
    public void updatePhone(long id, String phone) {
        if (entity != PersonV1.class) {
            throw new UnsupportedOperationException("v2 has no phone number");
        }
        sessions.inTransaction(s -> ((PersonV1) found(s, id)).setPhoneNumber(phone));
    }

    private E found(Session s, long id) {
        E e = s.find(entity, id);
        if (e == null) {
            throw new AssertionError(version + " (Hibernate) cannot find row " + id + " to update it");
        }
        return e;
    }

    @Override
    public Person find(long id) {
        return sessions.fromTransaction(s -> {
            E e = s.find(entity, id);
            return e == null ? null : read.apply(e);
        });
    }

    /** A native query mapped to the entity: Hibernate takes the columns by their labels. */
    @Override
    public Person findStar(long id) {
        return sessions.fromTransaction(s -> s.createNativeQuery("select * from " + table + " where id = :id", entity)
                .setParameter("id", id).getResultList().stream().map(read).findFirst().orElse(null));
    }

    @Override
    public List<Long> idsByName(String name) {
        return sessions.fromTransaction(s -> s.createSelectionQuery("select p.id from " + entity.getSimpleName()
                + " p where p." + nameProperty + " = :name order by p.id", Long.class)
                .setParameter("name", name).getResultList());
    }

    @Override
    public List<Person> list(long from, long to) {
        return sessions.fromTransaction(s -> s.createSelectionQuery("from " + entity.getSimpleName()
                + " p where p.id between :from and :to order by p." + nameProperty + ", p.id", entity)
                .setParameter("from", from).setParameter("to", to).getResultList().stream().map(read).toList());
    }

    @Override
    public void close() {
        // The session factory belongs to the door.
    }
}
