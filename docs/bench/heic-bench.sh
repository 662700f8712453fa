#!/usr/bin/env bash
# Indexing speed on the photos phones and cameras write (issue 15, item 7): `kindred bench` with the YuNet pack on
#   jpeg/  24 12-megapixel JPEGs: the bench set of docs/decisions/0007-speed.md, made here from the six demo photos in
#          target/test-photos (each scaled to 12 MP, 4 variants: mirror image, crop, JPEG quality), the reference;
#   heic/  the same 24 encoded with `heif-enc` (libheif-examples) at quality $HEIC_QUALITY. heif-enc 1.15 writes ONE
#          HEVC image of the whole 12 MP, not a grid; phones write a grid of 512×512 tiles (48 for 4032×3024) that
#          the decoder places one by one: see docs/decisions/0007-speed.md for what that changes;
#   nef/   the same 24 wrapped as the full-size JpgFromRaw preview of a minimal NEF-like TIFF with a 64 KB raw strip
#          (docs/bench/MakeNefs.java): what Kindred decodes of a camera RAW is its preview;
#   avif/  the first 6 encoded with `avifenc` (libavif-bin): FFmpeg decodes AV1 with libaom here, far slower.
# Targets (2 cores, YuNet): HEIC >= 6 photos/s, RAW >= 12, each >= 0.9 of the bare loop in the same run.
# Wall figures follow the machine's load: read them beside load_average and the bare loop of the same run.
# Usage: docs/bench/heic-bench.sh [runs=5] [sets="jpeg heic nef avif"] [WORK=/tmp/kindred-heic-bench]
# KINDRED_JAR=path benches another build (alternate two builds in the same hour to compare them).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
sets="${2:-jpeg heic nef avif}"
work="${3:-/tmp/kindred-heic-bench}"
HEIC_QUALITY="${HEIC_QUALITY:-75}"
jar="${KINDRED_JAR:-target/kindred.jar}"
yunet="${YUNET_DIR:-../shared/models}"
for tool in convert heif-enc avifenc; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (ImageMagick, libheif-examples, libavif-bin)" >&2; exit 2; }
done
[ -f "$jar" ] || mvn -q -o -B -DskipTests package
[ -d target/test-photos ] || { echo "target/test-photos is missing: run mvn package first" >&2; exit 2; }

# 1. The 12 MP JPEGs (distinct bytes, so that no photo is taken for a copy of another).
if [ ! -d "$work/jpeg" ]; then
  mkdir -p "$work/jpeg.tmp"
  for f in target/test-photos/*.jpg; do
    b=$(basename "$f" .jpg)
    echo "$f 100 92 $work/jpeg.tmp/${b}_a.jpg"
    echo "$f 100 88 $work/jpeg.tmp/${b}_b.jpg -flop"
    echo "$f 97 90 $work/jpeg.tmp/${b}_c.jpg"
    echo "$f 97 86 $work/jpeg.tmp/${b}_d.jpg -flop"
  done | xargs -P "$(nproc)" -L 1 sh -c \
    'convert "$0" -resize 12000000@ -gravity Center -crop "$1%x$1%+0+0" +repage -resize 12000000@ $4 -quality "$2" "$3"'
  mv "$work/jpeg.tmp" "$work/jpeg"
fi
# 2. HEIC, one HEVC image each (heif-enc has no tiling option in 1.15).
if [ ! -d "$work/heic" ]; then
  mkdir -p "$work/heic.tmp"
  ls "$work/jpeg"/*.jpg | xargs -P "$(nproc)" -I{} sh -c \
    'heif-enc -q '"$HEIC_QUALITY"' -o "'"$work"'/heic.tmp/$(basename {} .jpg).heic" {} >/dev/null'
  mv "$work/heic.tmp" "$work/heic"
fi
# 3. NEF-like RAWs whose full-size preview is the JPEG.
if [ ! -d "$work/nef" ]; then
  java docs/bench/MakeNefs.java "$work/jpeg" "$work/nef.tmp"
  mv "$work/nef.tmp" "$work/nef"
fi
# 4. AVIF, 6 photos (libaom's decoding is the bound; 24 would only lengthen the run).
if [ ! -d "$work/avif" ]; then
  mkdir -p "$work/avif.tmp"
  for f in "$work/jpeg"/*_a.jpg; do
    avifenc -s 8 -j "$(nproc)" --min 20 --max 30 "$f" "$work/avif.tmp/$(basename "$f" .jpg).avif" >/dev/null
  done
  mv "$work/avif.tmp" "$work/avif"
fi

lib="$work/library-yunet"
if [ ! -d "$lib/models" ] || ! java -jar "$jar" --library "$lib" models 2>/dev/null | grep -qi yunet; then
  java -jar "$jar" --library "$lib" models install --from "$yunet" >/dev/null
fi
for s in $sets; do
  n=$(ls "$work/$s" | wc -l)
  mb=$(du -sm "$work/$s" | cut -f1)
  out=$(java -jar "$jar" --library "$lib" --json bench --images "$work/$s" --runs "$runs" 2>/dev/null | tr -d ' \n')
  pick() { echo "$out" | grep -oE "\"$1\":[0-9.]+" | head -1 | cut -d: -f2; }
  printf '%-5s %2d photos %4d MB  photos/s %6s  bare %6s  ratio %5s  | CPU ms/photo %6s bare %6s  idle-cores photos/s %6s bare %6s cpu_ratio %5s | faces %s  pack %s  load %s  uptime: %s\n' \
    "$s" "$n" "$mb" "$(pick photos_per_second)" "$(pick baseline_photos_per_second)" "$(pick ratio_to_baseline)" \
    "$(pick cpu_ms_per_photo)" "$(pick baseline_cpu_ms_per_photo)" "$(pick idle_cores_photos_per_second)" \
    "$(pick baseline_idle_cores_photos_per_second)" "$(pick cpu_ratio_to_baseline)" "$(pick faces)" \
    "$(echo "$out" | grep -oE '"model_pack":"[^"]+"' | cut -d'"' -f4)" "$(pick load_average)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -n "${VERBOSE:-}" ]; then echo "$out"; fi
done
