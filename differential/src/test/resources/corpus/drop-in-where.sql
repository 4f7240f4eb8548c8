-- Issue 12.6: the dropped column in a condition that decides which rows are written. Compared with the old version's
-- schema that still has its phone numbers, so a rewrite to NULL shows as other rows written.

== SELECT by phone reads NULL, as the window promises
@version old
@must-rewrite
SELECT id FROM users WHERE phone_number IS NULL;

== write of phone is dropped, the row still counted
@version old
@must-rewrite
@params '555-9999', 2
UPDATE users SET phone_number = ? WHERE id = ?;

== DELETE by phone IS NULL and id
@dialects h2, mariadb, postgresql
@oracle data
@version old
DELETE FROM users WHERE phone_number IS NULL AND id = 3;

== DELETE by phone IS NULL
@dialects h2, mariadb, postgresql
@oracle data
@version old
DELETE FROM users WHERE phone_number IS NULL;

== UPDATE by phone value
@dialects h2, mariadb, postgresql
@oracle data
@version old
UPDATE users SET age = 0 WHERE phone_number = '555-0101';

== UPDATE by phone parameter
@dialects h2, mariadb, postgresql
@oracle data
@version old
@params '555-0104'
UPDATE users SET age = 0 WHERE phone_number = ?;

== DELETE by a subquery on phone
@oracle data
@version old
@dialects h2, postgresql
DELETE FROM users WHERE id IN (SELECT id FROM users WHERE phone_number IS NOT NULL);

== UPDATE ... FROM with phone in the condition (PostgreSQL)
@oracle data
@version old
@dialects postgresql
UPDATE users SET age = 1 FROM orders o WHERE o.user_id = users.id AND users.phone_number IS NULL;

== MERGE matching on phone (PostgreSQL, H2)
@oracle data
@version old
@dialects h2, postgresql
MERGE INTO users u USING (SELECT 1 AS id) s ON (u.id = s.id AND u.phone_number IS NOT NULL) WHEN MATCHED THEN UPDATE SET age = 1;
