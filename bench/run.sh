#!/usr/bin/env bash
# Runs Trailbench's benchmarks and prints their figures. Not part of `./mvnw verify`.
#   bench/run.sh            all benchmarks
#   bench/run.sh Import     only benchmarks whose class name contains "Import"
# Figures, with the machine they came from, go into docs/perf.md.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
./mvnw -q -B -Pbench -DskipTests test-compile
for src in src/test/java/io/github/trailbench/bench/*Bench.java; do
  name=$(basename "$src" .java)
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  echo "== $name"
  ./mvnw -q -B -o -Pbench exec:java -Dexec.classpathScope=test -Dexec.mainClass="io.github.trailbench.bench.$name"
done
