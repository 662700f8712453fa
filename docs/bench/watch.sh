#!/usr/bin/env bash
# Watching benchmark (issue 18): a tree of N photos in F folders (default 100000 in 5000), watched by the library.
# Prints the start-up time, the heap and resident memory watching adds, the delay from a photo appearing to its faces
# stored (medians of R runs, default 3), and the same start-up with every directory past the watch limit (polled).
# The tree (distinct 361-byte JPEGs, 411 MB on disk) and its library are made once in DIR and reused.
# Usage: docs/bench/watch.sh [photos] [folders] [runs] [dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
photos=${1:-100000}
folders=${2:-5000}
runs=${3:-3}
dir=${4:-/tmp/kindred-watch-bench}
results=$(mktemp)
out=$(mktemp)
trap 'rm -f "$results" "$out"' EXIT
# One fresh JVM per run: the start-up and memory figures are those of a process that just opened the library.
for i in $(seq "$runs"); do
  java -Xmx1g -Dkindred.testPhotos=target/test-photos \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" kindred.library.watch.WatchBenchmark \
    "$photos" "$folders" 1 "$dir" > "$out"
  cat "$out"
  grep '^RESULT' "$out" >> "$results"
done
awk -v unit=processes -f docs/bench/medians.awk "$results"
