#!/usr/bin/env bash
# FX-thread stall benchmark: the real window open during a scan of N photos (default 1000), for at most S
# seconds of indexing (default 180). Prints the longest FX-thread stall; the target is under 100 ms.
# Usage: docs/bench/fx-stall.sh [photos] [seconds] [library]     (needs DISPLAY; starts Xvfb when there is none)
#        docs/bench/fx-stall.sh grid [photos] [person's photos]
#   the date-grouped grid of 100,000 photos (default) scrolled (wheel, scroll bar, year scrubber, tile size) on a
#   library written without a scan, then a person page of 5,000 photos (default) opened 9 times; targets: the longest
#   FX stall under 100 ms, the person page under 200 ms.
# With a library folder (e.g. /tmp/kindred-incremental/prepared, 300,000 faces), a copy of it is opened instead of a
# fresh one.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
if [ -z "${DISPLAY:-}" ]; then
  display=":$((90 + RANDOM % 9))"
  Xvfb "$display" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  trap 'kill $xvfb_pid 2>/dev/null || true' EXIT
  export DISPLAY="$display"
  sleep 1
fi
# The installed window's JVM options (heap, GC pause goal), from the installer's configuration.
java_options=$(sed -n 's/^--java-options //p' installer/app.conf)
# shellcheck disable=SC2086
java $java_options -Dkindred.testPhotos=target/test-photos \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" kindred.ui.FxStallBenchmark "$@"
