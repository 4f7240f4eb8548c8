-- Issue 12.4: every spelling of a window name the database accepts, and names the database does not take as names.
-- Cases that give a wrong outcome today (not run by the build; run them with -Ddifferential.corpus=findings).
-- Each note says where it went wrong when it was moved here.

-- wrong: wrong in read-new (markers): postgresql,sidecar; new-only: postgresql,sidecar
--   e.g. door postgresql/statement, version old, phase read-new, marker pass: result: rows [[MARKER-1]], expected [[alice]]; result: a value from a column this phase must not read: MARKER-1
== Unicode-escaped old name (PostgreSQL)
@version old
@dialects postgresql
SELECT U&"\0066ull_name" FROM users WHERE id = 1;

-- wrong: wrong in old-only: postgresql,sidecar; mirror (markers): postgresql,sidecar
--   e.g. door postgresql/statement, version new, phase old-only: the database failed where the bare run did not: [42703] ERROR: column "display_name" does not exist
== Unicode-escaped new name (PostgreSQL)
@version new
@dialects postgresql
SELECT id FROM users WHERE U&"d\0069splay_name" = 'bob';

-- wrong: wrong in read-new (markers): mariadb; new-only: mariadb
--   e.g. door mariadb/statement, version old, phase read-new, marker pass: result 2: rows [[MARKER-1]], expected [[alice]]; result: a value from a column this phase must not read: MARKER-1
== double-quoted word is a name under ANSI_QUOTES (MariaDB)
@version old
@dialects mariadb
@cleanup SET SESSION sql_mode = DEFAULT
SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES');
SELECT "full_name" FROM users WHERE id = 1;

-- wrong: wrong in old-only: mariadb; mirror: mariadb; mirror (markers): mariadb; read-new: mariadb
--   e.g. door mariadb/statement, version new, phase old-only: the database failed where the bare run did not: [42S22] (conn=3281) Unknown column 'display_name' in 'SET'
== double-quoted new name under sql_mode ANSI (MariaDB)
@version new
@dialects mariadb
@cleanup SET SESSION sql_mode = DEFAULT
SET SESSION sql_mode = 'ANSI';
UPDATE users SET "display_name" = 'ansi' WHERE id = 2;

