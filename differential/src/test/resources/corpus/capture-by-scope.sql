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
