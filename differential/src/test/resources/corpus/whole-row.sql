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
