#!/usr/bin/env bash
# Ingest benchmark: Tierwise reads, validates and aggregates per customer >= 10 million generated
# order rows (1 million customers); DuckDB, the peer, aggregates the same CSV in the same run.
# Prints wall time, rows per second, peak RSS, and the ratio. Usage: bench/run-ingest.sh [DATA_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${1:-$ROOT/bench/data/gen-1m}"
HEAP="${TIERWISE_BENCH_HEAP:--Xmx850m}"
JAR="$ROOT/tierwise-cli/target/tierwise.jar"
cd "$ROOT"

"$ROOT/tierwise" --version >/dev/null
# One reactor invocation: the bench module resolves tierwise-core from the reactor, not ~/.m2.
mvn -B -q -DskipTests -Dspotless.check.skip=true package dependency:build-classpath -pl bench -am \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
CP="bench/target/classes:$(cat bench/target/classpath.txt)"

if [ ! -f "$DATA/orders.csv" ]; then
  echo "generating 1,000,000 customers (about 10.7 M orders) into $DATA ..."
  java -jar "$JAR" generate --customers 1000000 --seed 1 --out "$DATA" \
    --start 2020-01-01 --end 2024-12-31 --bgnbd 0.5,1.5,0.793,2.426
fi
ORDERS_ONLY="$DATA/orders-only"
mkdir -p "$ORDERS_ONLY"
ln -sf "$DATA/orders.csv" "$ORDERS_ONLY/orders.csv"
ROWS=$(($(wc -l < "$DATA/orders.csv") - 1))
SIZE=$(du -Lh "$DATA/orders.csv" | cut -f1)
echo "input: $ROWS order rows, $SIZE, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M %U %S" -o /tmp/tierwise-bench.time "$@" >/tmp/tierwise-bench.out 2>&1 || {
    cat /tmp/tierwise-bench.out; exit 1; }
  read -r wall rss user sys </tmp/tierwise-bench.time
  printf "%-9s wall %6.2f s  cpu %6.2f s  peak RSS %5d MB  %12s rows/s\n" "$label" "$wall" \
    "$(echo "$user + $sys" | bc)" "$((rss / 1024))" "$(printf "%'.0f" "$(echo "$ROWS / $wall" | bc -l)")"
  echo "$wall" >>"/tmp/tierwise-bench.$label"
}

# Both commands read the CSV from the page cache: this machine's cache does not hold every bench
# input at once, and a part read from disk (about 250 MB/s here) would time the disk, and favour
# whichever command ran second. Each measurement is preceded by a read of its input.
warm() { cat "$@" >/dev/null; }

# The machine's speed drifts by up to 50 % within an hour, for both commands alike: RUNS pairs
# (default 3) run interleaved, and the medians and the median of the per-pair ratios are reported.
RUNS=${RUNS:-3}
rm -f /tmp/tierwise-bench.tierwise /tmp/tierwise-bench.duckdb
for run in $(seq 1 "$RUNS"); do
  warm "$DATA/orders.csv"
  measure tierwise java $HEAP -XX:+UseParallelGC -XX:MetaspaceSize=96m -jar "$JAR" validate --data "$ORDERS_ONLY" \
    --rejects /tmp/tierwise-bench-rejects.csv --no-progress
  [ "$run" -gt 1 ] || grep -E "orders:|duplicates" /tmp/tierwise-bench.out | sed 's/^/          /'
  warm "$DATA/orders.csv"
  measure duckdb java -cp "$CP" io.tierwise.bench.DuckDbPeer "$DATA/orders.csv"
done
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
T=$(median </tmp/tierwise-bench.tierwise)
D=$(median </tmp/tierwise-bench.duckdb)
R=$(paste /tmp/tierwise-bench.tierwise /tmp/tierwise-bench.duckdb | awk '{print $1 / $2}' | median)
printf "median of %d: tierwise %.2f s (%'.0f rows/s), duckdb %.2f s; ratio tierwise / duckdb %.2f (median of the pairs)\n" \
  "$RUNS" "$T" "$(echo "$ROWS / $T" | bc -l)" "$D" "$R"
