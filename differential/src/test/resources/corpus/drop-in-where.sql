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
