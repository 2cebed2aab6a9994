#!/usr/bin/env bash
# Issue #23's targets, measured from outside as a user meets them: each command RUNS times in a
# fresh JVM, the median (min–max) of wall time and the median CPU time (user+sys), with the load
# average printed before and after each section. Results go into docs/perf.md ("Start-up").
#
#   bench/perf-targets.sh [SECTION...]          sections: startup, import (default: both),
#                                               graph (generates and imports 1M events: slow, only when asked)
#
# Environment:
#   RUNS=5                runs per command
#   BASELINE_JAR=old.jar  also time `java -jar old.jar` in the same run (e.g. a jar built from an
#                         older commit: `git worktree add /tmp/old <commit> && (cd /tmp/old && ./mvnw -q package -DskipTests)`)
#   APP_IMAGE=DIR         the app-image to time (default target/jpackage/image/Trailbench, when built)
#   GRAPH_CASE=DIR        graph section: reuse this imported 1M-event case instead of generating and
#                         importing one (e.g. /work/bench-data/case-1m); BASELINE_JAR is timed on it too
#
# Needs target/trailbench.jar (./mvnw -q package -DskipTests) and, for the report section,
# target/test-classes (./mvnw -q test-compile); the window needs Xvfb (apt-get install xvfb).
# Each section is its own function: add a section by adding a function and its name below.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
runs=${RUNS:-5}
sections=("$@")
[ ${#sections[@]} -eq 0 ] && sections=(startup import)
if [ ! -f target/trailbench.jar ]; then
  echo "perf-targets: no target/trailbench.jar; build it first: ./mvnw -q package -DskipTests" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/trailbench-perf.XXXXXX")
xvfb_pid=""
trap '[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1)"
load() { echo "load: $(cut -d' ' -f1-3 /proc/loadavg) ($1)"; }
now_ms() { date +%s%3N; }

# median of the numbers on stdin (one a line)
median() { sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "?"; else if (NR % 2) print v[(NR+1)/2]; else print int((v[NR/2]+v[NR/2+1])/2)}'; }
range() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "–" hi}'; }

# time_command LABEL LAUNCHER_NAME COMMAND...: RUNS runs, prints a table row
time_command() {
  local label=$1 name=$2; shift 2
  local walls=() cpus=() i start rc
  for i in $(seq 1 "$runs"); do
    start=$(now_ms)
    /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" >/dev/null 2>"$work/stderr"; rc=$?
    walls+=($(( $(now_ms) - start )))
    cpus+=("$(tail -n 1 "$work/cpu" | awk '{printf "%d", ($1 + $2) * 1000}')")
    if [ $rc -ne 0 ]; then echo "  ($label, $name: exit $rc: $(grep -v '^Command exited' "$work/stderr" | head -n 2))" >&2; fi
  done
  printf '| %s | %s | %s (%s) | %s |\n' "$label" "$name" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${walls[@]}" | range)" "$(printf '%s\n' "${cpus[@]}" | median)"
}

# A private X display for the window (Xvfb picks a free number and writes it to fd 3).
start_xvfb() {
  [ -n "$xvfb_pid" ] && return 0
  command -v Xvfb >/dev/null 2>&1 || return 1
  local fifo=$work/xvfb.fifo
  mkfifo "$fifo"
  Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
  xvfb_pid=$!
  read -r display_number <"$fifo"
  export DISPLAY=:$display_number
}

# time_window NAME CASE COMMAND...: RUNS runs of the app on CASE; when the window was shown and
# when the timeline's first page had loaded, from launch, as the app reports them
# (-Dtrailbench.timing=true: lines on stderr, stamped here as they arrive).
time_window() {
  local name=$1 case_dir=$2; shift 2
  local windows=() pages=() i start line
  for i in $(seq 1 "$runs"); do
    start=$(now_ms)
    while IFS= read -r line; do
      case $line in
        "timing: window shown"*) windows+=($(( $(now_ms) - start ))) ;;
        "timing: timeline page loaded"*) pages+=($(( $(now_ms) - start ))) ;;
      esac
    done < <(JAVA_TOOL_OPTIONS="-Dtrailbench.timing=true -Dtrailbench.home=$work/home" \
      "$@" --case "$case_dir" --screenshot "$work/window.png" 2>&1 >/dev/null)
  done
  printf '| window shown | %s | %s (%s) | |\n' "$name" "$(printf '%s\n' "${windows[@]}" | median)" "$(printf '%s\n' "${windows[@]}" | range)"
  printf '| first timeline page | %s | %s (%s) | |\n' "$name" "$(printf '%s\n' "${pages[@]}" | median)" "$(printf '%s\n' "${pages[@]}" | range)"
}

