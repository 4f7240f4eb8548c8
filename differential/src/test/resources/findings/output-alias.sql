-- Issue 15.5: an output alias spelled like a window name: the references that mean the alias and those that mean the
-- column must be told apart in every clause as the database does.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: the database failed where the bare run did not: [42P10] ERROR: SELECT DISTINCT ON expressions must match initial ORDER BY expressions
== DISTINCT ON an alias spelled like the new name (PostgreSQL)
@version new
@dialects postgresql
@ordered
SELECT DISTINCT ON (display_name) email AS display_name FROM users ORDER BY display_name;

-- wrong: wrong in read-new: h2; read-new (markers): h2; new-only: h2
--   e.g. door h2/statement, version old, phase read-new: succeeded where the bare run failed with [90054] Invalid use of aggregate function "MAX(EMAIL)"; SQL statement:
== GROUP BY a name that is both a column and an alias
@dialects h2
@version old
SELECT MAX(email) AS full_name FROM users GROUP BY full_name;

-- wrong: wrong in old-only: mariadb; mirror: mariadb; mirror (markers): mariadb
--   e.g. door mariadb/statement, version new, phase old-only: the database failed where the bare run did not: [42S22] (conn=11018) Unknown column 'full_name' in 'HAVING'
== HAVING on an alias spelled like the new name (MariaDB)
@version new
@dialects mariadb
SELECT age AS display_name, COUNT(*) AS n FROM users GROUP BY age HAVING display_name > 30;
