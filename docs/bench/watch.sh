#!/usr/bin/env bash
# Watching benchmark (issue 18): a tree of N photos in F folders (default 100000 in 5000), watched by the library.
# Prints the start-up time, the heap and resident memory watching adds, the delay from a photo appearing to its faces
# stored (medians of R runs, default 3), and the same start-up with every directory past the watch limit (polled).
# The tree (distinct ~800-byte JPEGs, ~400 MB on disk) and its library are made once in DIR and reused.
# Usage: docs/bench/watch.sh [photos] [folders] [runs] [dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
java -Xmx1g -Dkindred.testPhotos=target/test-photos \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" kindred.library.watch.WatchBenchmark "$@"
