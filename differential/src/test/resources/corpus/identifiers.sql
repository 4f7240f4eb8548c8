-- Issue 12.4: every spelling of a window name the database accepts, and names the database does not take as names.

== quoted lower-case names (PostgreSQL)
@version new
@dialects postgresql
@must-rewrite
SELECT "users"."display_name" FROM "users" WHERE "id" = 2;

== quoted upper-case names (H2)
@version old
@dialects h2
@must-rewrite
SELECT "FULL_NAME" FROM "USERS" WHERE "ID" = 2;

== backquoted names (MariaDB)
@version old
@dialects mariadb
@must-rewrite
SELECT `full_name`, `u`.`id` FROM `users` `u` WHERE `u`.`id` = 2;

== upper-case unquoted names
@version new
@dialects postgresql, h2
@must-rewrite
SELECT ID, DISPLAY_NAME FROM USERS WHERE ID < 3;

== mixed-case unquoted names
@version old
@must-rewrite
SELECT Full_Name FROM users WHERE Id = 4;

== double-quoted word is a string on MariaDB by default
@version any
@dialects mariadb
SELECT "full_name" AS s, id FROM users WHERE id = 1;

== names inside strings and comments stay
@version old
@must-rewrite
SELECT 'full_name' AS label, full_name /* display_name */ FROM users WHERE id = 1 -- full_name
;

== dollar-quoted string with the name (PostgreSQL)
@version old
@dialects postgresql
@must-rewrite
SELECT $$full_name$$ AS label, full_name FROM users WHERE id = 2;

== schema-qualified table and column (PostgreSQL)
@version old
@dialects postgresql
@must-rewrite
SELECT public.users.full_name FROM public.users WHERE public.users.id = 1;

== schema-qualified table (H2)
@version new
@dialects h2
@must-rewrite
SELECT PUBLIC.USERS.DISPLAY_NAME FROM PUBLIC.USERS WHERE ID = 1;

== quoted alias spelled like the other name
@version old
@dialects h2, postgresql
@must-rewrite
SELECT full_name AS "display_name" FROM users WHERE id = 1;

== double-quoted alias spelled like the other name (MariaDB: refused, the word could be a name under ANSI_QUOTES)
@version old
@dialects mariadb
SELECT full_name AS "display_name" FROM users WHERE id = 1;

== Unicode-escaped old name (PostgreSQL)
@version old
@dialects postgresql
SELECT U&"\0066ull_name" FROM users WHERE id = 1;

== Unicode-escaped new name (PostgreSQL)
@version new
@dialects postgresql
SELECT id FROM users WHERE U&"d\0069splay_name" = 'bob';

== double-quoted word is a name under ANSI_QUOTES (MariaDB)
@version old
@dialects mariadb
@cleanup SET SESSION sql_mode = DEFAULT
SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES');
SELECT "full_name" FROM users WHERE id = 1;

== double-quoted new name under sql_mode ANSI (MariaDB)
@version new
@dialects mariadb
@cleanup SET SESSION sql_mode = DEFAULT
SET SESSION sql_mode = 'ANSI';
UPDATE users SET "display_name" = 'ansi' WHERE id = 2;
