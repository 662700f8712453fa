#!/usr/bin/env bash
# Clustering benchmark (issue 3): clusters N synthetic faces drawn around the real LFW embeddings (default
# 300,000; random centres when /tmp/kindred-lfw-embeddings.bin is missing), then adds B batches of 1,000 faces
# incrementally; prints full-clustering time (wall and CPU), each add, the median add, peak and retained heap
# and the load average. Repeat R times for medians. Targets: add of 1,000 < 5 s, heap < 1 GB (run with -Xmx1g).
# Usage: docs/bench/clustering.sh [faces] [batches] [runs]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -o -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
runs="${3:-1}"
for r in $(seq 1 "$runs"); do
  java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    kindred.clustering.bench.ClusteringBenchmark "${1:-300000}" "${2:-5}"
done
