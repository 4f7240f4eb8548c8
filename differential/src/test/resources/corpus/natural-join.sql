-- Issue 12.2: with a window table in a NATURAL JOIN the shared columns, so the join condition, change with the phase.

== COUNT over NATURAL LEFT JOIN with orders
@version any
SELECT COUNT(*) AS n FROM users NATURAL LEFT JOIN orders;

== NATURAL JOIN whose shared names are known not to include a window column
@version any
SELECT COUNT(*) AS n FROM users NATURAL JOIN memberships;

== NATURAL JOIN without the window table
@version any
@must-rewrite
SELECT m.role, o.id FROM memberships m NATURAL JOIN orders o;

== JOIN USING a column that is not a window column
@version any
@must-rewrite
SELECT u.id, o.amount FROM users u JOIN orders o USING (id);

== JOIN USING the renamed column
@version old
SELECT id, full_name FROM users JOIN orders USING (id, full_name);

== DELETE by a NATURAL JOIN with orders
@dialects h2, mariadb, postgresql
@version any
DELETE FROM users WHERE id IN (SELECT users.id FROM users NATURAL JOIN orders);

== SELECT over a NATURAL JOIN with profiles
@dialects h2, mariadb, postgresql
@version any
SELECT u.id FROM users u NATURAL JOIN profiles p;

== UPDATE by a NATURAL JOIN with profiles
@dialects h2, mariadb, postgresql
@version any
UPDATE users SET age = 2 WHERE id IN (SELECT u.id FROM users u NATURAL JOIN profiles p);
