# One instance of an application version in the fleet test, through the sidecar: writes rows with its version's
# name of the column and reads each back until the stop file appears; prints ok=N failed=M.
import os
import sys
import time

import psycopg2

host, port, dbname, user, table, column, first_id, stop = sys.argv[1:9]
conn = psycopg2.connect(host=host, port=int(port), dbname=dbname, user=user)
conn.autocommit = True
cur = conn.cursor()
ok = failed = 0
i = int(first_id)
print("started", flush=True)
while not os.path.exists(stop):
    i += 1
    try:
        cur.execute("INSERT INTO " + table + " (id, " + column + ") VALUES (%s, %s)", (i, "v%d" % i))
        assert cur.rowcount == 1, "insert %d" % i
        cur.execute("UPDATE " + table + " SET " + column + " = %s WHERE id = %s", ("w%d" % i, i))
        assert cur.rowcount == 1, "update %d" % i
        cur.execute("SELECT " + column + " FROM " + table + " WHERE id = %s", (i,))
        row = cur.fetchone()
        assert row is not None and row[0] == "w%d" % i, "read back %d: %r" % (i, row)
        ok += 1
    except Exception as e:  # counted and reported, never hidden
        failed += 1
        print("FAILED at id %d: %s" % (i, e), file=sys.stderr, flush=True)
    time.sleep(0.015)
print("ok=%d failed=%d last=%d" % (ok, failed, i), flush=True)
sys.exit(0 if failed == 0 else 1)
