#!/usr/bin/env bash
# Compares the sidecar with a direct connection and with PgBouncer (session mode), in one interleaved run:
# pgbench -S -c 8 -j 2 against each target in turn, round after round, so that the machine's noise falls on all three.
# The sidecar runs with a window active on pgbench_accounts (abalance -> balance) in the chosen phase: read-new (the
# default) rewrites every SELECT (abalance is read from balance), mirror and old-only plan each SELECT and send it as it
# came (a pass-through phase), none runs the sidecar with no window at all. Besides tps, it reports the
# ratio to direct within each round (the machine's speed drifts between rounds) and the CPU time each proxy process
# used per transaction (user + system, from /proc), which moves less with the machine's load than tps does.
#
# Usage: benchmarks/sidecar-pgbench.sh [rounds] [seconds per run] [pgbench mode: simple|extended|prepared]
#                                      [phase: read-new|mirror|old-only|new-only|none]
#        (WARMUP=seconds sets the unmeasured warm-up of the sidecar's JIT, default 20; THREADS=n the sidecar's
#        event-loop threads, default one per processor; DB, SIDECAR_PORT and BOUNCER_PORT the database and ports; the
#        sidecar is started with the launcher cli/bin/dualwrite, so JAVA_OPTS reaches its JVM)
#        A second sidecar joins the rounds as target "sidecar-b" when COMPARE_JAR (another build's dualwrite.jar, for
#        a before/after comparison) or COMPARE_THREADS (another event-loop thread count) is set; it listens on
#        COMPARE_PORT (default SIDECAR_PORT + 2).
#        FLOOR=1 adds target "bare-relay": dev.dualwrite.benchmarks.BareRelay, a Netty byte relay that knows nothing of
#        PostgreSQL (one event loop, or FLOOR_THREADS), on FLOOR_PORT (default SIDECAR_PORT + 4): the least CPU a
#        transaction can cost any relay on this runtime and transport, measured in the same rounds.
# Needs: a PostgreSQL server on 127.0.0.1:5432 trusting loopback, pgbench, pgbouncer, and the built executable
# (mvn -q -DskipTests -pl cli -am package; FLOOR=1 also needs mvn -q -DskipTests -pl benchmarks -am package).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-5}
SECONDS_PER_RUN=${2:-10}
MODE=${3:-simple}
PHASE=${4:-read-new}
case $PHASE in
  read-new|mirror|old-only|new-only|none) ;;
  *) echo "unknown phase '$PHASE': use read-new, mirror, old-only, new-only or none" >&2; exit 2 ;;
esac
DB=${DB:-dualwrite_bench}
SIDECAR_PORT=${SIDECAR_PORT:-16433}
BOUNCER_PORT=${BOUNCER_PORT:-16434}
export PGHOST=127.0.0.1 PGUSER=postgres

