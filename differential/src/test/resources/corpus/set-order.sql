-- Issue 15.1: MariaDB evaluates a single-table SET left to right only sometimes; the mirror must not depend on it.

== SET with a subquery on the same table, old name
@dialects h2, postgresql
@version old
UPDATE users SET full_name = 'v' WHERE id IN (SELECT id FROM users WHERE age > 35);

== SET with a subquery on the same table, new name
@dialects h2, postgresql
@version new
UPDATE users SET display_name = 'v' WHERE id IN (SELECT id FROM users WHERE age > 35);

== SET from a parameter, subquery on the renamed column
@dialects h2, postgresql
@version new
@params 'w', 'bob'
UPDATE users SET display_name = ? WHERE id IN (SELECT id FROM users WHERE display_name = ?);

== SET from the column itself, subquery on the same table
@dialects h2, postgresql
@version old
UPDATE users SET full_name = CONCAT(full_name, '!') WHERE id IN (SELECT u2.id FROM users u2 WHERE u2.age = 41);

== SET with EXISTS on the same table
@dialects h2, postgresql
@version new
UPDATE users SET display_name = UPPER(display_name) WHERE EXISTS (SELECT 1 FROM users x WHERE x.id = users.id + 1);

== several assignments, subquery on the same table
@dialects h2, postgresql
@version old
UPDATE users SET age = age + 1, full_name = 'w' WHERE id IN (SELECT id FROM users WHERE email LIKE '%example.com');

== plain single-table SET
@version old
@must-rewrite
UPDATE users SET full_name = 'w' WHERE id = 2;

== SET that swaps values between columns
@version new
@must-rewrite
UPDATE users SET display_name = email, email = display_name WHERE id = 6;

== SET with a subquery on the same table, old name
@dialects mariadb
@version old
UPDATE users SET full_name = 'v' WHERE id IN (SELECT id FROM users WHERE age > 35);

== SET with a subquery on the same table, new name
@dialects mariadb
@version new
UPDATE users SET display_name = 'v' WHERE id IN (SELECT id FROM users WHERE age > 35);

== SET from a parameter, subquery on the renamed column
@dialects mariadb
@version new
@params 'w', 'bob'
UPDATE users SET display_name = ? WHERE id IN (SELECT id FROM users WHERE display_name = ?);

== SET from the column itself, subquery on the same table
@dialects mariadb
@version old
UPDATE users SET full_name = CONCAT(full_name, '!') WHERE id IN (SELECT u2.id FROM users u2 WHERE u2.age = 41);

== SET with EXISTS on the same table
@dialects mariadb
@version new
UPDATE users SET display_name = UPPER(display_name) WHERE EXISTS (SELECT 1 FROM users x WHERE x.id = users.id + 1);

== several assignments, subquery on the same table
@dialects mariadb
@version old
UPDATE users SET age = age + 1, full_name = 'w' WHERE id IN (SELECT id FROM users WHERE email LIKE '%example.com');
