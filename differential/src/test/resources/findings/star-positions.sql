-- Issue 15.4: where * is expanded, the version's column must keep its place, so positions address the same column.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: result: labels [ID, EMAIL, FULL_NAME, AGE, DISPLAY_NAME, PHONE_NUMBER], expected [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE]; result: rows [[3, carol@example.com, null, null, null, null], [4, zoe@example.com, Zoë Ünïcødé, 28, Zoë Ün...
== ORDER BY the third column, old version
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM users ORDER BY 3, 1;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, DISPLAY_NAME], expected [ID, EMAIL, DISPLAY_NAME, AGE]; result: rows [[3, carol@example.com, null, null, null, null], [4, zoe@example.com, Zoë Ünïcødé, null, 28, Zoë Ünïcødé...
== ORDER BY the third column, new version
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users ORDER BY 3, 1;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: result: labels [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE, DISPLAY_NAME], expected [ID, EMAIL, DISPLAY_NAME, AGE]; result: rows [[1, alice@example.com, alice, null, 30, alice], [2, bob@example.com, bob, null, 41, bob], [3, carol@exa...
== users.* in key order
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT users.* FROM users WHERE id < 4 ORDER BY id;

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: result: labels [ID, EMAIL, FULL_NAME, AGE, DISPLAY_NAME, PHONE_NUMBER], expected [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE]; result: rows [[3, carol@example.com, null, null, null, null], [4, zoe@example.com, Zoë Ünïcødé, 28, Zoë Ün...
== star of a derived table, ordered by position
@dialects h2, mariadb, postgresql
@version old
@ordered
SELECT * FROM (SELECT * FROM users) x ORDER BY 3, 1;

-- wrong: wrong in read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase read-new: result: labels [id, email, full_name, age, display_name, phone_number], expected [id, email, full_name, phone_number, age]; result: rows [[1, alice@example.com, alice, 30, alice, null], [2, bob@example.com, bob, 41, bob, null], [3...
== TABLE users (PostgreSQL)
@version old
@dialects postgresql
@ordered
TABLE users ORDER BY 1;

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: result: labels [id, email, full_name, phone_number, age, display_name], expected [id, email, display_name, age]; result: rows [[100, n@example.com, newbie, null, 20, newbie]], expected [[100, n@example.com, newbie, 20]]
== INSERT ... RETURNING * (PostgreSQL)
@version new
@dialects postgresql
INSERT INTO users (email, display_name, age) VALUES ('n@example.com', 'newbie', 20) RETURNING *;

-- wrong: wrong in read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase read-new: result: labels [id, email, full_name, age, display_name, phone_number], expected [id, email, full_name, phone_number, age]; result: rows [[1, alice@example.com, alice, 31, alice, null]], expected [[1, alice@example.com, alice, nul...
== UPDATE ... RETURNING * (PostgreSQL)
@version old
@dialects postgresql
UPDATE users SET age = age + 1 WHERE id = 1 RETURNING *;

-- wrong: wrong in old-only: mariadb,postgresql,sidecar; mirror: mariadb,postgresql,sidecar; mirror (markers): mariadb,postgresql,sidecar; read-new: mariadb,postgresql,sidecar; read-new (markers): mariadb,postgresql,sidecar; new-only: mariadb,postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: result: labels [id, email, full_name, phone_number, age, display_name], expected [id, email, display_name, age]; result: rows [[6, eve@example.com, eve, null, 35, eve]], expected [[6, eve@example.com, eve, 35]]
== DELETE ... RETURNING * (PostgreSQL, MariaDB)
@version new
@dialects mariadb, postgresql
DELETE FROM users WHERE id = 6 RETURNING *;

-- wrong: wrong in read-new: mariadb; read-new (markers): mariadb; new-only: mariadb
--   e.g. door mariadb/statement, version old, phase read-new: result: labels [id, email, full_name, age, display_name, phone_number], expected [id, email, full_name, phone_number, age]; result: rows [[100, m@example.com, maria, 20, maria, null]], expected [[100, m@example.com, maria, null, 2...
== INSERT ... RETURNING * (MariaDB)
@version old
@dialects mariadb
INSERT INTO users (email, full_name, age) VALUES ('m@example.com', 'maria', 20) RETURNING *;
