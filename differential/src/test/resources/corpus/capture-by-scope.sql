-- Issue 12.1: a substituted name must bind to the same table as the name it replaces. orders has its own full_name
-- (captures the old name), profiles has its own display_name (captures the new name).

== NOT EXISTS on orders, new name unqualified in the subquery (DELETE)
@version new
DELETE FROM users WHERE NOT EXISTS (SELECT 1 FROM orders WHERE orders.user_id = users.id AND display_name = 'alice');

== IN subquery on orders, correlated new name (SELECT)
@version new
SELECT id FROM users WHERE id IN (SELECT user_id FROM orders WHERE note IS NOT NULL AND display_name IS NOT NULL);

== qualified names over a join need no help
@version new
@must-rewrite
SELECT u.id, u.display_name, o.full_name FROM users u JOIN orders o ON o.user_id = u.id;

== derived table output joined to orders
@version new
@must-rewrite
SELECT x.n FROM (SELECT display_name AS n FROM users) x JOIN orders o ON o.full_name = x.n;

== EXISTS with the subquery's own alias for users
@version old
@must-rewrite
SELECT o.id FROM orders o WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = o.user_id AND u.full_name = o.full_name);

== NOT IN with the name qualified in the subquery
@version new
@must-rewrite
SELECT id FROM users WHERE display_name NOT IN (SELECT p.display_name FROM profiles p WHERE p.display_name IS NOT NULL);

== NOT EXISTS on profiles, old name unqualified in the subquery (DELETE)
@dialects h2, mariadb, postgresql
@version old
DELETE FROM users WHERE NOT EXISTS (SELECT 1 FROM profiles WHERE profiles.user_id = users.id AND full_name = 'bob');

== EXISTS on orders, new name unqualified (UPDATE)
@dialects h2, mariadb, postgresql
@version new
UPDATE users SET age = 77 WHERE EXISTS (SELECT 1 FROM orders o WHERE o.user_id = users.id AND display_name = 'bob');

== EXISTS on profiles, old name unqualified (UPDATE)
@dialects h2, mariadb, postgresql
@version old
UPDATE users SET age = 77 WHERE EXISTS (SELECT 1 FROM profiles p WHERE p.user_id = users.id AND full_name = 'bob');

== IN subquery on profiles, correlated old name (UPDATE)
@dialects h2, mariadb, postgresql
@version old
UPDATE users SET age = 1 WHERE id IN (SELECT user_id FROM profiles WHERE full_name IS NOT NULL);

== scalar subquery compares the orders column with the users column, new name
@dialects h2, mariadb, postgresql
@version new
SELECT u.id, (SELECT COUNT(*) FROM orders o WHERE o.user_id = u.id AND o.full_name = display_name) AS same FROM users u;

== scalar subquery compares the profiles column with the users column, old name
@dialects h2, mariadb, postgresql
@version old
SELECT u.id, (SELECT COUNT(*) FROM profiles p WHERE p.user_id = u.id AND p.display_name = full_name) AS same FROM users u;

== uncorrelated-looking subquery whose unqualified names belong to two tables
@dialects h2, mariadb, postgresql
@version new
SELECT u.id FROM users u WHERE u.age > (SELECT MIN(amount) FROM orders WHERE full_name = display_name);

== inner join, unqualified new name
@dialects h2, mariadb, postgresql
@version new
@must-rewrite
SELECT u.id, display_name FROM users u JOIN orders o ON o.user_id = u.id;

== inner join, unqualified old name, profiles in scope
@dialects h2, mariadb, postgresql
@version old
@must-rewrite
SELECT u.id, full_name, p.bio FROM users u JOIN profiles p ON p.user_id = u.id;

== comma join, unqualified new name in select list and WHERE
@dialects h2, mariadb, postgresql
@version new
@must-rewrite
SELECT u.id, display_name FROM users u, orders o WHERE o.user_id = u.id AND display_name <> 'x';

== left join with the name in ON
@dialects h2, mariadb, postgresql
@version new
SELECT u.id, o.id AS order_id FROM users u LEFT JOIN orders o ON o.user_id = u.id AND o.full_name = display_name;

== group by the unqualified name over a join
@dialects h2, mariadb, postgresql
@version new
SELECT display_name, COUNT(*) AS n FROM users u JOIN orders o ON o.user_id = u.id GROUP BY display_name;

== group by the unqualified old name over a join with profiles
@dialects h2, mariadb, postgresql
@version old
SELECT full_name, COUNT(*) AS n FROM users u JOIN profiles p ON p.user_id = u.id GROUP BY full_name;

== UPDATE ... FROM with the unqualified new name (PostgreSQL)
@version new
@dialects postgresql
UPDATE users SET age = o.amount FROM orders o WHERE o.user_id = users.id AND display_name = 'bob';

== UPDATE ... FROM with the unqualified old name and profiles (PostgreSQL)
@version old
@dialects postgresql
UPDATE users SET age = 5 FROM profiles p WHERE p.user_id = users.id AND full_name = 'alice';

== multi-table UPDATE with the unqualified new name (MariaDB)
@version new
@dialects mariadb
UPDATE users u JOIN orders o ON o.user_id = u.id SET u.age = o.amount WHERE display_name = 'bob';

== DELETE ... USING with the unqualified new name (PostgreSQL)
@version new
@dialects postgresql
DELETE FROM users USING orders o WHERE o.user_id = users.id AND display_name = 'eve';

== INSERT ... SELECT with a join, unqualified new name
@dialects h2, mariadb, postgresql
@version new
INSERT INTO profiles (user_id, display_name, bio) SELECT u.id + 100, display_name, o.note FROM users u JOIN orders o ON o.user_id = u.id WHERE o.id = 3;

== INSERT ... SELECT with a join, unqualified old name into the orders column
@dialects h2, mariadb, postgresql
@version old
INSERT INTO orders (user_id, full_name, note) SELECT u.id, full_name, 'copy' FROM users u JOIN profiles p ON p.user_id = u.id;
