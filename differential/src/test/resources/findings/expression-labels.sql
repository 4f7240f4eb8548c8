-- MySQL and MariaDB label an unaliased expression with its text. When the rewrite changes a column inside it, the
-- engine keeps the label by aliasing the expression with its original text; with a parameter in the expression that
-- text has "?" where the database's own label has the value. Found by the generator (seed=777061 with
-- -Ddifferential.features=all).
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).

-- wrong: wrong in old-only: mariadb; mirror: mariadb; mirror (markers): mariadb
--   e.g. door mariadb/prepared, version new, phase old-only: result: labels [(SELECT MAX(u2.display_name) FROM users u2 WHERE CONCAT(u2.display_name, ?) = u2.display_name), 27, CONCAT(o1.full_name, 'alice')], expected [(SELECT MAX(u2.display_name) FROM users u2 WHERE CONCAT(u2.display_name,...
== unaliased scalar subquery with a parameter, new name (MariaDB)
@version new
@dialects mariadb
@params 'eve', 27
SELECT (SELECT MAX(u2.display_name) FROM users u2 WHERE CONCAT(u2.display_name, ?) = u2.display_name), ?, CONCAT(o1.full_name, 'alice') FROM orders o1 ORDER BY 1, 2, 3 LIMIT 3;
