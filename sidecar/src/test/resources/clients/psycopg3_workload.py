"""One version of an application written with psycopg 3, run through the sidecar by Psycopg3Test.

The workload contract (arguments, control directory, report lines) is described in RollingRename.java. The old
version says full_name, the new one display_name; neither knows the phase. What psycopg 3 does differently from
psycopg2, and what each iteration therefore exercises:
- server-side prepared statements: with prepare_threshold=1 a query is prepared (as _pg3_N) from its second
  execution on, and then only bound; the sidecar must prepare it again, invisibly, after each phase change;
- binary parameters (%b placeholders) and binary results;
- pipeline mode: several statements sent before any result is read;
- COPY: rows loaded into a staging table and moved with INSERT ... SELECT (a COPY FROM straight into a column the
  window mirrors is refused, with that advice), and a COPY TO STDOUT that reads the name back;
- SELECT * read into dictionaries: the columns the sidecar expands must carry the names the version knows.
Arguments: host port database role control-directory
"""
import os
import sys
import time

import psycopg
from psycopg.rows import dict_row

host, port, database, role, control = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
name = "full_name" if role == "old" else "display_name"

failures = []
counts = {"iterations": 0, "inserted": 0, "copied_in": 0, "copied_out": 0, "pipelined": 0}


def report(key, value):
    print("%s=%s" % (key, str(value).replace("\n", "\\n")), flush=True)


def failed(what, detail):
    failures.append("%s: %s" % (what, detail))


def expect(what, actual, expected):
    if actual != expected:
        failed(what, "read %r, expected %r" % (actual, expected))


def write_progress(n):
    tmp = os.path.join(control, role + ".progress.tmp")
    with open(tmp, "w") as f:
        f.write(str(n))
    os.replace(tmp, os.path.join(control, role + ".progress"))


conn = psycopg.connect(host=host, port=port, dbname=database, user="postgres", connect_timeout=10,
                       application_name="psycopg3-%s-version" % role, autocommit=True, prepare_threshold=1)
conn.execute("CREATE TEMP TABLE staging (email text, name text)")

insert_sql = "INSERT INTO people (email, %s) VALUES (%%s, %%s) RETURNING id" % name
read_binary_sql = "SELECT %s FROM people WHERE id = %%b" % name
update_sql = "UPDATE people SET %s = %%s WHERE id = %%s" % name
by_name_sql = "SELECT id, %s FROM people WHERE %s = %%s" % (name, name)
star_sql = "SELECT * FROM people WHERE id = %s"
move_sql = "INSERT INTO people (email, %s) SELECT s.email, s.name FROM staging s" % name
copy_out_sql = "COPY (SELECT %s FROM people WHERE email LIKE %%s ORDER BY id) TO STDOUT" % name

stamp = "%d-%d" % (os.getpid(), int(time.time() * 1000))
i = 0
while not os.path.exists(os.path.join(control, "stop")):
    i += 1
    email = "%s-%s-%d" % (role, stamp, i)
    try:
        cur = conn.cursor()
        row_id = cur.execute(insert_sql, (email, "n:" + email)).fetchone()[0]
        counts["inserted"] += 1
        # Binary parameter and binary result.
        expect("binary read", conn.cursor(binary=True).execute(read_binary_sql, (row_id,)).fetchone()[0],
               "n:" + email)
        # Pipeline: the UPDATE, the read by name and a count go out before any result comes back.
        with conn.pipeline():
            c1, c2, c3 = conn.cursor(), conn.cursor(), conn.cursor()
            c1.execute(update_sql, ("r:" + email, row_id))
            c2.execute(by_name_sql, ("r:" + email,))
            c3.execute("SELECT count(*) FROM people WHERE %s LIKE %%s" % name, ("r:" + role + "-%",))
        expect("pipelined update", c1.rowcount, 1)
        expect("pipelined read by name", c2.fetchall(), [(row_id, "r:" + email)])
        if c3.fetchone()[0] < 1:
            failed("pipelined count", "no renamed row of this version")
        counts["pipelined"] += 1
        # SELECT * read by column name: the version's own name must be there, with the value it wrote.
        row = conn.cursor(row_factory=dict_row).execute(star_sql, (row_id,)).fetchone()
        expect("SELECT * by name", row.get(name) if row else None, "r:" + email)
        if i % 3 == 0:
            # COPY into a staging table, then INSERT ... SELECT into the window table.
            batch = ["%s-copy%d" % (email, k) for k in range(2)]
            with cur.copy("COPY staging (email, name) FROM STDIN") as copy:
                for e in batch:
                    copy.write_row((e, "r:" + e))
            cur.execute(move_sql)
            expect("moved from staging", cur.rowcount, 2)
            counts["inserted"] += cur.rowcount
            counts["copied_in"] += 2
            cur.execute("DELETE FROM staging")
            with cur.copy(copy_out_sql, (email + "-copy%",)) as copy:
                out = [r[0] for r in copy.rows()]
            expect("COPY TO STDOUT", out, ["r:" + e for e in batch])
            counts["copied_out"] += len(out)
    except psycopg.Error as e:
        failed("iteration %d" % i, "%s %s" % (e.sqlstate, str(e).strip()))
    counts["iterations"] = i
    write_progress(i)
    time.sleep(0.005)

# The statements psycopg prepared on the server (it names them _pg3_N): proof that they were bound, not re-parsed.
prepared = conn.execute("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE %s", ("_pg3_%",)).fetchone()[0]
conn.close()
for key, value in counts.items():
    report(key, value)
report("server_prepared", prepared)
report("failures", len(failures))
for k, f in enumerate(failures[:10]):
    report("failure.%d" % k, f)
