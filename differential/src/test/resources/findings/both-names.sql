-- Issue 12.5: a statement that names both columns of one window is an operator's statement; while both columns exist
-- it must go to the database as written. Compared with the same statement on the physical schema (with markers in
-- one column, so the two differ).
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in mirror (markers): h2,postgresql,sidecar; read-new (markers): h2,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror, marker pass, compared as written: result: rows [[0]], expected [[6]]
== divergence check (PostgreSQL, H2)
@oracle physical
@phases mirror, read-new
@dialects h2, postgresql
SELECT COUNT(*) AS n FROM users WHERE full_name IS DISTINCT FROM display_name;

-- wrong: wrong in mirror (markers): mariadb; read-new (markers): mariadb
--   e.g. door mariadb/statement, version old, phase mirror, marker pass, compared as written: result: rows [[0]], expected [[6]]
== divergence check (MariaDB)
@oracle physical
@phases mirror, read-new
@dialects mariadb
SELECT COUNT(*) AS n FROM users WHERE NOT (full_name <=> display_name);

-- wrong: wrong in mirror (markers): h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar
--   e.g. door mariadb/statement, version old, phase mirror, marker pass, compared as written: update count: update count 1, expected 5; contents of users: missing [{age=28, display_name=Zoë Ünïcødé, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4, phone_number=PHONE-555-0104}, {age=30, display_name=alice, email=alice@ex...
== backfill statement
@dialects h2, mariadb, postgresql
@oracle physical
@phases mirror, read-new
UPDATE users SET display_name = full_name WHERE display_name IS NULL OR display_name <> full_name;

-- wrong: wrong in mirror (markers): h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror, marker pass, compared as written: result: rows [[1, alice, alice], [2, bob, bob], [3, null, null], [4, Zoë Ünïcødé, Zoë Ünïcødé], [5, bob, bob], [6, eve, eve]], expected [[1, alice, MARKER-1], [2, bob, MARKER-2], [3, null, MARKER-3], [4, Zoë Ünïcødé, MARKER-4], [5...
== both columns listed
@dialects h2, mariadb, postgresql
@oracle physical
@phases mirror, read-new
SELECT id, full_name, display_name FROM users;
