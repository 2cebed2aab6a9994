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
source "$here/spark-java.sh"
exec java ${SLICE_JAVA_OPTS:--Xmx1g} "${spark_jvm_flags[@]}" -Dlog4j2.configurationFile="$here/log4j2-local.properties" \
  -cp "$(cat "$cp_file")" org.apache.spark.deploy.SparkSubmit --conf spark.ui.enabled=false "$@"
