"""An application written with psycopg2, run through the sidecar by PsycopgTest.

Window: people.full_name -> display_name in mirror. The script uses both names, as old and new code would, and
prints what it observed as key=value lines; the Java test checks them and the stored rows.
Arguments: host port database
"""
import sys

import psycopg2
import psycopg2.errors
import psycopg2.extras

host, port, database = sys.argv[1], int(sys.argv[2]), sys.argv[3]


def report(key, value):
    print("%s=%s" % (key, str(value).replace("\n", "\\n")), flush=True)


conn = psycopg2.connect(host=host, port=port, dbname=database, user="postgres", connect_timeout=10,
                        application_name="psycopg2-through-sidecar")
cur = conn.cursor()

# Parameterized statements: psycopg2 inlines the values as literals, including quotes and unicode.
cur.execute("INSERT INTO people (id, full_name, email) VALUES (%s, %s, %s)", (1, "Ada O'Brien", "ada@example.org"))
cur.execute("INSERT INTO people (id, display_name, email) VALUES (%(id)s, %(name)s, %(email)s)",
            {"id": 2, "name": "Gr\u00e2ce \u2013 Hopper", "email": None})
conn.commit()
cur.execute("SELECT id, display_name, full_name FROM people WHERE id IN %s ORDER BY id", ((1, 2),))
report("columns", ",".join(d.name for d in cur.description))
for row in cur.fetchall():
    report("row%d" % row[0], "%s|%s" % (row[1], row[2]))

# executemany, then a dictionary cursor reading the new name.
cur.executemany("INSERT INTO people (id, full_name) VALUES (%s, %s)", [(i, "bulk %d" % i) for i in range(10, 20)])
psycopg2.extras.execute_values(cur, "INSERT INTO people (id, display_name) VALUES %s",
                               [(i, "values %d" % i) for i in range(20, 25)])
conn.commit()
with conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor) as d:
    d.execute("SELECT count(*) AS n FROM people WHERE display_name LIKE %s OR full_name LIKE %s", ("bulk%", "values%"))
    report("bulk_count", d.fetchone()["n"])

# A transaction rolled back leaves nothing; one committed is kept.
cur.execute("UPDATE people SET display_name = %s WHERE id = %s", ("rolled back", 1))
conn.rollback()
cur.execute("UPDATE people SET full_name = %s WHERE id = %s RETURNING display_name", ("Ada Byron", 1))
report("returning", cur.fetchone()[0])
conn.commit()

# A statement the sidecar rejects: psycopg2 raises with the SQLSTATE, and the connection stays usable.
try:
    cur.execute("UPDATE people SET full_name = md5(random()::text) WHERE id = %s", (1,))
    report("rejected", "no error")
except psycopg2.Error as e:
    report("rejected_pgcode", e.pgcode)
    report("rejected_message", e.pgerror)
    report("rejected_status", conn.get_transaction_status())
try:
    cur.execute("SELECT 1")
    report("after_rejection_in_tx", "no error")
except psycopg2.Error as e:
    report("after_rejection_in_tx", e.pgcode)
conn.rollback()
cur.execute("SELECT display_name FROM people WHERE id = 1")
report("after_rollback", cur.fetchone()[0])

# A server error (unique violation) is the server's own, and the session goes on.
try:
    cur.execute("INSERT INTO people (id, full_name) VALUES (%s, %s)", (1, "duplicate"))
    report("duplicate", "no error")
except psycopg2.errors.UniqueViolation as e:
    report("duplicate_pgcode", e.pgcode)
conn.rollback()

# Autocommit mode: an error does not poison the next statement.
conn.autocommit = True
try:
    cur.execute("INSERT INTO people (id, display_name) VALUES (%s, md5(random()::text))", (99,))
    report("autocommit_rejected", "no error")
except psycopg2.Error as e:
    report("autocommit_rejected_pgcode", e.pgcode)
cur.execute("INSERT INTO people (id, display_name) VALUES (%s, %s)", (30, "after error"))
report("autocommit_next", cur.rowcount)
conn.autocommit = False

# A server-side (named) cursor: DECLARE ... CURSOR FOR a rewritten query, fetched in batches.
with conn.cursor(name="people_cursor") as named:
    named.itersize = 4
    named.execute("SELECT id, display_name FROM people WHERE id >= %s ORDER BY id", (10,))
    report("named_cursor_rows", sum(1 for _ in named))
conn.commit()

# Server-side prepared statements through SQL.
cur.execute("PREPARE by_id (int) AS SELECT display_name FROM people WHERE id = $1")
cur.execute("EXECUTE by_id (%s)", (2,))
report("prepared_sql", cur.fetchone()[0])
cur.execute("DEALLOCATE by_id")
conn.commit()
conn.close()
report("done", "yes")
