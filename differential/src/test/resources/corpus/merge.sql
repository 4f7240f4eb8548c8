-- Standard MERGE (PostgreSQL 15+, H2).

== MERGE updating the renamed column from a source
@version new
@dialects postgresql, h2
@must-rewrite
MERGE INTO users u USING (SELECT 2 AS id, 'merged' AS n) s ON (u.id = s.id) WHEN MATCHED THEN UPDATE SET display_name = s.n WHEN NOT MATCHED THEN INSERT (id, display_name) VALUES (s.id, s.n);

== MERGE inserting with the old name
@version old
@dialects postgresql, h2
@must-rewrite
MERGE INTO users u USING (SELECT 50 AS id, 'fifty' AS n) s ON (u.id = s.id) WHEN MATCHED THEN UPDATE SET full_name = s.n WHEN NOT MATCHED THEN INSERT (id, email, full_name) VALUES (s.id, 'fifty@example.com', s.n);

== MERGE from orders, condition on the renamed column
@version new
@dialects postgresql, h2
MERGE INTO users u USING orders o ON (o.id = u.id) WHEN MATCHED AND u.display_name = o.full_name THEN UPDATE SET age = o.amount;

== MERGE deleting
@version old
@dialects postgresql, h2
MERGE INTO users u USING (SELECT 'bob' AS n) s ON (u.full_name = s.n) WHEN MATCHED THEN DELETE;