work=$(mktemp -d)
chmod 777 "$work"  # pgbouncer, switched to the postgres user, writes its log and pid file here
cleanup() {
  [ -n "${sidecar_pid:-}" ] && kill "$sidecar_pid" 2>/dev/null || true
  [ -n "${compare_pid:-}" ] && kill "$compare_pid" 2>/dev/null || true
  [ -n "${floor_pid:-}" ] && kill "$floor_pid" 2>/dev/null || true
  [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

psql -p 5432 -d postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || createdb -p 5432 "$DB"
pgbench -p 5432 -i -q -s 10 "$DB" >/dev/null 2>&1
psql -p 5432 -d "$DB" -qc "ALTER TABLE pgbench_accounts ADD COLUMN IF NOT EXISTS balance int;
                          UPDATE pgbench_accounts SET balance = abalance;" >/dev/null

if [ "$PHASE" = none ]; then
  echo "windows: []" > "$work/dualwrite.yaml"
else
  cat > "$work/dualwrite.yaml" <<YAML
windows:
  - table: pgbench_accounts
    from: abalance
    to: balance
    phase: $PHASE
YAML
fi
cli/bin/dualwrite sidecar --listen "127.0.0.1:$SIDECAR_PORT" --upstream 127.0.0.1:5432 \
  --config "$work/dualwrite.yaml" --threads "${THREADS:-0}" >"$work/sidecar.log" 2>&1 &
sidecar_pid=$!
targets="direct sidecar pgbouncer"
ports=$SIDECAR_PORT
COMPARE_PORT=${COMPARE_PORT:-$((SIDECAR_PORT + 2))}
if [ -n "${COMPARE_JAR:-}" ] || [ -n "${COMPARE_THREADS:-}" ]; then
  "${JAVA:-java}" ${JAVA_OPTS:-} -jar "${COMPARE_JAR:-cli/target/dualwrite.jar}" sidecar \
    --listen "127.0.0.1:$COMPARE_PORT" --upstream 127.0.0.1:5432 --config "$work/dualwrite.yaml" \
    --threads "${COMPARE_THREADS:-${THREADS:-0}}" >"$work/compare.log" 2>&1 &
  compare_pid=$!
  targets="direct sidecar sidecar-b pgbouncer"
  ports="$ports $COMPARE_PORT"
fi
FLOOR_PORT=${FLOOR_PORT:-$((SIDECAR_PORT + 4))}
if [ "${FLOOR:-0}" = 1 ]; then
  "${JAVA:-java}" ${JAVA_OPTS:-} -cp benchmarks/target/benchmarks.jar dev.dualwrite.benchmarks.BareRelay \
    "$FLOOR_PORT" 127.0.0.1 5432 "${FLOOR_THREADS:-1}" >"$work/floor.log" 2>&1 &
  floor_pid=$!
  targets="${targets% pgbouncer} bare-relay pgbouncer"
  ports="$ports $FLOOR_PORT"
fi

cat > "$work/users.txt" <<USERS
"postgres" ""
USERS
cat > "$work/pgbouncer.ini" <<INI
[databases]
$DB = host=127.0.0.1 port=5432 dbname=$DB
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $work/users.txt
pool_mode = session
max_client_conn = 200
default_pool_size = 20
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
chmod 644 "$work"/*
if [ "$(id -u)" = 0 ]; then
  pgbouncer -d -u postgres "$work/pgbouncer.ini"
else
  pgbouncer -d "$work/pgbouncer.ini"
fi

for port in $ports $BOUNCER_PORT; do
  for _ in $(seq 50); do psql -p "$port" -d "$DB" -qtAc 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.2; done
done

# CPU time the process has used so far, in clock ticks: user, then system.
ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; }
# Microseconds per transaction of a number of ticks over n transactions.
per_tx() { awk -v c="$1" -v n="$2" -v hz="$hz" 'BEGIN { printf "%.1f", c * 1e6 / hz / n }'; }

# One pgbench run; prints "tps transactions".
run() {
  pgbench -p "$1" -S -M "$MODE" -c 8 -j 2 -T "$SECONDS_PER_RUN" -n "$DB" 2>/dev/null \
    | awk '/^number of transactions actually processed/ { n = $NF } /^tps = / { t = $3 } END { print t, n }'
}

# Warm-up, not measured: the sidecar's JIT compilation, and the server's caches for every target alike.
WARMUP=${WARMUP:-20}
for port in $ports; do
  pgbench -p "$port" -S -M "$MODE" -c 8 -j 2 -T "$WARMUP" -n "$DB" >/dev/null 2>&1
done
pgbench -p 5432 -S -M "$MODE" -c 8 -j 2 -T 5 -n "$DB" >/dev/null 2>&1
pgbench -p "$BOUNCER_PORT" -S -M "$MODE" -c 8 -j 2 -T 5 -n "$DB" >/dev/null 2>&1

bouncer_pid=$(cat "$work/pgbouncer.pid")
hz=$(getconf CLK_TCK)
# Per target: tps of each round, ratio to direct within each round, the proxy's CPU microseconds per transaction.
declare -A tps=() ratio=() cpu=() usr=() sys=()
for round in $(seq "$ROUNDS"); do
  for target in $targets; do
    case $target in
      direct) port=5432 pid= ;;
      sidecar) port=$SIDECAR_PORT pid=$sidecar_pid ;;
      sidecar-b) port=$COMPARE_PORT pid=$compare_pid ;;
      bare-relay) port=$FLOOR_PORT pid=$floor_pid ;;
      pgbouncer) port=$BOUNCER_PORT pid=$bouncer_pid ;;
    esac
    [ -n "$pid" ] && read -r u0 s0 < <(ticks "$pid")
    read -r t n < <(run "$port")
    if [ -n "$pid" ]; then
      read -r u1 s1 < <(ticks "$pid")
      cpu[$target]="${cpu[$target]:-} $(per_tx $(( u1 - u0 + s1 - s0 )) "$n")"
      usr[$target]="${usr[$target]:-} $(per_tx $(( u1 - u0 )) "$n")"
      sys[$target]="${sys[$target]:-} $(per_tx $(( s1 - s0 )) "$n")"
    fi
    tps[$target]="${tps[$target]:-} ${t%.*}"
    [ "$target" = direct ] && direct_tps=$t
    ratio[$target]="${ratio[$target]:-} $(awk -v a="$t" -v b="$direct_tps" 'BEGIN { printf "%.3f", a / b }')"
    echo "round $round $target: ${t%.*} tps" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 }
  END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "pgbench -S -M $MODE -c 8 -j 2, $ROUNDS interleaved rounds of $SECONDS_PER_RUN s, scale 10," \
  "after a $WARMUP s warm-up of the sidecar; sidecar phase $PHASE, ${THREADS:-default} event-loop threads"
[ -n "${compare_pid:-}" ] && echo "sidecar-b: ${COMPARE_JAR:-cli/target/dualwrite.jar}," \
  "${COMPARE_THREADS:-${THREADS:-default}} event-loop threads"
[ -n "${floor_pid:-}" ] && echo "bare-relay: a Netty byte relay, ${FLOOR_THREADS:-1} event-loop threads"
echo
echo "| target | median tps | median ratio to direct within a round | proxy CPU per transaction, median (µs) |" \
  "of it user / system (medians, µs) | tps per round | ratio per round | CPU per round (µs) |"
echo "|---|---|---|---|---|---|---|---|"
for target in $targets; do
  c=- split=-
  if [ "$target" != direct ]; then
    c=$(echo "${cpu[$target]}" | median)
    split="$(echo "${usr[$target]}" | median) / $(echo "${sys[$target]}" | median)"
  fi
  echo "| $target | $(echo "${tps[$target]}" | median) | $(echo "${ratio[$target]}" | median) | $c | $split" \
    "|${tps[$target]} |${ratio[$target]} |${cpu[$target]:- -} |"
done
