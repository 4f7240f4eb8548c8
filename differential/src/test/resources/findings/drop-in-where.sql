-- Issue 12.6: the dropped column in a condition that decides which rows are written. Compared with the old version's
-- schema that still has its phone numbers, so a rewrite to NULL shows as other rows written.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: update count: update count 1, expected 0; contents of users: missing [{age=null, email=carol@example.com, full_name=null, id=3}], unexpected []
== DELETE by phone IS NULL and id
@dialects h2, mariadb, postgresql
@oracle data
@version old
DELETE FROM users WHERE phone_number IS NULL AND id = 3;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: update count: update count 6, expected 2; contents of users: missing [{age=28, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4}, {age=30, email=alice@example.com, full_name=alice, id=1}, {age=35, email=eve@example.com, full_nam...
== DELETE by phone IS NULL
@dialects h2, mariadb, postgresql
@oracle data
@version old
DELETE FROM users WHERE phone_number IS NULL;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: update count: update count 0, expected 1; contents of users: missing [{age=0, email=alice@example.com, full_name=alice, id=1}], unexpected [{age=30, email=alice@example.com, full_name=alice, id=1}]
== UPDATE by phone value
@dialects h2, mariadb, postgresql
@oracle data
@version old
UPDATE users SET age = 0 WHERE phone_number = '555-0101';

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: update count: update count 0, expected 1; contents of users: missing [{age=0, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4}], unexpected [{age=28, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4}]
== UPDATE by phone parameter
@dialects h2, mariadb, postgresql
@oracle data
@version old
@params '555-0104'
UPDATE users SET age = 0 WHERE phone_number = ?;

-- wrong: wrong in old-only: h2,postgresql,sidecar; mirror: h2,postgresql,sidecar; mirror (markers): h2,postgresql,sidecar; read-new: h2,postgresql,sidecar; read-new (markers): h2,postgresql,sidecar; new-only: h2,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: update count: update count 0, expected 4; contents of users: missing [], unexpected [{age=28, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4}, {age=30, email=alice@example.com, full_name=alice, id=1}, {age=35, email=eve@exampl...
== DELETE by a subquery on phone
@oracle data
@version old
@dialects h2, postgresql
DELETE FROM users WHERE id IN (SELECT id FROM users WHERE phone_number IS NOT NULL);

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase old-only: update count: update count 5, expected 1; contents of users: missing [{age=28, email=zoe@example.com, full_name=Zoë Ünïcødé, id=4}, {age=30, email=alice@example.com, full_name=alice, id=1}, {age=35, email=eve@example.com, full_nam...
== UPDATE ... FROM with phone in the condition (PostgreSQL)
@oracle data
@version old
@dialects postgresql
UPDATE users SET age = 1 FROM orders o WHERE o.user_id = users.id AND users.phone_number IS NULL;

-- wrong: wrong in old-only: h2,postgresql,sidecar; mirror: h2,postgresql,sidecar; mirror (markers): h2,postgresql,sidecar; read-new: h2,postgresql,sidecar; read-new (markers): h2,postgresql,sidecar; new-only: h2,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: update count: update count 0, expected 1; contents of users: missing [{age=1, email=alice@example.com, full_name=alice, id=1}], unexpected [{age=30, email=alice@example.com, full_name=alice, id=1}]
== MERGE matching on phone (PostgreSQL, H2)
@oracle data
@version old
@dialects h2, postgresql
MERGE INTO users u USING (SELECT 1 AS id) s ON (u.id = s.id AND u.phone_number IS NOT NULL) WHEN MATCHED THEN UPDATE SET age = 1;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: contents of users: missing [{age=2, email=alice@example.com, full_name=alice, id=1}, {age=2, email=carol@example.com, full_name=null, id=3}], unexpected [{age=1, email=alice@example.com, full_name=alice, id=1}, {age=1, email=carol...
== SET value computed from phone
@dialects h2, mariadb, postgresql
@oracle data
@version old
UPDATE users SET age = CASE WHEN phone_number IS NULL THEN 1 ELSE 2 END WHERE id < 4;
