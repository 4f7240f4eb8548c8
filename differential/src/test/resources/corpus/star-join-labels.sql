-- Issue 12.8: SELECT * over a join: every label where the version expects it, none shadowing another table's.

== users join orders, old version
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users u JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id;

== users join orders, new version
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users u JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id;

== users join profiles, new version
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users u JOIN profiles p ON p.user_id = u.id ORDER BY u.id;

== users join profiles, old version
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users u JOIN profiles p ON p.user_id = u.id ORDER BY u.id;

== u.* and an orders column
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT u.*, o.full_name FROM users u JOIN orders o ON o.user_id = u.id ORDER BY o.id;

== left join keeps users without orders
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users u LEFT JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id;

== orders first, then users
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT o.*, u.* FROM orders o JOIN users u ON u.id = o.user_id ORDER BY o.id;

== comma join with memberships
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users, memberships WHERE memberships.user_id = users.id ORDER BY memberships.user_id, memberships.team;
