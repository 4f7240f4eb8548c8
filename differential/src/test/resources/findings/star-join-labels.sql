-- Issue 12.8: SELECT * over a join: every label where the version expects it, none shadowing another table's.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

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
