-- Plain reads of the window table and of the tables that share its column names.

== every user by id
@version old
@ordered
SELECT id, full_name, email FROM users ORDER BY id;

== every user by id, new name
@version new
@ordered
SELECT id, display_name, email FROM users ORDER BY id;

== filter by the renamed column, parameter
@version old
@params 'bob'
SELECT id FROM users WHERE full_name = ?;

== filter by the renamed column, parameter, new name
@version new
@params 'bob'
SELECT id, display_name AS shown FROM users WHERE display_name = ?;

== orders have their own full_name
@version any
SELECT o.id, o.full_name FROM orders o WHERE o.amount > 15;
