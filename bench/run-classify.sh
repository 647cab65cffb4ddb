#!/usr/bin/env bash
# Times `tierwise run` (every indicator and label) against DuckDB doing only RFM over the same
# orders.csv, on a generated company of 1 M customers / ~10.7 M orders. Prints wall time, peak RSS
# and the ratio; for context, also DuckDB only reading all four inputs that run reads (ReadAllPeer).
# Usage: [RUNS=N] bench/run-classify.sh [WORK_DIR]   (default /tmp/bench-classify; RUNS pairs,
# default 1, run interleaved and medians are reported)
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/bench-classify}
DATA=$WORK/data
JAR=tierwise-cli/target/tierwise.jar
mkdir -p "$WORK"
[ -f "$JAR" ] || mvn -B -q -pl tierwise-core,tierwise-cli -am package -DskipTests
if [ ! -f "$DATA/orders.csv" ]; then
  java -jar "$JAR" generate --customers 1000000 --seed 1 --out "$DATA" \
    --start 2020-01-01 --end 2024-12-31 --bgnbd 0.5,1.5,0.793,2.426
fi
# One reactor invocation: the bench module resolves tierwise-core from the reactor, not ~/.m2.
mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests -Dspotless.check.skip=true \
  -Dmdep.outputFile=target/classpath.txt >/dev/null
cp bench/target/classpath.txt "$WORK/bench.classpath"
CP="bench/target/classes:$(cat "$WORK/bench.classpath")"

wall() { grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
rss() { grep 'Maximum resident set size' "$1" | awk '{printf "%.0f", $NF/1024}'; }

# Inputs are read once before each measured command, so that both read them from the page cache
# (this machine's cache does not hold every bench input at once; see bench/README.md).
warm() { cat "$@" >/dev/null; }

# The heap is capped so that the peak RSS stays under 1.5 GB (the target), about 170 MB above it;
# a smaller young generation (NewRatio 3 instead of ParallelGC's 2) leaves the old one room for the
# ledger and the growing indicator table: 10-11 full collections instead of 37-39, 3-5 s faster.
# The heap is committed whole from the start (-Xms): growing it cost full collections that moved
# the young ledger pages into new old-generation memory (0.8 s each, mostly page faults), and the
# launcher's metadata threshold avoids one more (bench/README.md, 2026-12-01).
OPTS=${TIERWISE_JAVA_OPTS:--Xms1200m -Xmx1200m -XX:NewRatio=3 -XX:MetaspaceSize=96m -XX:+UseParallelGC}
echo "java options: $OPTS"

# The machine's speed drifts by up to 50 % within minutes: RUNS pairs (default 1) run interleaved,
# and the medians, the median of the per-pair ratios and the largest peak RSS are reported.
RUNS=${RUNS:-1}
: >"$WORK/pairs"
for pair in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/run"
  warm "$DATA"/*.csv
  /usr/bin/time -v java $OPTS -jar "$JAR" run --data "$DATA" --as-of 2024-12-31 \
    --out "$WORK/run" --no-progress --timings 2> "$WORK/run.time" | tee "$WORK/run.log"
  grep '^timings:' "$WORK/run.time" || true # the stages of this run (stderr, with time's report)
  warm "$DATA/orders.csv"
  /usr/bin/time -v java -cp "$CP" io.tierwise.bench.ClassifyBench "$DATA/orders.csv" 2024-12-31 \
    "$WORK/duckdb-rfm.csv" 2> "$WORK/duckdb.time" | tee "$WORK/duckdb.log"
  echo "$(wall "$WORK/run.time") $(rss "$WORK/run.time") $(wall "$WORK/duckdb.time") $(rss "$WORK/duckdb.time")" \
    >>"$WORK/pairs"
done

# Context, not the peer: DuckDB only reading run's four inputs (grouped per customer).
warm "$DATA"/*.csv
/usr/bin/time -v java -cp "$CP" io.tierwise.bench.ReadAllPeer "$DATA" 2> "$WORK/readall.time" \
  | tee "$WORK/readall.log"

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
RUN_WALL=$(awk '{print $1}' "$WORK/pairs" | median)
DUCK_WALL=$(awk '{print $3}' "$WORK/pairs" | median)
RATIO=$(awk '{print $1 / $3}' "$WORK/pairs" | median)
echo
[ "$RUNS" -eq 1 ] || echo "medians of $RUNS interleaved pairs (walls: $(awk '{printf "%s/%s ", $1, $3}' "$WORK/pairs"))"
printf '%-34s %10s %14s\n' "" "wall (s)" "peak RSS (MB)"
printf '%-34s %10s %14s\n' "tierwise run (all labels)" "$RUN_WALL" "$(awk '{print $2}' "$WORK/pairs" | sort -g | tail -1)"
printf '%-34s %10s %14s\n' "duckdb RFM only (same orders.csv)" "$DUCK_WALL" "$(awk '{print $4}' "$WORK/pairs" | sort -g | tail -1)"
printf '%-34s %10s %14s\n' "duckdb reading all 4 inputs only" "$(wall "$WORK/readall.time")" \
  "$(rss "$WORK/readall.time")"
echo "ratio tierwise / duckdb: $(printf '%.2f' "$RATIO")"
