-- Issue 15.3: whole-row references carry the physical names of the phase unless rewritten or refused.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase old-only: result: rows [[{"id":1,"email":"alice@example.com","full_name":"alice","phone_number":"PHONE-555-0101","age":30}]], expected [[{"id":1,"email":"alice@example.com","full_name":"alice","phone_number":null,"age":30}]]; result: a valu...
== row_to_json of the window table (PostgreSQL)
@version old
@dialects postgresql
SELECT row_to_json(u) AS j FROM users u WHERE id = 1;

-- wrong: wrong in old-only: postgresql,sidecar; mirror (markers): postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: result: rows [[null]], expected [[bob]]
== to_jsonb ->> the new name (PostgreSQL)
@version new
@dialects postgresql
SELECT to_jsonb(u) ->> 'display_name' AS n FROM users u WHERE id = 2;

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: result: rows [[(4,zoe@example.com,"Zoë Ünïcødé",PHONE-555-0104,28)]], expected [[(4,zoe@example.com,"Zoë Ünïcødé",28)]]; result: a value from a column this phase must not read: (4,zoe@example.com,"Zoë Ünïcødé",PHONE-555-0104,28)
== ROW(u.*) (PostgreSQL)
@version new
@dialects postgresql
SELECT ROW(u.*) AS r FROM users u WHERE id = 4;

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase old-only: result: rows [[(1,alice@example.com,alice,PHONE-555-0101,30)]], expected [[(1,alice@example.com,alice,,30)]]; result: a value from a column this phase must not read: (1,alice@example.com,alice,PHONE-555-0101,30)
== the table alias as a value (PostgreSQL)
@version old
@dialects postgresql
SELECT u AS r FROM users u WHERE id = 1;

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: result: rows [[[{"id":1,"email":"alice@example.com","full_name":"alice","phone_number":"PHONE-555-0101","age":30},
== json_agg of the rows (PostgreSQL)
@version new
@dialects postgresql
SELECT json_agg(u ORDER BY u.id) AS a FROM users u;

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase old-only: result: rows [[3]], expected [[0]]
== whole row IS NOT NULL (PostgreSQL)
@version old
@dialects postgresql
SELECT COUNT(*) AS n FROM users u WHERE u IS NOT NULL;
