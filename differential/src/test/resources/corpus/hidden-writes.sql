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
