package dev.dualwrite.differential;

import dev.dualwrite.core.config.Configuration;
import dev.dualwrite.core.config.Phase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schema the tester runs on: the window table {@code users} (rename {@code full_name -> display_name}, drop
 * {@code phone_number}) and tables that share its column names ({@code orders.full_name}, {@code orders.user_id},
 * {@code profiles.display_name}) or have a composite key ({@code memberships}).
 *
 * <p>Each application version has a <em>logical</em> schema: only the names it knows, with the renamed column where
 * the old one stood (so {@code SELECT *} and positions have one right answer). Each phase has a <em>physical</em>
 * schema, as the window's lifecycle leaves it: the new column is added last before mirror, the dropped
 * {@code phone_number} is gone from read-new on, and {@code full_name} is gone in new-only. In the old version's
 * logical schema {@code phone_number} is forced to NULL by a trigger, because that is what a drop window promises: its
 * writes are dropped and its reads give NULL. In the physical schemas it keeps leftover values ({@code PHONE-...}),
 * so a read that reaches the column shows. A third logical schema keeps the old version's phone numbers: against it,
 * a statement whose row selection depends on the dropped column gives other rows, which the product must refuse.
 */
final class SchemaModel {
    static final String TABLE = "users";
    static final String OLD_NAME = "full_name";
    static final String NEW_NAME = "display_name";
    static final String DROPPED = "phone_number";
    /** Values that must never appear in a result: the dropped column's leftovers and the marker pass's fillers. */
    static final String PHONE_PREFIX = "PHONE-";
    static final String MARKER_PREFIX = "MARKER-";
    /** Where the identity columns continue after the seed rows, before every run. */
    static final int NEXT_ID = 100;

    /** A column: INT or a VARCHAR(100) ({@code text}). */
    record Column(String name, boolean text) {
    }

    /** A table with its key columns, in the column order of the variant it belongs to. */
    record Table(String name, List<String> key, boolean identity, List<Column> columns) {
        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }

