-- Common table expressions.

== CTE reading the renamed column
@version new
@must-rewrite
WITH named AS (SELECT id, display_name FROM users WHERE display_name IS NOT NULL) SELECT display_name FROM named WHERE id > 1;

== CTE joined to orders
@version old
@must-rewrite
WITH u AS (SELECT id, full_name FROM users) SELECT u.full_name, o.full_name AS order_name FROM u JOIN orders o ON o.user_id = u.id;

== CTE with column list
@version new
@must-rewrite
WITH n (uid, nm) AS (SELECT id, display_name FROM users) SELECT uid, nm FROM n WHERE nm LIKE '%o%';

== recursive CTE over ids
@version old
WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 6) SELECT r.n, u.full_name FROM r LEFT JOIN users u ON u.id = r.n;

== CTE feeding an UPDATE (PostgreSQL)
@version new
@dialects postgresql
@must-rewrite
WITH t AS (SELECT id FROM users WHERE display_name = 'bob') UPDATE users SET age = 0 WHERE id IN (SELECT id FROM t);

== CTE feeding an INSERT (PostgreSQL)
@version old
@dialects postgresql
@must-rewrite
WITH src AS (SELECT full_name FROM users WHERE id = 1) INSERT INTO orders (user_id, full_name) SELECT 1, full_name FROM src;