section_startup() {
  echo "== startup: the window, the first timeline page and small commands on the sample case"
  local event=df4199c7-7b89-4c87-8698-9cc5d75feab4
  local simulate=$repo/samples/simulate/01-backdoor-createuser-via-opsadminrole.json
  TRAILBENCH_CDS=wait bin/trailbench --version >/dev/null 2>&1 # its archive, made now if missing
  local names=("java -jar" "bin/trailbench")
  local -a cmd_java=(java -jar "$repo/target/trailbench.jar") cmd_bin=("$repo/bin/trailbench") cmd_base=() cmd_image=()
  if [ -n "${BASELINE_JAR:-}" ]; then names=("baseline: java -jar $(basename "$BASELINE_JAR")" "${names[@]}"); cmd_base=(java -jar "$BASELINE_JAR"); fi
  local image=${APP_IMAGE:-target/jpackage/image/Trailbench}
  if [ -x "$image/bin/Trailbench" ]; then names+=("app-image"); cmd_image=("$(cd "$image" && pwd)/bin/Trailbench"); fi
  launcher() { # the command of launcher NAME
    case $1 in
      baseline*) printf '%s\n' "${cmd_base[@]}" ;;
      "java -jar") printf '%s\n' "${cmd_java[@]}" ;;
      bin/trailbench) printf '%s\n' "${cmd_bin[@]}" ;;
      app-image) printf '%s\n' "${cmd_image[@]}" ;;
    esac
  }
  load "before"
  echo "| target | launcher | wall ms, median (min–max) | CPU ms, median |"
  echo "|---|---|---|---|"
  local name sample n=0
  for name in "${names[@]}"; do
    local -a l=()
    while IFS= read -r a; do l+=("$a"); done < <(launcher "$name")
    # each launcher reads the sample case as its own version imported it (case formats change)
    n=$((n + 1)); sample=$work/sample-$n
    "${l[@]}" import --case "$sample" "$repo/samples/case" >/dev/null 2>&1 \
      || { echo "perf-targets: $name cannot import the sample case" >&2; continue; }
    time_command "--version" "$name" "${l[@]}" --version
    time_command "events --limit 5" "$name" "${l[@]}" events --case "$sample" --limit 5
    time_command "explain StopLogging" "$name" "${l[@]}" explain --case "$sample" --event "$event"
    time_command "simulate 01" "$name" "${l[@]}" simulate "$simulate"
    if start_xvfb; then
      time_window "$name" "$sample" "${l[@]}"
    fi
  done
  load "after the commands"
  sample=$work/sample-report
  if ! bin/trailbench import --case "$sample" samples/case >/dev/null 2>&1; then
    echo "perf-targets: cannot import the sample case" >&2
  elif [ -d target/test-classes/io/github/trailbench/bench ]; then
    echo "report, PDF, in one JVM (cold, then warm runs):"
    java -cp target/trailbench.jar:target/test-classes io.github.trailbench.bench.ReportBench "$sample" "$work/report.pdf" "$runs"
  else
    echo "report: skipped (no target/test-classes: ./mvnw -q test-compile)"
  fi
  load "after"
}

# The shared CloudTrail generator (../shared/bench beside the checkout, else /work/shared/bench).
generator() {
  local beside=$repo/../shared/bench/gen-cloudtrail.py
  if [ -f "$beside" ]; then echo "$beside"; else echo /work/shared/bench/gen-cloudtrail.py; fi
}

# bench_tree EVENTS: the generated tree of EVENTS events under target/bench-data (made once, reused)
bench_tree() {
  local tree=$repo/target/bench-data/ct$1
  if [ ! -d "$tree" ]; then
    nice python3 "$(generator)" --events "$1" --out "$tree" >/dev/null || return 1
  fi
  echo "$tree"
}

# The test classpath with DuckDB's driver (Maven profile bench), once per run.
bench_classpath() {
  if [ ! -f "$work/cp.txt" ]; then
    ./mvnw -q -B -Pbench test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" \
      -Dmdep.includeScope=test >/dev/null || return 1
  fi
  echo "target/test-classes:target/classes:$(cat "$work/cp.txt")"
}

# time_import LABEL NAME TREE COMMAND...: RUNS cold imports of TREE into a new case each, with
# COMMAND (a launcher); the case is deleted after each run, outside the timing.
time_import() {
  local label=$1 name=$2 tree=$3; shift 3
  local walls=() cpus=() i start rc
  for i in $(seq 1 "$runs"); do
    start=$(now_ms)
    # the command as an analyst runs it: its summary and the action coverage included
    /usr/bin/time -f '%U %S' -o "$work/cpu" "$@" import --case "$work/import-case" "$tree" \
      >/dev/null 2>"$work/stderr"; rc=$?
    walls+=($(( $(now_ms) - start )))
    cpus+=("$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/cpu" | tail -n 1)")
    if [ $rc -ne 0 ]; then echo "  ($label, $name: exit $rc: $(grep -v '^Command exited' "$work/stderr" | head -n 2))" >&2; fi
    rm -rf "$work/import-case"
  done
  printf '| %s | %s | %s (%s) | %s |\n' "$label" "$name" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${walls[@]}" | range)" "$(printf '%s\n' "${cpus[@]}" | median)"
}

