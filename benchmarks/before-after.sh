#!/usr/bin/env bash
# Runs the same JMH benchmarks from two builds of the benchmarks jar in alternating rounds (before, after, before,
# after, ...), so that the machine's drift over minutes falls on both, and prints each benchmark's median score per
# build and the median of the after/before ratio taken within each round.
#
# Usage: benchmarks/before-after.sh BEFORE_JAR AFTER_JAR ROUNDS 'JMH regex' [JMH options...]
#   e.g. benchmarks/before-after.sh before.jar benchmarks/target/benchmarks.jar 3 \
#          'EngineBenchmark\.(noWindow|cacheHit|firstSight)$' -p statement=hibernateSelect
# Each round runs JMH with $JMH_OPTS (default: one fork, 4 warm-up and 5 measured iterations of 1 s) and the options.
# Build the "before" jar from the earlier commit (mvn -q -DskipTests -pl benchmarks -am package) and copy it away.
set -euo pipefail

if [ "$#" -lt 4 ]; then
  sed -n '2,10p' "$0" >&2
  exit 2
fi
BEFORE=$1 AFTER=$2 ROUNDS=$3 REGEX=$4
shift 4
for jar in "$BEFORE" "$AFTER"; do
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit", then one per @Param.
scores() {
  awk -F, -v r="$2" -v b="$3" 'NR > 1 {
      gsub(/["\r]/, "")
      key = $1; for (i = 8; i <= NF; i++) key = key " " $i
      sub(/^.*\./, "", key)
      printf "%s|%s|%s|%s|%s\n", r, b, key, $5, $7
    }' "$1" >> "$work/scores"
}

for round in $(seq "$ROUNDS"); do
  for build in before after; do
    jar=$BEFORE
    [ "$build" = after ] && jar=$AFTER
    # shellcheck disable=SC2086  # JMH_OPTS is a list of options
    java -jar "$jar" "$REGEX" ${JMH_OPTS:--f 1 -wi 4 -i 5} "$@" -rf csv -rff "$work/$build$round.csv" >/dev/null
    scores "$work/$build$round.csv" "$round" "$build"
    echo "round $round $build done" >&2
  done
done

echo
echo "JMH '$REGEX' $*, $ROUNDS alternating rounds; before: $BEFORE, after: $AFTER"
echo
echo "| benchmark | before, median | after, median | after / before, median of the rounds | ratio per round |"
echo "|---|---|---|---|---|"
awk -F'|' '
  { s[$3, $2, $1] = $4; unit[$3] = $5; if (!($3 in seen)) { seen[$3] = 1; order[++n] = $3 }; if ($1 > rounds) rounds = $1 }
  function median(a, k,    i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  END {
    for (i = 1; i <= n; i++) {
      b = order[i]; nb = 0; na = 0; nr = 0; per = ""
      for (r = 1; r <= rounds; r++) {
        if ((b, "before", r) in s) bs[++nb] = s[b, "before", r]
        if ((b, "after", r) in s) as[++na] = s[b, "after", r]
        if (((b, "before", r) in s) && ((b, "after", r) in s) && s[b, "before", r] > 0) {
          rs[++nr] = s[b, "after", r] / s[b, "before", r]; per = per sprintf(" %.3f", rs[nr])
        }
      }
      printf "| %s | %.4g %s | %.4g %s | %.3f |%s |\n", b, median(bs, nb), unit[b], median(as, na), unit[b],
        median(rs, nr), per
    }
  }' "$work/scores"
