#!/usr/bin/env bash
# CI check of the spark-submit path (slice/submit-local.sh) on the bundled sample trail: the job
# jar, submitted as a cluster gets it, slices one address's events; the slice holds exactly the
# records its manifest counts, and that count is what the desktop finds with the same filter.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$here/submit-local.sh" --master 'local[2]' --class io.github.trailbench.slice.SliceMain \
  "$here/target/trailbench-slice.jar" --input "$root/samples/case/AWSLogs" --filter 'ip:203.0.113.77' --out "$out/slice"
matched=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["matched"])' "$out/slice/manifest.json")
lines=$(find "$out/slice/slice" -name '*.gz' -exec zcat {} + | wc -l)
java -jar "$root/target/trailbench.jar" import --case "$out/case" "$root/samples/case/AWSLogs" >/dev/null
desktop=$(java -jar "$root/target/trailbench.jar" events --case "$out/case" --filter 'ip:203.0.113.77' --format json | grep -c '"eventId"')
echo "submit-check: manifest matched $matched, slice lines $lines, desktop events $desktop"
if [ "$matched" -lt 1 ] || [ "$matched" != "$lines" ] || [ "$matched" != "$desktop" ]; then
  echo "submit-check: FAILED" >&2
  exit 1
fi
