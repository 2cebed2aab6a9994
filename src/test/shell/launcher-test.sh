#!/usr/bin/env bash
# Checks bin/trailbench against the built jar: run after `./mvnw package` (.ci/run does).
# Works on a copy of the launcher and the jar in a scratch folder (the samples linked), so the
# repository's own target/cds is left alone. Exit status 0 only if every check passed.
set -uo pipefail
cd "$(dirname "$0")/../../.."
repo=$(pwd)
if [ ! -f target/trailbench.jar ]; then
  echo "launcher-test: no target/trailbench.jar (run ./mvnw package first)" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/trailbench-launcher-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "launcher-test: ok   $*"; }
fail() { echo "launcher-test: FAIL $*" >&2; failures=$((failures + 1)); }

root=$work/root
mkdir -p "$root/bin" "$root/target"
cp bin/trailbench "$root/bin/"
ln -s "$repo/samples" "$root/samples"
launcher=$root/bin/trailbench
expected=$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)

# A missing jar: one line saying how to build it, exit 1.
out=$("$launcher" --version 2>&1); rc=$?
if [ $rc -eq 1 ] && [ "$(wc -l <<<"$out")" -eq 1 ] && grep -q -- './mvnw -q package -DskipTests' <<<"$out"; then
  pass "without a jar: exit 1, '$out'"
else
  fail "without a jar: rc=$rc, '$out'"
fi

cp -p target/trailbench.jar "$root/target/"

# The CLI through the launcher, without an archive: the version, exit codes passed through.
out=$(TRAILBENCH_CDS=off "$launcher" --version 2>"$work/err"); rc=$?
if [ $rc -eq 0 ] && [ "$out" = "trailbench $expected" ] && [ ! -s "$work/err" ]; then pass "--version: $out"; else fail "--version: rc=$rc, '$out', stderr: $(cat "$work/err")"; fi
TRAILBENCH_CDS=off "$launcher" no-such-command >/dev/null 2>&1; rc=$?
if [ $rc -eq 2 ]; then pass "usage error: exit 2"; else fail "usage error: exit $rc, expected 2"; fi
if [ ! -e "$root/target/cds" ]; then pass "TRAILBENCH_CDS=off makes no archive"; else fail "TRAILBENCH_CDS=off made $root/target/cds"; fi

# TRAILBENCH_CDS=wait: the training run makes the archive first; the next command maps it.
out=$(TRAILBENCH_CDS=wait "$launcher" --version 2>"$work/err"); rc=$?
archive=$(ls "$root"/target/cds/trailbench-*.jsa "$root"/target/cds/trailbench-*.aot 2>/dev/null | head -n 1)
if [ $rc -eq 0 ] && [ "$out" = "trailbench $expected" ] && [ -n "$archive" ] && [ ! -s "$work/err" ]; then
  pass "training made $(basename "$archive") ($(( $(wc -c <"$archive") / 1048576 )) MiB)"
else
  fail "training: rc=$rc, archive '${archive}', stderr: $(cat "$work/err"); log: $(tail -n 5 "$root/target/cds/training.log" 2>/dev/null)"
fi
JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$work/classes.txt" "$launcher" --version >/dev/null 2>&1
if grep -q 'io.github.trailbench.Launcher source: shared objects file' "$work/classes.txt" 2>/dev/null \
    && grep -q 'io.github.trailbench.cli.TrailbenchCommand source: shared objects file' "$work/classes.txt"; then
  pass "the next command loads the app's classes from the archive"
else
  fail "the app's classes were not loaded from the archive: $(grep 'io.github.trailbench.Launcher' "$work/classes.txt" 2>/dev/null)"
fi

