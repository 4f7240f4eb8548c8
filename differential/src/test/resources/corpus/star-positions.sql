-- Issue 15.4: where * is expanded, the version's column must keep its place, so positions address the same column.

== star over a join, ordered by positions
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users u JOIN orders o ON o.user_id = u.id ORDER BY 3, 1, 5;

== ORDER BY the third column, old version
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users ORDER BY 3, 1;

== ORDER BY the third column, new version
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users ORDER BY 3, 1;

== users.* in key order
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT users.* FROM users WHERE id < 4 ORDER BY id;

== star of a derived table, ordered by position
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM (SELECT * FROM users) x ORDER BY 3, 1;

== TABLE users (PostgreSQL)
@version old
@dialects postgresql
@ordered
TABLE users ORDER BY 1;

== INSERT ... RETURNING * (PostgreSQL)
@version new
@dialects postgresql
INSERT INTO users (email, display_name, age) VALUES ('n@example.com', 'newbie', 20) RETURNING *;

== UPDATE ... RETURNING * (PostgreSQL)
@version old
@dialects postgresql
UPDATE users SET age = age + 1 WHERE id = 1 RETURNING *;

== DELETE ... RETURNING * (PostgreSQL, MariaDB)
@version new
@dialects mariadb, postgresql
DELETE FROM users WHERE id = 6 RETURNING *;

== INSERT ... RETURNING * (MariaDB)
@version old
@dialects mariadb
INSERT INTO users (email, full_name, age) VALUES ('m@example.com', 'maria', 20) RETURNING *;
