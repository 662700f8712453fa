#!/usr/bin/env bash
# Product incremental clustering benchmark (issue 7): People.clusterNewFaces of 1,000 new faces on a library of
# 300,000 faces built by ScaleBenchmark (built once into LIB when missing; the real sample photos come from
# IMAGES). A copy of the library is prepared once in WORK (strangers seen once get a cluster of their own, as the
# product gives them; then the cold start is timed: 1,000 new faces clustered without a saved graph, which builds
# and saves it); each run then copies it, inserts 1,000 face rows and times clusterNewFaces with a new People
# (saved graph read), again with the index resident, with nothing new, and with nothing new in a new People (a
# rescan). Prints medians, peak heap and the load average. Targets: < 5 s, heap < 1 GB (run with -Xmx1g).
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
java -Xmx1g -cp "$cp" kindred.store.bench.IncrementalClusteringBenchmark --library "$lib" --work "$work" --runs "$runs"
