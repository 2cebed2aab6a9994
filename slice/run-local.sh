#!/usr/bin/env bash
# Runs the slice job on this machine (Spark local[*]) over a CloudTrail tree on disk:
#   slice/run-local.sh --input DIR --filter 'QUERY' --out DIR
# Builds the job first when its jar is missing or older than its sources. Exit codes are the
# job's: 0 done, 1 bad input (bad or refused filter, missing input, output folder in use), 2 usage.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/trailbench-slice.jar"
cp_file="$here/target/classpath.txt"

stale=0
if [ ! -f "$jar" ] || [ ! -f "$cp_file" ] || [ "$here/pom.xml" -nt "$jar" ]; then
  stale=1
elif [ -n "$(find "$here/src/main" "$root/src/main/java/io/github/trailbench/core" -newer "$jar" -type f -print -quit)" ]; then
  stale=1
fi
source "$here/spark-java.sh"
exec java ${SLICE_JAVA_OPTS:--Xmx2g} "${spark_jvm_flags[@]}" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$here/log4j2-local.properties" -cp "$jar:$(cat "$cp_file")" io.github.trailbench.slice.SliceMain "$@"
