-- Issue 15.1: MariaDB evaluates a single-table SET left to right only sometimes; the mirror must not depend on it.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in mirror: mariadb; mirror (markers): mariadb; read-new: mariadb; read-new (markers): mariadb
--   e.g. door mariadb/statement, version old, phase mirror: the two columns differ in row id=2: full_name=v, display_name=bob
== SET with a subquery on the same table, old name
@dialects mariadb
@version old
UPDATE users SET full_name = 'v' WHERE id IN (SELECT id FROM users WHERE age > 35);

-- wrong: wrong in mirror: mariadb; mirror (markers): mariadb; read-new: mariadb; read-new (markers): mariadb
--   e.g. door mariadb/statement, version new, phase mirror: contents of users: missing [{age=41, display_name=v, email=bob@example.com, id=2}, {age=41, display_name=v, email=null, id=5}], unexpected [{age=41, display_name=bob, email=bob@example.com, id=2}, {age=41, display_name=bob, email=...
== SET with a subquery on the same table, new name
@dialects mariadb
@version new
UPDATE users SET display_name = 'v' WHERE id IN (SELECT id FROM users WHERE age > 35);

-- wrong: wrong in mirror: mariadb; mirror (markers): mariadb; read-new: mariadb; read-new (markers): mariadb
--   e.g. door mariadb/statement, version new, phase mirror: contents of users: missing [{age=41, display_name=w, email=bob@example.com, id=2}, {age=41, display_name=w, email=null, id=5}], unexpected [{age=41, display_name=bob, email=bob@example.com, id=2}, {age=41, display_name=bob, email=...
== SET from a parameter, subquery on the renamed column
@dialects mariadb
@version new
@params 'w', 'bob'
UPDATE users SET display_name = ? WHERE id IN (SELECT id FROM users WHERE display_name = ?);

-- wrong: wrong in mirror: mariadb; mirror (markers): mariadb; read-new: mariadb; read-new (markers): mariadb
--   e.g. door mariadb/statement, version old, phase mirror: the two columns differ in row id=2: full_name=bob!, display_name=bob
== SET from the column itself, subquery on the same table
@dialects mariadb
@version old
UPDATE users SET full_name = CONCAT(full_name, '!') WHERE id IN (SELECT u2.id FROM users u2 WHERE u2.age = 41);

-- wrong: wrong in mirror: mariadb; mirror (markers): mariadb; read-new: mariadb; read-new (markers): mariadb
--   e.g. door mariadb/statement, version new, phase mirror: contents of users: missing [{age=28, display_name=ZOË ÜNÏCØDÉ, email=zoe@example.com, id=4}, {age=30, display_name=ALICE, email=alice@example.com, id=1}, {age=41, display_name=BOB, email=bob@example.com, id=2}, {age=41, display_na...
== SET with EXISTS on the same table
@dialects mariadb
@version new
UPDATE users SET display_name = UPPER(display_name) WHERE EXISTS (SELECT 1 FROM users x WHERE x.id = users.id + 1);

-- wrong: wrong in mirror: mariadb; mirror (markers): mariadb; read-new: mariadb; read-new (markers): mariadb
--   e.g. door mariadb/statement, version old, phase mirror: the two columns differ in row id=1: full_name=w, display_name=alice
== several assignments, subquery on the same table
@dialects mariadb
@version old
UPDATE users SET age = age + 1, full_name = 'w' WHERE id IN (SELECT id FROM users WHERE email LIKE '%example.com');

