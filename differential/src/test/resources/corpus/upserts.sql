-- Upserts per dialect.

== ON CONFLICT DO UPDATE with EXCLUDED, new name (PostgreSQL)
@version new
@dialects postgresql
@must-rewrite
INSERT INTO users (email, display_name) VALUES ('bob@example.com', 'robert') ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name;

== ON CONFLICT DO UPDATE with EXCLUDED, old name, new row (PostgreSQL)
@version old
@dialects postgresql
@must-rewrite
INSERT INTO users (email, full_name) VALUES ('fresh@example.com', 'fresh') ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name;

== ON CONFLICT DO NOTHING (PostgreSQL)
@version new
@dialects postgresql
@must-rewrite
INSERT INTO users (email, display_name) VALUES ('bob@example.com', 'robert') ON CONFLICT DO NOTHING;

== ON CONFLICT DO UPDATE reading the current value (PostgreSQL)
@version old
@dialects postgresql
INSERT INTO users (email, full_name) VALUES ('bob@example.com', 'x') ON CONFLICT (email) DO UPDATE SET full_name = users.full_name || '+' || EXCLUDED.full_name;

== ON DUPLICATE KEY UPDATE with VALUES(), new name (MariaDB)
@version new
@dialects mariadb
@must-rewrite
INSERT INTO users (email, display_name) VALUES ('bob@example.com', 'robert') ON DUPLICATE KEY UPDATE display_name = VALUES(display_name);

== ON DUPLICATE KEY UPDATE with a literal, old name (MariaDB)
@version old
@dialects mariadb
@must-rewrite
INSERT INTO users (email, full_name) VALUES ('bob@example.com', 'robert') ON DUPLICATE KEY UPDATE full_name = 'dup';

== ON DUPLICATE KEY UPDATE reading the current value (MariaDB)
@version new
@dialects mariadb
INSERT INTO users (email, display_name) VALUES ('eve@example.com', 'x') ON DUPLICATE KEY UPDATE display_name = CONCAT(display_name, '+');

== REPLACE (MariaDB)
@version old
@dialects mariadb
@must-rewrite
REPLACE INTO users (id, email, full_name, age) VALUES (2, 'bob@example.com', 'replaced', 9);

== H2 MERGE ... KEY
@version new
@dialects h2
@must-rewrite
MERGE INTO users (id, email, display_name) KEY (id) VALUES (2, 'bob@example.com', 'merged');

== upsert into memberships (composite key, no window)
@version any
@dialects postgresql
@must-rewrite
INSERT INTO memberships (user_id, team, role) VALUES (1, 1, 'owner') ON CONFLICT (user_id, team) DO UPDATE SET role = EXCLUDED.role;
