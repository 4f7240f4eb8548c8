-- MySQL and MariaDB label an unaliased expression with its text. When the rewrite changes a column inside it, the
-- engine keeps the label by aliasing the expression with its original text; with a parameter in the expression that
-- text has "?" where the database's own label has the value. Found by the generator (seed=777061 with
-- -Ddifferential.features=all).
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).

-- wrong: labels differ on mariadb/prepared in old-only, mirror and mirror (markers): "(SELECT MAX(u2.display_name) ... CONCAT(u2.display_name, ?) ...)" where the bare run has 'eve' in its place
== unaliased scalar subquery with a parameter, new name (MariaDB)
@version new
@dialects mariadb
@params 'eve', 27
SELECT (SELECT MAX(u2.display_name) FROM users u2 WHERE CONCAT(u2.display_name, ?) = u2.display_name), ?, CONCAT(o1.full_name, 'alice') FROM orders o1 ORDER BY 1, 2, 3 LIMIT 3;
