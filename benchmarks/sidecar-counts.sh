#!/usr/bin/env bash
# Counts what one pgbench transaction costs the sidecar, in numbers that do not move with the machine's load:
# system calls per transaction (strace -c on every thread of the sidecar's JVM), bytes allocated per transaction by
# the event-loop threads (the JVM's own per-thread allocation counters, read through a flight recording), and, for
# reference, CPU time per transaction (user and system, from /proc; this one does move with the load).
#
# Usage: benchmarks/sidecar-counts.sh [transactions per client] [pgbench mode: simple|extended|prepared]
#                                     [phase: read-new|mirror|old-only|new-only|none]
#        (THREADS=n sets the sidecar's event-loop threads; WARMUP=seconds its JIT warm-up, default 20;
#        NO_STRACE=1 skips the system-call count, which slows the run it watches)
# Needs: a PostgreSQL server on 127.0.0.1:5432 trusting loopback, pgbench, strace, python3, the JDK's jcmd and jfr, and the
# built executable (mvn -q -DskipTests -pl cli -am package).
set -euo pipefail
cd "$(dirname "$0")/.."

TX=${1:-5000}
MODE=${2:-simple}
PHASE=${3:-read-new}
CLIENTS=8
DB=${DB:-dualwrite_bench}
PORT=${PORT:-16435}
export PGHOST=127.0.0.1 PGUSER=postgres

work=$(mktemp -d)
cleanup() {
  [ -n "${sidecar_pid:-}" ] && kill "$sidecar_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -p 5432 -d postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || createdb -p 5432 "$DB"
if ! psql -p 5432 -d "$DB" -qtAc "SELECT 1 FROM pg_class WHERE relname = 'pgbench_accounts'" | grep -q 1; then
  pgbench -p 5432 -i -q -s 10 "$DB" >/dev/null 2>&1
fi
PGOPTIONS="-c client_min_messages=warning" psql -p 5432 -d "$DB" -qc "ALTER TABLE pgbench_accounts ADD COLUMN IF NOT EXISTS balance int;
                          UPDATE pgbench_accounts SET balance = abalance WHERE balance IS DISTINCT FROM abalance;" \
  >/dev/null

if [ "$PHASE" = none ]; then
  echo "windows: []" > "$work/dualwrite.yaml"
else
  printf 'windows:\n  - table: pgbench_accounts\n    from: abalance\n    to: balance\n    phase: %s\n' "$PHASE" \
    > "$work/dualwrite.yaml"
fi
cli/bin/dualwrite sidecar --listen "127.0.0.1:$PORT" --upstream 127.0.0.1:5432 --config "$work/dualwrite.yaml" \
  --threads "${THREADS:-0}" >"$work/sidecar.log" 2>&1 &
sidecar_pid=$!
for _ in $(seq 100); do psql -p "$PORT" -d "$DB" -qtAc 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
# The launcher execs java: the pid is the JVM's.
pgbench -p "$PORT" -S -M "$MODE" -c "$CLIENTS" -j 2 -T "${WARMUP:-20}" -n "$DB" >/dev/null 2>&1

ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
total=$((TX * CLIENTS))

# 1. Allocation and CPU, without strace in the way.
# A recording of the per-thread allocation counters only, so that it costs the run nothing measurable.
cat > "$work/counts.jfc" <<'JFC'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0">
  <event name="jdk.ThreadAllocationStatistics"><setting name="enabled">true</setting><setting name="period">1 s</setting></event>
</configuration>
JFC
jcmd "$sidecar_pid" JFR.start name=counts settings="$work/counts.jfc" filename="$work/counts.jfr" >/dev/null
read -r u0 s0 < <(ticks "$sidecar_pid")
pgbench -p "$PORT" -S -M "$MODE" -c "$CLIENTS" -j 2 -t "$TX" -n "$DB" >"$work/pgbench.txt" 2>&1
read -r u1 s1 < <(ticks "$sidecar_pid")
jcmd "$sidecar_pid" JFR.stop name=counts >/dev/null
# Per event-loop thread, the growth of its allocation counter over the recording.
alloc=$(jfr print --json --events jdk.ThreadAllocationStatistics "$work/counts.jfr" | python3 -c '
import json, sys
lo, hi = {}, {}
for e in json.load(sys.stdin)["recording"]["events"]:
    v = e["values"]
    name = (v.get("thread") or {}).get("javaName") or ""
    if "eventloop" in name.lower():
        lo.setdefault(name, v["allocated"])
        hi[name] = v["allocated"]
print(sum(hi[t] - lo[t] for t in hi))')

# 2. System calls, in a second run of the same size.
if [ -z "${NO_STRACE:-}" ]; then
  strace -c -f -p "$sidecar_pid" -o "$work/strace.txt" &
  strace_pid=$!
  sleep 1
  pgbench -p "$PORT" -S -M "$MODE" -c "$CLIENTS" -j 2 -t "$TX" -n "$DB" >/dev/null 2>&1
  kill -INT "$strace_pid"
  wait "$strace_pid" || true
fi

echo "pgbench -S -M $MODE -c $CLIENTS -j 2, $total transactions, sidecar phase $PHASE," \
  "${THREADS:-default} event-loop threads"
awk -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v n="$total" -v hz="$hz" -v a="$alloc" 'BEGIN {
  printf "CPU per transaction: %.1f µs user, %.1f µs system (moves with the load)\n", u * 1e6 / hz / n, s * 1e6 / hz / n
  printf "allocated by the event loops per transaction: %.0f bytes\n", a / n }'
if [ -z "${NO_STRACE:-}" ]; then
  echo "system calls per transaction:"
  awk -v n="$total" '$NF ~ /^[a-z_0-9]+$/ && $(NF-1) ~ /^[0-9]+$/ && $NF != "total" {
      calls = ($(NF-2) ~ /^[0-9]+$/ && NF >= 6) ? $(NF-2) : $(NF-1)
      printf "  %-16s %.2f\n", $NF, calls / n }' "$work/strace.txt" | sort -k2 -g -r | head -16
fi
