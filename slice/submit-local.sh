#!/usr/bin/env bash
# Runs the slice job the way `spark-submit` does, without a Spark distribution installed: Spark's
# own submit entry point (org.apache.spark.deploy.SparkSubmit, what the spark-submit script
# calls) from the Maven classpath, with the job jar handed over as the application jar, not on
# the classpath. Takes spark-submit's arguments:
#   slice/submit-local.sh --master 'local[2]' --class io.github.trailbench.slice.SliceMain \
#     slice/target/trailbench-slice.jar --input DIR --filter 'QUERY' --out DIR
# It checks the jar a cluster would get (what it carries, what it expects the cluster to have);
# YARN, Kubernetes, EMR, Glue and Databricks are not reachable from here.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cp_file="$here/target/classpath.txt"
if [ ! -f "$here/target/trailbench-slice.jar" ] || [ ! -f "$cp_file" ]; then
  echo "submit-local: building the slice job..." >&2
  "$here/../mvnw" -B -q -ntp -f "$here/pom.xml" -DskipTests package \
    dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$cp_file" >&2
fi
# the JVM options spark-submit's launcher passes on JDK 17 (spark.jvm.flags in slice/pom.xml)
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
exec java ${SLICE_JAVA_OPTS:--Xmx1g} "${flags[@]}" -Dlog4j2.configurationFile="$here/log4j2-local.properties" \
  -cp "$(cat "$cp_file")" org.apache.spark.deploy.SparkSubmit --conf spark.ui.enabled=false "$@"
