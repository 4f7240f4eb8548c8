-- INSERT, UPDATE and DELETE in the forms the product rewrites.

== INSERT with a column list, old name
@version old
@must-rewrite
@params 'new@example.com', 'newbie', 22
INSERT INTO users (email, full_name, age) VALUES (?, ?, ?);

== INSERT with a column list, new name
@version new
@must-rewrite
@params 'new@example.com', 'newbie', 22
INSERT INTO users (email, display_name, age) VALUES (?, ?, ?);

== multi-row INSERT, new name
@version new
@must-rewrite
INSERT INTO users (email, display_name) VALUES ('a1@example.com', 'a1'), ('a2@example.com', NULL), ('a3@example.com', 'Zoë');

== INSERT with the dropped column, old name
@version old
@must-rewrite
INSERT INTO users (email, full_name, phone_number, age) VALUES ('p@example.com', 'phoned', '555-7777', 50);

== INSERT with DEFAULT
@version old
@must-rewrite
INSERT INTO users (email, full_name, age) VALUES ('d@example.com', DEFAULT, 1);

== INSERT ... SELECT from orders into users
@version new
@must-rewrite
INSERT INTO users (email, display_name) SELECT CONCAT('o', o.id), o.full_name FROM orders o WHERE o.amount > 30;

== INSERT ... SELECT from users into orders
@version old
@must-rewrite
INSERT INTO orders (user_id, full_name, note) SELECT id, full_name, 'copy' FROM users WHERE age > 30;

== INSERT with generated keys
@version new
@must-rewrite
@keys id
INSERT INTO users (email, display_name) VALUES ('k@example.com', 'keyed');

== INSERT with all generated keys
@version old
@keys
INSERT INTO users (email, full_name) VALUES ('k@example.com', 'keyed');

== UPDATE of the renamed column by id
@version new
@must-rewrite
@params 'renamed', 1
UPDATE users SET display_name = ? WHERE id = ?;

== UPDATE of the renamed column from another column
@version old
@must-rewrite
UPDATE users SET full_name = email WHERE age > 30;

== UPDATE with the renamed column read on both sides
@version new
@must-rewrite
UPDATE users SET display_name = CONCAT(display_name, '-x') WHERE display_name IS NOT NULL;

== UPDATE to NULL
@version old
@must-rewrite
UPDATE users SET full_name = NULL WHERE id = 4;

== UPDATE of another column filtered by the renamed one
@version new
@must-rewrite
@params 'bob'
UPDATE users SET age = age + 1 WHERE display_name = ?;

== DELETE by the renamed column
@version old
@must-rewrite
@params 'bob'
DELETE FROM users WHERE full_name = ?;

== DELETE by a subquery on orders
@version new
@must-rewrite
DELETE FROM users WHERE id IN (SELECT o.user_id FROM orders o WHERE o.amount >= 30);

== UPDATE of orders only (no window column)
@version any
@must-rewrite
UPDATE orders SET full_name = 'x' WHERE user_id = 1;

== UPDATE with a scalar subquery from orders (PostgreSQL, H2: row form)
@version old
@dialects postgresql, h2
UPDATE users SET full_name = (SELECT o.full_name FROM orders o WHERE o.id = users.id) WHERE id < 3;

== INSERT ... SET (MariaDB)
@version new
@dialects mariadb
@must-rewrite
INSERT INTO users SET email = 'set@example.com', display_name = 'setter';

== multi-table DELETE (MariaDB)
@version old
@dialects mariadb
DELETE u FROM users u JOIN orders o ON o.user_id = u.id WHERE o.note = 'gift';
