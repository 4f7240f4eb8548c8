-- Issue 12.5: a statement that names both columns of one window is an operator's statement; while both columns exist
-- it must go to the database as written. Compared with the same statement on the physical schema (with markers in
-- one column, so the two differ).

== both columns written
@oracle physical
@phases mirror, read-new
UPDATE users SET full_name = 'both', display_name = 'both' WHERE id = 3;

== both columns inserted
@oracle physical
@phases mirror, read-new
INSERT INTO users (email, full_name, display_name, age) VALUES ('both@example.com', 'b', 'b', 1);

-- Each note says where it went wrong when it was moved here.

== divergence check (PostgreSQL, H2)
@oracle physical
@phases mirror, read-new
@dialects h2, postgresql
SELECT COUNT(*) AS n FROM users WHERE full_name IS DISTINCT FROM display_name;

== divergence check (MariaDB)
@oracle physical
@phases mirror, read-new
@dialects mariadb
SELECT COUNT(*) AS n FROM users WHERE NOT (full_name <=> display_name);

== backfill statement
@dialects h2, mariadb, postgresql
@oracle physical
@phases mirror, read-new
UPDATE users SET display_name = full_name WHERE display_name IS NULL OR display_name <> full_name;

== both columns listed
@dialects h2, mariadb, postgresql
@oracle physical
@phases mirror, read-new
SELECT id, full_name, display_name FROM users;
