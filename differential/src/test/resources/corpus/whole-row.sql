-- Issue 15.3: whole-row references carry the physical names of the phase unless rewritten or refused.

== (u).* (PostgreSQL)
@version old
@dialects postgresql
@ordered
SELECT (u).* FROM users u ORDER BY id;

== to_json of a derived table with the name as output (PostgreSQL)
@version new
@dialects postgresql
SELECT to_json(x) AS j FROM (SELECT id, display_name FROM users WHERE id = 1) x;

== row_to_json of the window table (PostgreSQL)
@version old
@dialects postgresql
SELECT row_to_json(u) AS j FROM users u WHERE id = 1;

== to_jsonb ->> the new name (PostgreSQL)
@version new
@dialects postgresql
SELECT to_jsonb(u) ->> 'display_name' AS n FROM users u WHERE id = 2;

== ROW(u.*) (PostgreSQL)
@version new
@dialects postgresql
SELECT ROW(u.*) AS r FROM users u WHERE id = 4;

== the table alias as a value (PostgreSQL)
@version old
@dialects postgresql
SELECT u AS r FROM users u WHERE id = 1;

== json_agg of the rows (PostgreSQL)
@version new
@dialects postgresql
SELECT json_agg(u ORDER BY u.id) AS a FROM users u;

== whole row IS NOT NULL (PostgreSQL)
@version old
@dialects postgresql
SELECT COUNT(*) AS n FROM users u WHERE u IS NOT NULL;
