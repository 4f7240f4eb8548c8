-- SELECT * over a CTE that reads the window table and has an output column without a name (a literal, a parameter,
-- an expression): found by the generator. The rewriter fails with a NullPointerException (StatementRewriter.tableSource,
-- Set.copyOf of the CTE's output names), which reaches the application as a RuntimeException, not an SQLException.


== CTE with a literal and an expression, SELECT * over it
@version old
WITH w AS (SELECT 1, CONCAT(u2.email, 'ghost') AS c1, (SELECT COUNT(*) FROM memberships m3) AS c2 FROM users u1 LEFT JOIN users u2 ON u1.id = u2.id) SELECT * FROM w;

== CTE with an unnamed expression of the renamed column, SELECT * over it
@version old
WITH w AS (SELECT CONCAT(full_name, 'Zoë Ünïcødé') FROM users u1 WHERE EXISTS (SELECT 1 FROM users u2 WHERE u1.id = u2.id AND NOT (44 < 51))) SELECT * FROM w;

== CTE with a parameter, SELECT * over it (PostgreSQL)
@version old
@dialects postgresql
@params 6
WITH w AS (SELECT u2.id AS c0, ?, p1.bio FROM profiles p1 JOIN users u2 ON p1.user_id = u2.id AND u2.age IS NULL WHERE p1.display_name IS NOT NULL) SELECT * FROM w;
