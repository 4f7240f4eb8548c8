-- Issue 12.6: the dropped column in a condition that decides which rows are written. Compared with the old version's
-- schema that still has its phone numbers, so a rewrite to NULL shows as other rows written.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase old-only: contents of users: missing [{age=2, email=alice@example.com, full_name=alice, id=1}, {age=2, email=carol@example.com, full_name=null, id=3}], unexpected [{age=1, email=alice@example.com, full_name=alice, id=1}, {age=1, email=carol...
== SET value computed from phone
@dialects h2, mariadb, postgresql
@oracle data
@version old
UPDATE users SET age = CASE WHEN phone_number IS NULL THEN 1 ELSE 2 END WHERE id < 4;
