-- Plain reads of the window table and of the tables that share its column names.

== every user by id
@version old
@ordered
SELECT id, full_name, email FROM users ORDER BY id;

== every user by id, new name
@version new
@ordered
SELECT id, display_name, email FROM users ORDER BY id;

== filter by the renamed column, parameter
@version old
@params 'bob'
SELECT id FROM users WHERE full_name = ?;

== filter by the renamed column, parameter, new name
@version new
@params 'bob'
SELECT id, display_name AS shown FROM users WHERE display_name = ?;

== orders have their own full_name
@version any
SELECT o.id, o.full_name FROM orders o WHERE o.amount > 15;

== aggregate over the renamed column
@version new
@must-rewrite
SELECT COUNT(display_name) AS c, MIN(display_name) AS lo, MAX(display_name) AS hi FROM users;

== LIKE and ORDER BY the renamed column
@version old
@must-rewrite
@ordered
SELECT id, full_name FROM users WHERE full_name LIKE 'b%' ORDER BY full_name, id;

== the dropped column reads NULL
@version old
@must-rewrite
@ordered
SELECT id, phone_number FROM users ORDER BY id;

== the dropped column in a join's select list
@version old
@must-rewrite
SELECT u.id, u.phone_number, o.note FROM users u JOIN orders o ON o.user_id = u.id;

== window function over the renamed column
@version new
@must-rewrite
SELECT id, ROW_NUMBER() OVER (PARTITION BY display_name ORDER BY id) AS rn FROM users;

== scalar subquery reading the renamed column from orders
@version old
@must-rewrite
SELECT o.id, (SELECT u.full_name FROM users u WHERE u.id = o.user_id) AS owner FROM orders o;

== CASE on the renamed column
@version new
@must-rewrite
SELECT id, CASE WHEN display_name IS NULL THEN 'none' ELSE display_name END AS shown FROM users;

== IS NULL on the renamed column
@version old
@must-rewrite
@params 3
SELECT email FROM users WHERE full_name IS NULL AND id = ?;

== DISTINCT over the renamed column
@version new
@must-rewrite
SELECT DISTINCT display_name FROM users;

== SELECT * of the window table
@dialects h2, mariadb, postgresql
@version any
@must-rewrite
SELECT * FROM users;