section_import() {
  echo "== import: the 200k-event tree, cold (a fresh JVM per run; IP enrichment included) and warm (one JVM)"
  local tree cp files=()
  tree=$(bench_tree 200000) || { echo "perf-targets: cannot generate the 200k tree" >&2; return 1; }
  cp=$(bench_classpath) || { echo "perf-targets: cannot build the bench classpath" >&2; return 1; }
  while IFS= read -r f; do files+=("$f"); done < <(find -L "$tree" -type f | sort)
  load "before"
  echo "| what | launcher | wall ms, median (min–max) | CPU ms, median |"
  echo "|---|---|---|---|"
  time_command "zcat 200k" "zcat" zcat "${files[@]}"
  if [ -n "${BASELINE_JAR:-}" ]; then
    time_import "import 200k" "baseline: java -jar $(basename "$BASELINE_JAR")" "$tree" java -Xmx512m -jar "$BASELINE_JAR"
    # the old and the new jar with the launcher's import flags, no archive: the code's own difference
    time_import "import 200k" "baseline: C1, serial GC, no archive" "$tree" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -jar "$BASELINE_JAR"
    time_import "import 200k" "this jar: C1, serial GC, no archive" "$tree" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -jar target/trailbench.jar
  fi
  time_import "import 200k" "java -jar" "$tree" java -Xmx512m -jar target/trailbench.jar
  # the archive is made for these options (they are part of its key): without it made first, the
  # first timed run would start a training in the background that competes with the runs after it
  TRAILBENCH_CDS=wait TRAILBENCH_JAVA_OPTS=-Xmx512m bin/trailbench --version >/dev/null 2>&1
  time_import "import 200k" "bin/trailbench" "$tree" env TRAILBENCH_JAVA_OPTS=-Xmx512m bin/trailbench
  time_command "DuckDB, same work" "fresh JVM (JDBC)" java -cp "$cp" io.github.trailbench.bench.DuckDbLoad "$tree"
  load "after the cold runs"
  echo "warm, one JVM (ImportBench: 6 warm-up imports, then RUNS runs of zcat, import and DuckDB):"
  java -Xmx2g -cp "$cp" io.github.trailbench.bench.ImportBench --data "$tree" --runs "$runs" --no-parse-only | grep -v '^  ('
  load "after"
}

# Not in the default sections: it generates (once) and imports a 1M-event tree (~1.2 GB of JSON).
section_graph() {
  echo "== graph: the first principal graph and session links after importing the 1M-event tree"
  local case_dir i
  if [ -n "${GRAPH_CASE:-}" ]; then
    case_dir=$GRAPH_CASE # an imported 1M case, reused as it is (its derived graph caches are deleted before each run)
  else
    local tree
    tree=$(bench_tree 1000000) || { echo "perf-targets: cannot generate the 1M tree" >&2; return 1; }
    case_dir=$work/case-1m
    load "before"
    /usr/bin/time -f 'import 1M (bin/trailbench, -Xmx512m): %e s wall, %U s user, max RSS %M KB' \
      env TRAILBENCH_JAVA_OPTS=-Xmx512m bin/trailbench import --case "$case_dir" "$tree" --no-coverage --json >/dev/null
  fi
  # FirstGraphBench: a fresh JVM each, wall and process CPU; with BASELINE_JAR the old jar right
  # before, in pairs. With the JVM's defaults (as the app runs, where the first graph and lanes are
  # built) and with the JIT options bin/trailbench gives the `graph` command, read from the launcher.
  local -a cli_jit=()
  while IFS= read -r a; do cli_jit+=("$a"); done < <(TRAILBENCH_CDS=off TRAILBENCH_DRY_RUN=1 bin/trailbench graph --case "$case_dir" | grep '^-XX:Tier')
  local what
  for i in $(seq 1 "$runs"); do
    load "graph run $i"
    for what in graph lanes; do
      if [ -n "${BASELINE_JAR:-}" ]; then
        java -cp "$BASELINE_JAR:target/test-classes" io.github.trailbench.bench.FirstGraphBench "$case_dir" $what | grep first | sed 's/^/baseline, JVM defaults: /'
      fi
      java -cp target/trailbench.jar:target/test-classes io.github.trailbench.bench.FirstGraphBench "$case_dir" $what | grep first | sed 's/^/JVM defaults, as the app: /'
      java ${cli_jit[@]+"${cli_jit[@]}"} -cp target/trailbench.jar:target/test-classes io.github.trailbench.bench.FirstGraphBench "$case_dir" $what | grep first | sed 's/^/as trailbench graph: /'
    done
  done
  [ -z "${GRAPH_CASE:-}" ] && rm -rf "$case_dir"
  load "after"
}

for section in "${sections[@]}"; do
  "section_$section" || echo "perf-targets: section $section failed" >&2
done
