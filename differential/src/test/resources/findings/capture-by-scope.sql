-- Issue 12.1: a substituted name must bind to the same table as the name it replaces. orders has its own full_name
-- (captures the old name), profiles has its own display_name (captures the new name).
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql
--   e.g. door h2/statement, version old, phase read-new: update count: update count 5, expected 4; contents of users: missing [{age=41, email=bob@example.com, full_name=bob, id=2, phone_number=null}], unexpected []
== NOT EXISTS on profiles, old name unqualified in the subquery (DELETE)
@dialects h2, mariadb, postgresql
@version old
DELETE FROM users WHERE NOT EXISTS (SELECT 1 FROM profiles WHERE profiles.user_id = users.id AND full_name = 'bob');

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: update count: update count 2, expected 1; contents of users: missing [{age=30, display_name=alice, email=alice@example.com, id=1}], unexpected [{age=77, display_name=alice, email=alice@example.com, id=1}]
== EXISTS on orders, new name unqualified (UPDATE)
@dialects h2, mariadb, postgresql
@version new
UPDATE users SET age = 77 WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = users.id AND display_name = 'bob');

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: update count: update count 1, expected 2; contents of users: missing [{age=77, email=bob@example.com, full_name=bob, id=2, phone_number=null}], unexpected [{age=41, email=bob@example.com, full_name=bob, id=2, phone_number=null}]
== EXISTS on profiles, old name unqualified (UPDATE)
@dialects h2, mariadb, postgresql
@version old
UPDATE users SET age = 77 WHERE EXISTS (SELECT 1 FROM profiles p WHERE p.user_id = users.id AND full_name = 'bob');

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: update count: update count 3, expected 4; contents of users: missing [{age=1, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4, phone_number=null}], unexpected [{age=28, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4, phone_...
== IN subquery on profiles, correlated old name (UPDATE)
@dialects h2, mariadb, postgresql
@version old
UPDATE users SET age = 1 WHERE id IN (SELECT user_id FROM profiles WHERE full_name IS NOT NULL);

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: rows [[5, 0], [1, 2], [2, 1], [3, 0], [6, 1], [4, 1]], expected [[1, 1], [2, 1], [3, 0], [4, 1], [5, 0], [6, 1]]
== scalar subquery compares the orders column with the users column, new name
@dialects h2, mariadb, postgresql
@version new
SELECT u.id, (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id AND o.full_name = display_name) AS same FROM users u;

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: result: rows [[5, 1], [1, 1], [2, 1], [3, 0], [6, 0], [4, 0]], expected [[1, 1], [2, 0], [3, 0], [4, 0], [5, 1], [6, 0]]
== scalar subquery compares the profiles column with the users column, old name
@dialects h2, mariadb, postgresql
@version old
SELECT u.id, (SELECT COUNT(*) FROM profiles p WHERE p.user_id = u.id AND p.display_name = full_name) AS same FROM users u;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: rows [[1], [2], [4], [5], [6]], expected [[1], [2], [5]]
== uncorrelated-looking subquery whose unqualified names belong to two tables
@dialects h2, mariadb, postgresql
@version new
SELECT u.id FROM users u WHERE u.age > (SELECT MIN(amount) FROM orders WHERE full_name = display_name);

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: the database failed where the bare run did not: [90059] Ambiguous column name "FULL_NAME"; SQL statement:
== inner join, unqualified new name
@dialects h2, mariadb, postgresql
@version new
@must-rewrite
SELECT u.id, display_name FROM users u JOIN orders o ON o.user_id = u.id;

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: the database failed where the bare run did not: [90059] Ambiguous column name "DISPLAY_NAME"; SQL statement:
== inner join, unqualified old name, profiles in scope
@dialects h2, mariadb, postgresql
@version old
@must-rewrite
SELECT u.id, full_name, p.bio FROM users u JOIN profiles p ON p.user_id = u.id;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: the database failed where the bare run did not: [90059] Ambiguous column name "FULL_NAME"; SQL statement:
== comma join, unqualified new name in select list and WHERE
@dialects h2, mariadb, postgresql
@version new
@must-rewrite
SELECT u.id, display_name FROM users u, orders o WHERE o.user_id = u.id AND display_name <> 'x';

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: the database failed where the bare run did not: [90059] Ambiguous column name "FULL_NAME"; SQL statement:
== left join with the name in ON
@dialects h2, mariadb, postgresql
@version new
SELECT u.id, o.id AS order_id FROM users u LEFT JOIN orders o ON o.user_id = u.id AND o.full_name = display_name;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: the database failed where the bare run did not: [90059] Ambiguous column name "FULL_NAME"; SQL statement:
== group by the unqualified name over a join
@dialects h2, mariadb, postgresql
@version new
SELECT display_name, COUNT(*) AS n FROM users u JOIN orders o ON o.user_id = u.id GROUP BY display_name;

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: the database failed where the bare run did not: [90059] Ambiguous column name "DISPLAY_NAME"; SQL statement:
== group by the unqualified old name over a join with profiles
@dialects h2, mariadb, postgresql
@version old
SELECT full_name, COUNT(*) AS n FROM users u JOIN profiles p ON p.user_id = u.id GROUP BY full_name;

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: the database failed where the bare run did not: [42702] ERROR: column reference "full_name" is ambiguous
== UPDATE ... FROM with the unqualified new name (PostgreSQL)
@version new
@dialects postgresql
UPDATE users SET age = o.amount FROM orders o WHERE o.user_id = users.id AND display_name = 'bob';

-- wrong: wrong in read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase read-new: the database failed where the bare run did not: [42702] ERROR: column reference "display_name" is ambiguous
== UPDATE ... FROM with the unqualified old name and profiles (PostgreSQL)
@version old
@dialects postgresql
UPDATE users SET age = 5 FROM profiles p WHERE p.user_id = users.id AND full_name = 'alice';

-- wrong: wrong in old-only: mariadb; mirror: mariadb; mirror (markers): mariadb
--   e.g. door mariadb/statement, version new, phase old-only: the database failed where the bare run did not: [23000] (conn=3281) Column 'full_name' in WHERE is ambiguous
== multi-table UPDATE with the unqualified new name (MariaDB)
@version new
@dialects mariadb
UPDATE users u JOIN orders o ON o.user_id = u.id SET u.age = o.amount WHERE display_name = 'bob';

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: the database failed where the bare run did not: [42702] ERROR: column reference "full_name" is ambiguous
== DELETE ... USING with the unqualified new name (PostgreSQL)
@version new
@dialects postgresql
DELETE FROM users USING orders o WHERE o.user_id = users.id AND display_name = 'eve';

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: the database failed where the bare run did not: [90059] Ambiguous column name "FULL_NAME"; SQL statement:
== INSERT ... SELECT with a join, unqualified new name
@dialects h2, mariadb, postgresql
@version new
INSERT INTO profiles (user_id, display_name, bio) SELECT u.id + 100, display_name, o.note FROM users u JOIN orders o ON o.user_id = u.id WHERE o.id = 3;

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: the database failed where the bare run did not: [90059] Ambiguous column name "DISPLAY_NAME"; SQL statement:
== INSERT ... SELECT with a join, unqualified old name into the orders column
@dialects h2, mariadb, postgresql
@version old
INSERT INTO orders (user_id, full_name, note) SELECT u.id, full_name, 'copy' FROM users u JOIN profiles p ON p.user_id = u.id;

