#!/usr/bin/env bash
# "Data file to fitted parameters" for `tierwise clv fit`, and the fit alone.
#
#   [RUNS=N] bench/run-clv.sh [customers] [workdir]   (default 10000000, /tmp/tierwise-clv-bench)
#
# 1. generates a company of N customers (tierwise generate, CDNOW parameters, 2023-2024) and
#    deletes events.csv and surveys.csv: clv fit reads orders only;
# 2. runs `clv fit --data DIR --calibration-end 2024-12-31 --json --timings` (with the
#    launcher's -XX:+UseParallelGC -XX:MetaspaceSize=96m) under
#    /usr/bin/time -v: wall clock and peak RSS of the whole command, and its own split
#    (ingest, statistics, fits) on standard error;
# 3. runs the peer, DuckDB computing only the per-customer statistics (orders, distinct days,
#    revenue, first and last day) of the same orders.csv, and prints the ratio; steps 2 and 3
#    are repeated RUNS times (default 1), interleaved, and their medians reported;
# 4. runs ClvFitBench (simulated statistics, fits timed alone) for the same N;
# 5. deletes the generated data (about 0.25 GB of orders per million customers), unless the
#    work directory already held data/orders.csv, which is then used as is and kept.
# Heap: XMX=750m keeps the peak RSS under 1.5 GB (bench/README.md); without it Java's default. The
# ledger's pages live outside the heap (ADR 0005), counted against MaxDirectMemorySize = the heap's
# maximum: 750m leaves room for the 10 M customers' ~540 MB of pages as well as for the heap.
# Build first: mvn -B -q -o -pl tierwise-core,tierwise-cli,bench -am package -DskipTests
set -euo pipefail
customers=${1:-10000000}
work=${2:-/tmp/tierwise-clv-bench}
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/tierwise-cli/target/tierwise.jar"
xmx=${XMX:-}
[ -f "$jar" ] || { echo "build the CLI jar first (see the header of $0)" >&2; exit 2; }

# the generator writes all four CSVs (about 1 GB per million customers) before the script keeps
# only orders.csv
need_gb=$(( customers / 1000000 + 2 ))
avail_gb=$(df -Pk "$(dirname "$work")" | awk 'NR==2 {print int($4 / 1048576)}')
if [ "$avail_gb" -lt "$need_gb" ]; then
  echo "need about ${need_gb} GB free under $(dirname "$work"), have ${avail_gb} GB" >&2; exit 2
fi
mkdir -p "$work"
if [ -f "$work/data/orders.csv" ]; then
  echo "== using the existing $work/data (kept)"
else
  trap 'rm -rf "$work/data"' EXIT
  echo "== generate $customers customers"
  /usr/bin/time -f "generate: %e s wall, %M KB peak RSS" \
    java -jar "$jar" generate --customers "$customers" --seed 1 --out "$work/data"
  rm -f "$work/data/events.csv" "$work/data/surveys.csv" "$work/data/truth-customers.csv"
  rm -f "$work/data/customers.csv"
fi
du -shL "$work/data/orders.csv"

# One reactor invocation: the bench module resolves tierwise-core from the reactor, not ~/.m2.
(cd "$here" && mvn -B -q -pl bench -am package dependency:build-classpath -DskipTests \
  -Dspotless.check.skip=true -Dmdep.outputFile=target/classpath.txt >/dev/null)
cp=$(cat "$here/bench/target/classpath.txt")
seconds() { grep 'Elapsed (wall clock)' "$1" | awk '{print $NF}' \
  | awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }
kilobytes() { grep 'Maximum resident' "$1" | awk '{print $NF}'; }

# Each command reads orders.csv once first, so that it reads it from the page cache (which on this
# machine does not hold every bench input at once; a part read from disk, at about 250 MB/s, would
# time the disk). The peer is DuckDB computing only the per-customer statistics (DuckDbPeer): the
# machine's speed drifts by up to 50 % within minutes, and the ratio to a peer in the same run is
# what compares across runs (lifetimes, issue 5's reference, does not run here). RUNS pairs
# (default 1) run interleaved; medians, the median ratio and the largest peak RSS are reported.
runs=${RUNS:-1}
: >"$work/pairs"
for pair in $(seq 1 "$runs"); do
  echo "== clv fit (file -> parameters)"
  cat "$work/data/orders.csv" >/dev/null
  /usr/bin/time -v java -XX:+UseParallelGC -XX:MetaspaceSize=96m ${xmx:+-Xmx$xmx} -jar "$jar" clv fit --data "$work/data" \
    --calibration-end 2024-12-31 --spend-resolution 0.01 --json --timings --no-progress \
    --rejects "$work/rejects.csv" >"$work/clv-fit.json" 2>"$work/clv-fit.err" || {
    cat "$work/clv-fit.err" >&2; exit 1; }
  grep -E "timings|Elapsed|Maximum resident" "$work/clv-fit.err"
  grep -E '"(r|alpha|a|b|p|q|gamma)" :' "$work/clv-fit.json" | head -7 | tr -d ' ,' | paste -sd' '

  echo "== peer: DuckDB computing only the per-customer statistics (same orders.csv)"
  cat "$work/data/orders.csv" >/dev/null
  /usr/bin/time -v java -cp "$here/bench/target/classes:$cp" io.tierwise.bench.DuckDbPeer \
    "$work/data/orders.csv" 2>"$work/peer.err"
  grep -E "Elapsed|Maximum resident" "$work/peer.err"
  echo "$(seconds "$work/clv-fit.err") $(kilobytes "$work/clv-fit.err") $(seconds "$work/peer.err")" \
    >>"$work/pairs"
done
median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
echo "== clv fit $(awk '{print $1}' "$work/pairs" | median) s (median of $runs; \
$(awk '{printf "%s ", $1}' "$work/pairs")s), peak RSS up to \
$(awk '{print $2}' "$work/pairs" | sort -g | tail -1) KB; duckdb statistics \
$(awk '{print $3}' "$work/pairs" | median) s; ratio clv fit / duckdb statistics \
$(awk '{print $1 / $3}' "$work/pairs" | median | xargs printf '%.2f')"

echo "== fit alone (ClvFitBench, simulated statistics)"
java -Xmx2g -cp "$here/bench/target/classes:$here/tierwise-core/target/classes:$cp" \
  io.tierwise.bench.ClvFitBench "$customers" 1
