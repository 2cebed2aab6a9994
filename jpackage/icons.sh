#!/usr/bin/env bash
# Regenerates the platform icons from assets/trailbench-*.png (assets/trailbench.svg is the source
# of those). The results are committed, so building installers never needs these tools:
#   jpackage/windows/trailbench.ico   ImageMagick 6 (`apt-get install imagemagick`)
#   jpackage/macos/trailbench.icns    png2icns (`apt-get install icnsutils`); on macOS, iconutil works too
# Linux uses assets/trailbench-256.png directly.
set -euo pipefail
cd "$(dirname "$0")/.."
a=assets/trailbench
# Call ImageMagick by its real name: a `convert` earlier on PATH may be something else.
im=$(command -v convert-im6.q16 || command -v magick || command -v convert)
"$im" "$a-16.png" "$a-32.png" "$a-48.png" "$a-64.png" "$a-128.png" "$a-256.png" jpackage/windows/trailbench.ico
png2icns jpackage/macos/trailbench.icns "$a-16.png" "$a-32.png" "$a-48.png" "$a-128.png" "$a-256.png" "$a-512.png"
