-- Issue 15.4: where * is expanded, the version's column must keep its place, so positions address the same column.


== star over a join, ordered by positions
@dialects h2, mariadb, postgresql
@version new
@ordered
SELECT * FROM users u JOIN orders o ON o.user_id = u.id ORDER BY 3, 1, 5;
