-- Issue 12.3: statements that read or write a window column from inside a form that passes untouched. Each must be
-- rewritten exactly or refused.

== SELECT INTO a temporary table reads the old name (PostgreSQL)
@version old
@dialects postgresql
SELECT id, full_name INTO TEMPORARY tmp_users FROM users;
SELECT * FROM tmp_users ORDER BY id;

== SELECT ... INTO a variable (MariaDB)
@version new
@dialects mariadb
SELECT display_name INTO @dw_w FROM users WHERE id = 2;
SELECT @dw_w AS w;

== data-modifying CTE (PostgreSQL)
@version new
@dialects postgresql
@must-rewrite
WITH d AS (DELETE FROM users WHERE display_name = 'bob' RETURNING id) SELECT COUNT(*) AS n FROM d;

== data-modifying CTE that updates (PostgreSQL)
@version old
@dialects postgresql
WITH u AS (UPDATE users SET full_name = 'renamed' WHERE id = 1 RETURNING id, full_name) SELECT * FROM u;

== EXPLAIN ANALYZE runs the update (PostgreSQL)
@version new
@dialects postgresql
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) UPDATE users SET display_name = 'x' WHERE id = 2;

== PREPARE ... AS then EXECUTE (PostgreSQL)
@version new
@dialects postgresql
@cleanup DEALLOCATE ALL
PREPARE dw_p AS UPDATE users SET display_name = 'prepared' WHERE id = 2;
EXECUTE dw_p;

== DO block that updates the new name (PostgreSQL)
@version new
@dialects postgresql
DO $$ BEGIN UPDATE users SET display_name = 'x' WHERE id = 1; END $$;

== DO block that updates the old name (PostgreSQL)
@version old
@dialects postgresql
DO $$ BEGIN UPDATE users SET full_name = 'x' WHERE id = 1; END $$;

== ANALYZE UPDATE runs the update (MariaDB)
@version old
@dialects mariadb
ANALYZE UPDATE users SET full_name = 'x' WHERE id = 1;

== PREPARE FROM a string, then EXECUTE (MariaDB)
@version old
@dialects mariadb
@cleanup DEALLOCATE PREPARE dw_s
PREPARE dw_s FROM 'UPDATE users SET full_name = ''x'' WHERE id = 1';
EXECUTE dw_s;

== CREATE TABLE AS SELECT reads the new name
@version new
@dialects h2, mariadb, postgresql
@commits copy_users
CREATE TABLE copy_users AS SELECT id, display_name FROM users;
SELECT * FROM copy_users ORDER BY id;

== SET a variable from a subquery on the new name (MariaDB)
@version new
@dialects mariadb
SET @dw_v := (SELECT display_name FROM users WHERE id = 1);
SELECT @dw_v AS v;

== HANDLER READ gives the physical row (MariaDB)
@version any
@dialects mariadb
@cleanup HANDLER users CLOSE
HANDLER users OPEN;
HANDLER users READ `PRIMARY` FIRST;
