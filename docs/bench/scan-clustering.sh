#!/usr/bin/env bash
# Incremental clustering as the product does it in a new process (issue 7): a real `kindred scan` of about 1,000 new
# faces into a copy of the 300,000-face library that docs/bench/incremental-clustering.sh prepares, reporting the
# scan's own `clustering_seconds` (People.clusterNewFaces after the indexing, in the same JVM) beside the indexing.
# The new photos are made once from ../shared/fixtures/group-photos: each fixture scaled to 12 megapixels, then
# VARIANTS crops, mirror images and JPEG qualities of it (distinct files, so none is taken for a copy of another).
# Runs are one process each; prints each run, then the medians.
# Usage: docs/bench/scan-clustering.sh [runs=3] [VARIANTS=14] [PREPARED=/tmp/kindred-incremental/prepared] [WORK=/tmp/kindred-scan-clustering]
# KINDRED_JAR=path runs another build (e.g. an older commit's, for a comparison in the same hour).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-3}"
variants="${2:-14}"
prepared="${3:-/tmp/kindred-incremental/prepared}"
work="${4:-/tmp/kindred-scan-clustering}"
fixtures="../shared/fixtures/group-photos"
if [ ! -f "$prepared/library.db" ]; then
  echo "no prepared library in $prepared: run docs/bench/incremental-clustering.sh first" >&2
  exit 2
fi
command -v convert >/dev/null || { echo "ImageMagick's convert is needed to make the photos" >&2; exit 2; }
jar="${KINDRED_JAR:-target/kindred.jar}"
[ -f "$jar" ] || mvn -q -o -B -DskipTests package
photos="$work/photos-$variants"
if [ ! -d "$photos" ]; then
  mkdir -p "$photos.tmp"
  gravities=(NorthWest Center SouthEast NorthEast SouthWest)
  n=0
  for f in "$fixtures"/*.jpg; do
    for v in $(seq 0 $((variants - 1))); do
      n=$((n + 1))
      # Never an empty last field: xargs -L joins a line that ends in a blank to the next one (which lost a third
      # of the photos before).
      flop="+repage"; [ $((v % 2)) -eq 1 ] && flop="-flop"
      echo "$f ${gravities[$((v % 5))]} $((90 + v % 9)) $((84 + v % 10)) $photos.tmp/$(printf 'p%04d' "$n").jpg $flop"
    done
  done | xargs -P "$(nproc)" -L 1 sh -c 'convert "$0" -resize 12000000@ -gravity "$1" -crop "$2%x$2%+0+0" +repage $5 -quality "$3" "$4" 2>/dev/null'
  mv "$photos.tmp" "$photos"
fi
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for run in $(seq 1 "$runs"); do
  lib="$work/library"
  rm -rf "$lib" && mkdir -p "$lib" && cp -r "$prepared/." "$lib/"
  out=$(java -Xmx1g -jar "$jar" --library "$lib" --json scan "$photos" 2>/dev/null)
  line=$(echo "$out" | tr -d ' \n' | grep -oE '"(photos_indexed|faces_found|faces_clustered|clustering_seconds|seconds)":[0-9.]+' \
      | tr -d '"' | tr ':' '=' | tr '\n' ' ')
  echo "run $run: $line load_avg=$(cut -d' ' -f1 /proc/loadavg)"
  echo "$line" >> "$results"
done
rm -rf "$work/library"
awk -v unit=scans -f docs/bench/medians.awk "$results" | sed "s/$/ (target: clustering_seconds < 5 for 1,000 new faces)/"
