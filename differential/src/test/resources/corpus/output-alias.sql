-- Issue 15.5: an output alias spelled like a window name: the references that mean the alias and those that mean the
-- column must be told apart in every clause as the database does.

== ORDER BY an alias spelled like the old name
@version old
@ordered
SELECT email AS full_name FROM users ORDER BY full_name;

== WHERE means the column, not the alias
@version new
SELECT email AS display_name, id FROM users WHERE display_name = 'bob';

== ORDER BY an alias over an expression of the column
@version old
@ordered
SELECT UPPER(full_name) AS full_name, id FROM users ORDER BY full_name, id;

== GROUP BY a name that is both a column and an alias
@dialects mariadb, postgresql
@version old
SELECT MAX(email) AS full_name FROM users GROUP BY full_name;

== a derived table's output spelled like the old name
@version any
@must-rewrite
SELECT x.full_name FROM (SELECT email AS full_name FROM users) x WHERE x.full_name IS NOT NULL;

== a CTE's output spelled like the new name
@version any
@must-rewrite
WITH u AS (SELECT email AS display_name FROM users) SELECT display_name FROM u WHERE display_name LIKE 'b%';

== alias swaps the two names
@version new
@ordered
SELECT display_name AS full_name, email AS display_name FROM users ORDER BY id;

== DISTINCT ON an alias spelled like the new name (PostgreSQL)
@version new
@dialects postgresql
@ordered
SELECT DISTINCT ON (display_name) email AS display_name FROM users ORDER BY display_name;

== GROUP BY a name that is both a column and an alias (H2)
@dialects h2
@version old
SELECT MAX(email) AS full_name FROM users GROUP BY full_name;

== HAVING on an alias spelled like the new name (MariaDB)
@version new
@dialects mariadb
SELECT age AS display_name, COUNT(*) AS n FROM users GROUP BY age HAVING display_name > 30;
