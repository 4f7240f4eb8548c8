#!/usr/bin/env bash
# JdbcBenchmark in paired rounds: each round is one JMH run with one fork per driver, back to back, so that the four
# drivers of a round share the machine's state of that minute; the ratio to the bare H2 driver is taken within each
# round and the median over the rounds is printed. On a shared machine whose speed drifts over minutes, this separates
# differences of a few percent that JMH's per-driver forks (run one driver after another) cannot.
#
# Usage: benchmarks/jdbc-rounds.sh [rounds] [benchmark: selectById|insertThenDelete]
# Needs the built benchmarks jar (mvn -q -DskipTests install).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-8}
BENCHMARK=${2:-selectById}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for round in $(seq "$ROUNDS"); do
  java -jar benchmarks/target/benchmarks.jar "JdbcBenchmark.$BENCHMARK\$" -f 1 -wi 3 -i 5 \
    -rf csv -rff "$work/round$round.csv" >/dev/null
  # CSV columns: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: driver"
  awk -F, -v r="$round" 'NR > 1 { gsub(/["\r]/, "", $8); printf "%s %s %s\n", r, $8, $5 }' "$work/round$round.csv" \
    >> "$work/scores"
  echo "round $round: $(awk -v r="$round" '$1 == r { printf "%s=%.1f ", $2, $3 }' "$work/scores")" >&2
done

echo
echo "JdbcBenchmark.$BENCHMARK, $ROUNDS paired rounds (one fork per driver per round, 3 warm-up and 5 measured s)"
echo
echo "| driver | median ns/op | median ratio to h2 within a round | ratios per round |"
echo "|---|---|---|---|"
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for driver in h2 dualwrite-other-table dualwrite-rewrite p6spy; do
  # one line per round: score of this driver, its ratio to h2 in the same round
  awk -v d="$driver" '{ score[$1 " " $2] = $3; rounds[$1] = 1 }
    END { for (r = 1; r in rounds; r++) printf "%s %.4f\n", score[r " " d], score[r " " d] / score[r " h2"] }' \
    "$work/scores" > "$work/$driver"
  printf '| %s | %.1f | %.3f |%s |\n' "$driver" "$(cut -d' ' -f1 "$work/$driver" | median)" \
    "$(cut -d' ' -f2 "$work/$driver" | median)" "$(cut -d' ' -f2 "$work/$driver" | awk '{ printf " %.3f", $1 }')"
done
