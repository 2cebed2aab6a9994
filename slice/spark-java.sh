# Sourced by run-local.sh and submit-local.sh: builds the slice job when its jar or classpath is
# missing (run-local.sh also when older than its sources: it passes stale=1), and sets
# spark_jvm_flags, the JVM options Spark needs on JDK 17 (the same list as spark.jvm.flags in
# slice/pom.xml). Needs $here (slice/) and $cp_file.
if [ "${stale:-0}" = 1 ] || [ ! -f "$here/target/trailbench-slice.jar" ] || [ ! -f "$cp_file" ]; then
  echo "$(basename "$0" .sh): building the slice job..." >&2
  "$here/../mvnw" -B -q -ntp -f "$here/pom.xml" -DskipTests package \
    dependency:build-classpath -Dmdep.includeScope=compile -Dmdep.outputFile="$cp_file" >&2
fi
spark_jvm_flags=(
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true
)
