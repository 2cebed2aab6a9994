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
if [ "$stale" = 1 ]; then
  echo "run-local: building the slice job..." >&2
  "$root/mvnw" -B -q -ntp -f "$here/pom.xml" -DskipTests package \
    dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$cp_file" >&2
fi

# Spark on JDK 17 reaches into these packages (the same list as spark.jvm.flags in slice/pom.xml).
flags=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
)
exec java ${SLICE_JAVA_OPTS:--Xmx2g} "${flags[@]}" -Dspark.ui.enabled=false \
  -Dlog4j2.configurationFile="$here/log4j2-local.properties" -cp "$jar:$(cat "$cp_file")" io.github.trailbench.slice.SliceMain "$@"