# A rebuilt jar (TRAILBENCH_CDS=auto, the default): the command runs at once without the old
# archive (no warning, same answer) and a new archive replaces the old one in the background.
touch "$root/target/trailbench.jar"
out=$("$launcher" --version 2>"$work/err"); rc=$?
if [ $rc -eq 0 ] && [ "$out" = "trailbench $expected" ] && [ ! -s "$work/err" ]; then pass "a rebuilt jar: the command runs without the old archive, silently"; else fail "a rebuilt jar: rc=$rc, '$out', stderr: $(cat "$work/err")"; fi
# TRAILBENCH_CDS=wait while that training runs: it waits for it and maps the new archive.
if [ -e "$root/target/cds/training.lock" ]; then
  JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$work/classes-wait.txt" TRAILBENCH_CDS=wait "$launcher" --version >/dev/null 2>&1
  if grep -q 'io.github.trailbench.Launcher source: shared objects file' "$work/classes-wait.txt" 2>/dev/null; then
    pass "TRAILBENCH_CDS=wait during another command's training waits for its archive and maps it"
  else
    fail "TRAILBENCH_CDS=wait during another command's training ran without the archive: $(grep 'io.github.trailbench.Launcher' "$work/classes-wait.txt" 2>/dev/null)"
  fi
else
  echo "launcher-test: the background training ended before the wait check could start; check skipped"
fi
for _ in $(seq 1 600); do
  now=$(ls "$root"/target/cds/trailbench-*.jsa "$root"/target/cds/trailbench-*.aot 2>/dev/null | grep -v "^$archive\$")
  [ -n "$now" ] && [ ! -e "$root/target/cds/training.lock" ] && break
  sleep 1
done
if [ -n "$now" ] && [ ! -e "$archive" ]; then
  pass "a rebuilt jar: the background training made $(basename "$now") and removed $(basename "$archive")"
else
  fail "a rebuilt jar: archives now '$now' (before '$archive'); log: $(tail -n 5 "$root/target/cds/training.log" 2>/dev/null)"
fi

# The JIT compilers by command (TRAILBENCH_DRY_RUN prints the java command instead of running it):
# C1 alone for an import and for commands bounded by one item, the JVM's default for whole-case
# commands and the app; TRAILBENCH_JAVA_OPTS after them, so it wins.
jit_of() { TRAILBENCH_CDS=off TRAILBENCH_DRY_RUN=1 "$launcher" "$@" | grep -E -- '^-XX:(TieredStopAtLevel|Tier4|\+UseSerialGC)' | tr '\n' ' '; }
check_jit() { # EXPECTED ARGS...
  local expected=$1; shift
  local got; got=$(jit_of "$@")
  if [ "$got" = "$expected" ]; then pass "JIT for '$*': ${got:-JVM default}"; else fail "JIT for '$*': '$got', expected '$expected'"; fi
}
check_jit "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC " import --case c samples/case
check_jit "-XX:TieredStopAtLevel=1 " events --case c --limit 5
check_jit "-XX:TieredStopAtLevel=1 " explain --case c --event e1
check_jit "-XX:TieredStopAtLevel=1 " simulate request.json
check_jit "" explain --case c --summary
check_jit "" findings --case c
check_jit "" report --case c --out r.pdf
check_jit "" --sample
check_jit "" --case c
# an import's methods are compiled sooner; other commands keep C1's default thresholds
early_of() { TRAILBENCH_CDS=off TRAILBENCH_DRY_RUN=1 "$launcher" "$@" | grep -c -- '^-XX:Tier3InvocationThreshold=30$'; }
if [ "$(early_of import --case c samples/case)" = 1 ] && [ "$(early_of events --case c)" = 0 ]; then
  pass "C1's early thresholds for an import only"
else
  fail "C1's early thresholds: import $(early_of import --case c samples/case), events $(early_of events --case c)"
fi
last=$(TRAILBENCH_CDS=off TRAILBENCH_DRY_RUN=1 TRAILBENCH_JAVA_OPTS=-XX:TieredStopAtLevel=4 "$launcher" events --case c | grep -n -- '-XX:TieredStopAtLevel' | tail -n 1)
if [ "${last#*:}" = "-XX:TieredStopAtLevel=4" ]; then pass "TRAILBENCH_JAVA_OPTS comes after the launcher's JIT options"; else fail "TRAILBENCH_JAVA_OPTS: last TieredStopAtLevel is '$last'"; fi

if [ $failures -eq 0 ]; then echo "launcher-test: all checks passed"; else echo "launcher-test: $failures check(s) failed" >&2; fi
exit $((failures > 0))
