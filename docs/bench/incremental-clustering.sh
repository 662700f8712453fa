#!/usr/bin/env bash
# Product incremental clustering benchmark (issue 7): People.clusterNewFaces of 1,000 new faces on a library of
# 300,000 faces built by ScaleBenchmark (built once into LIB when missing; the real sample photos come from
# IMAGES). A copy of the library is prepared once in WORK (strangers seen once get a cluster of their own, as the
# product gives them; then the cold start is timed: 1,000 new faces clustered without a saved graph, which builds
# and saves it); each run then copies it, inserts 1,000 face rows and times clusterNewFaces with a new People
# (saved graph read), again with the index resident, with nothing new, and with nothing new in a new People (a
# rescan), each run in a new JVM. Prints each run (with the collector's pauses and the JIT's CPU time in it), then the
# medians over the runs, peak heap and the load average.
# Targets: < 5 s, heap < 1 GB (run with -Xmx1g).
# Usage: docs/bench/incremental-clustering.sh [LIB=/tmp/scale-lib] [runs=5] [WORK=/tmp/kindred-incremental] [IMAGES=/tmp/bench12]
set -euo pipefail
cd "$(dirname "$0")/../.."
lib="${1:-/tmp/scale-lib}"
runs="${2:-5}"
work="${3:-/tmp/kindred-incremental}"
images="${4:-/tmp/bench12}"
mvn -q -o -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
if [ ! -f "$lib/library.db" ]; then
  java -Xmx1g -cp "$cp" kindred.store.bench.ScaleBenchmark --images "$images" --library "$lib" --runs 1
fi
# The benchmark collects garbage (System.gc) before each timed step, which would shrink the heap to a few MB; a
# new process starts with the JVM's initial heap on this machine (1/64 of its memory), so the heap is kept there.
initial_heap=$(java -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "InitialHeapSize" {print $4}')
# Each run in a JVM of its own: the first step ("new People") is then a new process as `kindred scan` starts one,
# with its code not yet compiled by the JIT (runs in one JVM made later runs' first step up to 2 s faster).
results=$(mktemp)
one=$(mktemp)
trap 'rm -f "$results" "$one"' EXIT
for run in $(seq 1 "$runs"); do
  echo "process $run of $runs"
  java -Xmx1g -Xms"${initial_heap:-256m}" -cp "$cp" kindred.store.bench.IncrementalClusteringBenchmark \
      --library "$lib" --work "$work" --runs 1 | tee "$one"
  grep '^RESULT' "$one" >> "$results"
done
# Medians over the runs of each RESULT field.
awk -v unit=processes -f docs/bench/medians.awk "$results"
