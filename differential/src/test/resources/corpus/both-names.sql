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
