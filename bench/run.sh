#!/usr/bin/env bash
# Runs Trailbench's benchmarks and prints their figures. Not part of `./mvnw verify`.
#   bench/run.sh            all benchmarks
#   bench/run.sh Import     only benchmarks whose class name contains "Import"
#   bench/run.sh Crash 200 20000   further arguments go to each selected benchmark's main
# Figures, with the machine they came from, go into docs/perf.md.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
./mvnw -q -B -Pbench -DskipTests test-compile
# A plain `java -cp`, not exec:java: benchmarks such as CrashBench start child JVMs with their own
# java.class.path, which under exec:java would be Maven's launcher path.
./mvnw -q -B -o -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
shift || true
for src in src/test/java/io/github/trailbench/bench/*Bench.java; do
  name=$(basename "$src" .java)
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  echo "== $name"
  java ${BENCH_JAVA_OPTS:-} -cp "$classpath" "io.github.trailbench.bench.$name" "$@"
done
