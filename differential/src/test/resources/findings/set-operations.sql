-- UNION, INTERSECT, EXCEPT.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in read-new: h2,mariadb,postgresql,sidecar; read-new (markers): h2,mariadb,postgresql,sidecar; new-only: h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version old, phase read-new: result: labels [ID, EMAIL, FULL_NAME, AGE, DISPLAY_NAME, PHONE_NUMBER], expected [ID, EMAIL, FULL_NAME, PHONE_NUMBER, AGE]; result: rows [[1, alice@example.com, alice, 30, alice, null], [2, bob@example.com, bob, 41, bob, null]], e...
== star UNION star
@dialects h2, mariadb, postgresql
@version old
SELECT * FROM users WHERE id = 1 UNION ALL SELECT * FROM users WHERE id = 2;
