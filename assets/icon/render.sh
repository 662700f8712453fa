#!/usr/bin/env bash
# Renders the Kindred icon's PNG sizes, the Windows .ico and the macOS .icns from the two SVG sources.
# kindred-small.svg (pixel-grid drawing) is used up to 48 px, kindred.svg from 64 px up.
# Needs: rsvg-convert (librsvg2-bin), ImageMagick (convert), png2icns (icnsutils).
set -euo pipefail
cd "$(dirname "$0")"
for n in 16 32 48 64 128 256 512; do
  src=kindred.svg
  [ "$n" -le 48 ] && src=kindred-small.svg
  rsvg-convert -w "$n" -h "$n" "$src" -o "kindred-$n.png"
done
# Windows: one .ico with the sizes Explorer and the taskbar pick from.
convert kindred-16.png kindred-32.png kindred-48.png kindred-64.png kindred-128.png kindred-256.png kindred.ico
# macOS: .icns from the sizes png2icns knows (16, 32, 48, 128, 256, 512).
png2icns kindred.icns kindred-16.png kindred-32.png kindred-48.png kindred-128.png kindred-256.png kindred-512.png >/dev/null
# Linux (jpackage --icon wants one PNG): the 256 px render under its plain name.
cp kindred-256.png kindred.png
ls -l kindred*.png kindred.ico kindred.icns
