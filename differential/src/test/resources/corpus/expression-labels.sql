-- MySQL and MariaDB label an unaliased select-list expression with its text. When the rewrite changes a column inside
-- it, the engine keeps the label by aliasing the expression with its original text. With a parameter in the
-- expression, the database's label holds the bound value (the connector binds client-side), which a plan cannot
-- repeat: such an item is refused with a request to alias it. Found by the generator (seed=777061 with
-- -Ddifferential.features=all).

== unaliased scalar subquery with a parameter, new name (MariaDB)
@version new
@dialects mariadb
@params 'eve', 27
SELECT (SELECT MAX(u2.display_name) FROM users u2 WHERE CONCAT(u2.display_name, ?) = u2.display_name), ?, CONCAT(o1.full_name, 'alice') FROM orders o1 ORDER BY 1, 2, 3 LIMIT 3;

== unaliased expression with a parameter, old name (MariaDB)
@version old
@dialects mariadb
@params '!'
SELECT CONCAT(full_name, ?) FROM users ORDER BY 1;

== the same expression with an alias is rewritten, old name
@version old
@must-rewrite
@params '!'
SELECT CONCAT(full_name, ?) AS greeting FROM users ORDER BY 1;

== the same expression with an alias is rewritten, new name
@version new
@must-rewrite
@params '!'
SELECT CONCAT(display_name, ?) AS greeting FROM users ORDER BY 1;

== unaliased expression without a parameter keeps the database's label
@version old
@must-rewrite
SELECT CONCAT(full_name, '!') FROM users ORDER BY 1;
