-- Issue 12.8: SELECT * over a join: every label where the version expects it, none shadowing another table's.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, DISPLAY_NAME, ID, USER_ID, FULL_NAME, NOTE, AMOUNT], expected [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, ID, USER_ID, FULL_NAME, NOTE, AMOUNT]; result: rows [[1, alice@exampl...
== users join orders, old version
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users u JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, ID, USER_ID, FULL_NAME, NOTE, AMOUNT, DISPLAY_NAME], expected [ID, EMAIL, DISPLAY_NAME, AGE, ID, USER_ID, FULL_NAME, NOTE, AMOUNT]; result: rows [[1, alice@example.com, alic...
== users join orders, new version
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users u JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, USER_ID, DISPLAY_NAME, BIO, DISPLAY_NAME], expected [ID, EMAIL, DISPLAY_NAME, AGE, USER_ID, DISPLAY_NAME, BIO]; result: rows [[1, alice@example.com, alice, null, 30, 1, alic...
== users join profiles, new version
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users u JOIN profiles p ON p.user_id = u.id ORDER BY u.id;

-- wrong: wrong in mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, DISPLAY_NAME, USER_ID, DISPLAY_NAME, BIO], expected [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, USER_ID, DISPLAY_NAME, BIO]; result: rows [[1, alice@example.com, alice, null, ...
== users join profiles, old version
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users u JOIN profiles p ON p.user_id = u.id ORDER BY u.id;

-- wrong: wrong in mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, DISPLAY_NAME, FULL_NAME], expected [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, FULL_NAME]; result: rows [[1, alice@example.com, alice, null, 30, alice, alice], [1, alice@examp...
== u.* and an orders column
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT u.*, o.full_name FROM users u JOIN orders o ON o.user_id = u.id ORDER BY o.id;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: labels [ID, USER_ID, FULL_NAME, NOTE, AMOUNT, ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, DISPLAY_NAME], expected [ID, USER_ID, FULL_NAME, NOTE, AMOUNT, ID, EMAIL, DISPLAY_NAME, AGE]; result: rows [[1, 1, alice, first, 10, 1,...
== orders first, then users
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT o.*, u.* FROM orders o JOIN users u ON u.id = o.user_id ORDER BY o.id;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, USER_ID, TEAM, ROLE, NOTE, DISPLAY_NAME], expected [ID, EMAIL, DISPLAY_NAME, AGE, USER_ID, TEAM, ROLE, NOTE]; result: rows [[1, alice@example.com, alice, null, 30, 1, 1, adm...
== comma join with memberships
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users, memberships WHERE memberships.user_id = users.id ORDER BY memberships.user_id, memberships.team;

-- wrong: wrong in mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, DISPLAY_NAME, ID, USER_ID, FULL_NAME, NOTE, AMOUNT], expected [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, ID, USER_ID, FULL_NAME, NOTE, AMOUNT]; result: rows [[1, alice@exampl...
== left join keeps users without orders
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users u LEFT JOIN orders o ON o.user_id = u.id ORDER BY u.id, o.id;

