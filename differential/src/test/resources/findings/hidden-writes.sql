-- Issue 12.3: statements that read or write a window column from inside a form that passes untouched. Each must be
-- rewritten exactly or refused.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in old-only: postgresql,sidecar; mirror: postgresql,sidecar; mirror (markers): postgresql,sidecar; read-new: postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: the database failed where the bare run did not: [42703] ERROR: column "display_name" of relation "users" does not exist
== DO block that updates the new name (PostgreSQL)
@version new
@dialects postgresql
DO $$ BEGIN UPDATE users SET display_name = 'x' WHERE id = 1; END $$;

-- wrong: wrong in mirror: postgresql,sidecar; read-new: postgresql,sidecar; read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase mirror: the two columns differ in row id=1: full_name=x, display_name=alice
== DO block that updates the old name (PostgreSQL)
@version old
@dialects postgresql
DO $$ BEGIN UPDATE users SET full_name = 'x' WHERE id = 1; END $$;

-- wrong: wrong in mirror: mariadb; read-new: mariadb; read-new (markers): mariadb; new-only: mariadb
--   e.g. door mariadb/statement, version old, phase mirror: the two columns differ in row id=1: full_name=x, display_name=alice
== ANALYZE UPDATE runs the update (MariaDB)
@version old
@dialects mariadb
ANALYZE UPDATE users SET full_name = 'x' WHERE id = 1;

-- wrong: wrong in mirror: mariadb; read-new: mariadb; read-new (markers): mariadb; new-only: mariadb
--   e.g. door mariadb/statement, version old, phase mirror: the two columns differ in row id=1: full_name=x, display_name=alice
== PREPARE FROM a string, then EXECUTE (MariaDB)
@version old
@dialects mariadb
@cleanup DEALLOCATE PREPARE dw_s
PREPARE dw_s FROM 'UPDATE users SET full_name = ''x'' WHERE id = 1';
EXECUTE dw_s;

-- wrong: wrong in old-only: h2,mariadb,postgresql,sidecar; mirror (markers): h2,mariadb,postgresql,sidecar
--   e.g. door h2/statement, version new, phase old-only: the database failed where the bare run did not: [42S22] Column "DISPLAY_NAME" not found; SQL statement:
== CREATE TABLE AS SELECT reads the new name
@version new
@dialects h2, mariadb, postgresql
@commits copy_users
CREATE TABLE copy_users AS SELECT id, display_name FROM users;
SELECT * FROM copy_users ORDER BY id;

-- wrong: wrong in old-only: mariadb; mirror (markers): mariadb
--   e.g. door mariadb/statement, version new, phase old-only: the database failed where the bare run did not: [42S22] (conn=3281) Unknown column 'display_name' in 'SELECT'
== SET a variable from a subquery on the new name (MariaDB)
@version new
@dialects mariadb
SET @dw_v := (SELECT display_name FROM users WHERE id = 1);
SELECT @dw_v AS v;

-- wrong: wrong in old-only: mariadb; mirror: mariadb; mirror (markers): mariadb; read-new: mariadb; read-new (markers): mariadb; new-only: mariadb
--   e.g. door mariadb/statement, version old, phase old-only: result 2: rows [[1, alice@example.com, alice, PHONE-555-0101, 30]], expected [[1, alice@example.com, alice, null, 30]]; result: a value from a column this phase must not read: PHONE-555-0101
== HANDLER READ gives the physical row (MariaDB)
@version any
@dialects mariadb
@cleanup HANDLER users CLOSE
HANDLER users OPEN;
HANDLER users READ `PRIMARY` FIRST;

