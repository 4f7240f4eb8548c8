-- Issue 12.2: with a window table in a NATURAL JOIN the shared columns, so the join condition, change with the phase.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar; old-only: h2,mariadb,postgresql,sidecar; mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new, marker pass: update count: update count 0, expected 2; contents of users: missing [], unexpected [{age=30, email=alice@example.com, full_name=alice, id=1, phone_number=null}, {age=41, email=bob@example.com, full_name=bob, id=2, phone_number=nu...
== DELETE by a NATURAL JOIN with orders
@dialects h2, mariadb, postgresql
@version any
DELETE FROM users WHERE id IN (SELECT users.id FROM users NATURAL JOIN orders);

-- wrong: wrong in mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar; old-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror: result: rows [[1], [2], [5]], expected [[5], [5], [5], [5], [5], [1], [1], [1]] ... (30 in all)
== SELECT over a NATURAL JOIN with profiles
@dialects h2, mariadb, postgresql
@version any
SELECT u.id FROM users u NATURAL JOIN profiles p;

-- wrong: wrong in mirror: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar; read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar; old-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase mirror: update count: update count 3, expected 6; contents of users: missing [{age=2, email=carol@example.com, full_name=null, id=3, phone_number=null}, {age=2, email=eve@example.com, full_name=eve, id=6, phone_number=null}, {age=2, email...
== UPDATE by a NATURAL JOIN with profiles
@dialects h2, mariadb, postgresql
@version any
UPDATE users SET age = 2 WHERE id IN (SELECT u.id FROM users u NATURAL JOIN profiles p);
