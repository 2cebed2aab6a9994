#!/usr/bin/env bash
# Slice job throughput against zcat on the same files (docs/perf-slice.md). Not run by CI.
#   slice/bench.sh TRAIL_DIR [FILTER]
# Prints wall and CPU seconds of: zcat of every file to /dev/null, then the job on local[2].
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
trail="$1"
filter="${2:-principal:ci-deploy}"
out="$(mktemp -d)/slice"
files=$(find "$trail" -type f -name '*.json.gz' | wc -l)
bytes=$(find "$trail" -type f -name '*.json.gz' -printf '%s\n' | awk '{s+=$1} END {print s}')
echo "trail: $trail, $files files, $bytes gzip bytes; cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
TIMEFORMAT='%R s wall, %U s user, %S s sys'
echo -n "zcat:  "
{ time find "$trail" -type f -name '*.json.gz' -print0 | xargs -0 zcat > /dev/null ; } 2>&1
"$here/run-local.sh" --help > /dev/null   # build first, outside the timing
echo -n "slice: "
{ time SLICE_JAVA_OPTS="-Xmx3g -Dspark.master=local[2]" "$here/run-local.sh" --input "$trail" --filter "$filter" --out "$out" > "$out.log" 2>&1 ; } 2>&1
grep 'trailbench-slice:' "$out.log" || cat "$out.log"
echo "manifest seconds: $(grep '"seconds"' "$out/manifest.json")"
rm -rf "$(dirname "$out")"
