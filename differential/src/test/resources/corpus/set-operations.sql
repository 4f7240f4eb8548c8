-- UNION, INTERSECT, EXCEPT.

== UNION of users and orders names
@version old
@must-rewrite
SELECT full_name FROM users UNION SELECT full_name FROM orders;

== UNION ALL with the new name
@version new
@must-rewrite
SELECT display_name AS n FROM users UNION ALL SELECT full_name FROM orders;

== EXCEPT (PostgreSQL, H2)
@version new
@dialects postgresql, h2
@must-rewrite
SELECT display_name FROM users EXCEPT SELECT display_name FROM profiles;

== INTERSECT
@version old
@dialects postgresql, h2, mariadb
@must-rewrite
SELECT full_name FROM users INTERSECT SELECT full_name FROM orders;

== UNION ordered by the output name
@version new
@ordered
SELECT display_name FROM users WHERE id < 3 UNION SELECT display_name FROM profiles WHERE display_name IS NOT NULL ORDER BY display_name;

== star UNION star
@dialects h2, mariadb, postgresql
@version old
SELECT * FROM users WHERE id = 1 UNION ALL SELECT * FROM users WHERE id = 2;