        boolean has(String column) {
            return columns.stream().anyMatch(c -> c.name().equals(column));
        }
    }

    /** The schemas a test database can hold: two logical ones and one physical per phase. */
    enum Variant {
        L_OLD(Version.OLD, null),
        L_NEW(Version.NEW, null),
        /** The old version's schema with the phone numbers it wrote before the drop window, not forced to NULL. */
        L_OLD_DATA(Version.OLD, null),
        P_OLD_ONLY(null, Phase.OLD_ONLY),
        P_MIRROR(null, Phase.MIRROR),
        P_READ_NEW(null, Phase.READ_NEW),
        P_NEW_ONLY(null, Phase.NEW_ONLY);

        final Version version;
        final Phase phase;

        Variant(Version version, Phase phase) {
            this.version = version;
            this.phase = phase;
        }

        boolean logical() {
            return version != null;
        }

        static Variant logical(Version v) {
            return v == Version.OLD ? L_OLD : L_NEW;
        }

        static Variant physical(Phase p) {
            return switch (p) {
                case OLD_ONLY -> P_OLD_ONLY;
                case MIRROR -> P_MIRROR;
                case READ_NEW -> P_READ_NEW;
                case NEW_ONLY -> P_NEW_ONLY;
            };
        }

        String suffix() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        List<Table> tables() {
            return SchemaModel.tables(this);
        }

        Table table(String name) {
            return tables().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        }
    }

    private SchemaModel() {
    }

    /** The windows of a phase: the rename in that phase and the drop. */
    static Configuration configuration(Phase phase) {
        return Configuration.builder().rename(TABLE, OLD_NAME, NEW_NAME, phase).drop(TABLE, DROPPED)
                .origin("differential " + phase.configName()).build();
    }

    static List<Table> tables(Variant v) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table(TABLE, List.of("id"), true, usersColumns(v)));
        tables.add(new Table("orders", List.of("id"), true, List.of(integer("id"), integer("user_id"),
                text("full_name"), text("note"), integer("amount"))));
        tables.add(new Table("profiles", List.of("user_id"), false, List.of(integer("user_id"),
                text("display_name"), text("bio"))));
        tables.add(new Table("memberships", List.of("user_id", "team"), false, List.of(integer("user_id"),
                integer("team"), text("role"), text("note"))));
        return tables;
    }

    private static List<Column> usersColumns(Variant v) {
        Column id = integer("id");
        Column email = text("email");
        Column age = integer("age");
        return switch (v) {
            case L_OLD, L_OLD_DATA, P_OLD_ONLY -> List.of(id, email, text(OLD_NAME), text(DROPPED), age);
            case L_NEW -> List.of(id, email, text(NEW_NAME), age);
            case P_MIRROR -> List.of(id, email, text(OLD_NAME), text(DROPPED), age, text(NEW_NAME));
            case P_READ_NEW -> List.of(id, email, text(OLD_NAME), age, text(NEW_NAME));
            case P_NEW_ONLY -> List.of(id, email, age, text(NEW_NAME));
        };
    }

    private static Column integer(String name) {
        return new Column(name, false);
    }

    private static Column text(String name) {
        return new Column(name, true);
    }

    /**
     * The seed rows of a table in a variant, each a map from column to value (String, Integer or null), in key order.
     * Names are duplicated across rows and across tables, some are NULL, one is not ASCII.
     */
    static List<Map<String, Object>> seed(Table t, Variant v) {
        List<Map<String, Object>> rows = new ArrayList<>();
        switch (t.name()) {
            case TABLE -> {
                user(rows, t, v, 1, "alice@example.com", "alice", "555-0101", 30);
                user(rows, t, v, 2, "bob@example.com", "bob", null, 41);
                user(rows, t, v, 3, "carol@example.com", null, "555-0103", null);
                user(rows, t, v, 4, "zoe@example.com", "Zoë Ünïcødé", "555-0104", 28);
                user(rows, t, v, 5, null, "bob", null, 41);
                user(rows, t, v, 6, "eve@example.com", "eve", "555-0106", 35);
            }
            case "orders" -> {
                rows.add(row(t, 1, 1, "alice", "first", 10));
                rows.add(row(t, 2, 1, "bob", null, 20));
                rows.add(row(t, 3, 2, "bob", "gift", 30));
                rows.add(row(t, 4, 3, null, "n/a", 40));
                rows.add(row(t, 5, 4, "Zoë Ünïcødé", "ünï", 50));
                rows.add(row(t, 6, null, "dave", "orphan", 60));
                rows.add(row(t, 7, 6, "eve", null, null));
            }
            case "profiles" -> {
                rows.add(row(t, 1, "alice", "likes tea"));
                rows.add(row(t, 2, "Bobby", null));
                rows.add(row(t, 4, null, "quiet"));
                rows.add(row(t, 5, "bob", "twin"));
                rows.add(row(t, 7, "ghost", "no such user"));
            }
            case "memberships" -> {
                rows.add(row(t, 1, 1, "admin", "founder"));
                rows.add(row(t, 1, 2, "member", null));
                rows.add(row(t, 2, 1, "member", "x"));
                rows.add(row(t, 5, 2, null, null));
                rows.add(row(t, 6, 3, "owner", "eve's team"));
            }
            default -> throw new IllegalArgumentException(t.name());
        }
        return rows;
    }

    private static void user(List<Map<String, Object>> rows, Table t, Variant v, int id, String email, String name,
            String phone, Integer age) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (String c : t.columnNames()) {
            r.put(c, switch (c) {
                case "id" -> id;
                case "email" -> email;
                case OLD_NAME, NEW_NAME -> name;
                case DROPPED -> v == Variant.L_OLD || phone == null ? null : v == Variant.L_OLD_DATA ? phone
                        : PHONE_PREFIX + phone;
                case "age" -> age;
                default -> throw new IllegalArgumentException(c);
            });
        }
        rows.add(r);
    }

    private static Map<String, Object> row(Table t, Object... values) {
        Map<String, Object> r = new LinkedHashMap<>();
        List<String> names = t.columnNames();
        for (int i = 0; i < values.length; i++) {
            r.put(names.get(i), values[i]);
        }
        return r;
    }

    /** The physical column reads of the renamed column come from in a phase. */
    static String readColumn(Phase p) {
        return p.readsNew() ? NEW_NAME : OLD_NAME;
    }

    /** The physical column that exists in a phase but must not be read (null when only one exists). */
    static String unreadColumn(Phase p) {
        return p.writesBoth() ? (p.readsNew() ? OLD_NAME : NEW_NAME) : null;
    }
}
