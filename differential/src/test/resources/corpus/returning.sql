-- RETURNING with named columns.

== INSERT RETURNING the new name (PostgreSQL)
@version new
@dialects postgresql
@must-rewrite
INSERT INTO users (email, display_name) VALUES ('r@example.com', 'ret') RETURNING id, display_name;

== UPDATE RETURNING the old name (PostgreSQL)
@version old
@dialects postgresql
@must-rewrite
UPDATE users SET full_name = 'upd' WHERE id = 2 RETURNING id, full_name;

== DELETE RETURNING the new name (PostgreSQL, MariaDB)
@version new
@dialects postgresql, mariadb
@must-rewrite
DELETE FROM users WHERE id = 5 RETURNING id, display_name;

== INSERT RETURNING the old name (MariaDB)
@version old
@dialects mariadb
@must-rewrite
INSERT INTO users (email, full_name) VALUES ('r@example.com', 'ret') RETURNING id, full_name;

== RETURNING the dropped column (PostgreSQL)
@version old
@dialects postgresql
UPDATE users SET age = 3 WHERE id = 1 RETURNING id, phone_number;

== RETURNING an expression with an alias (PostgreSQL)
@version new
@dialects postgresql
@must-rewrite
UPDATE users SET display_name = 'x' WHERE id = 3 RETURNING UPPER(display_name) AS up;
