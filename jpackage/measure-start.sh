#!/usr/bin/env bash
# Start-time measurement for docs/perf-installer.md: how long until the window is mapped, until the
# case is open (title "<case> — Trailbench"), and until `--screenshot` has written its PNG and the
# process exited, on a private Xvfb display. Needs Xvfb and xwininfo (x11-utils).
#
#   jpackage/measure-start.sh CASE_DIR RUNS COMMAND...
#   e.g. jpackage/measure-start.sh /tmp/samplecase 5 target/jpackage/image/Trailbench/bin/Trailbench
#        jpackage/measure-start.sh /tmp/samplecase 5 java -jar target/trailbench.jar
#
# Prints one line per run (ms since launch) and the process's CPU time (user+sys, from
# /usr/bin/time), which says more than wall time on a busy machine.
set -uo pipefail
case_dir=$1; runs=$2; shift 2
# A free display of our own: Xvfb picks the number and writes it to fd 3.
fifo=$(mktemp -u); mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$fifo" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -f "$fifo"' EXIT
read -r number <"$fifo"
display=:$number
now() { date +%s%N; }
for run in $(seq 1 "$runs"); do
  out=$(mktemp -d)
  start=$(now); window=""; opened=""
  DISPLAY=$display /usr/bin/time -f "%U %S" -o "$out/cpu" "$@" --case "$case_dir" --screenshot "$out/shot.png" >"$out/log" 2>&1 &
  pid=$!
  while kill -0 $pid 2>/dev/null; do
    tree=$(DISPLAY=$display xwininfo -root -tree 2>/dev/null)
    if [ -z "$window" ] && grep -q 'Trailbench' <<<"$tree"; then window=$(( ($(now) - start) / 1000000 )); fi
    if [ -z "$opened" ] && grep -q ' — Trailbench' <<<"$tree"; then opened=$(( ($(now) - start) / 1000000 )); fi
    sleep 0.1
  done
  wait $pid; rc=$?
  exited=$(( ($(now) - start) / 1000000 ))
  read -r user sys < <(tail -n 1 "$out/cpu" 2>/dev/null) || { user=?; sys=?; }
  if [ $rc -ne 0 ]; then tail -n 5 "$out/log" >&2; fi
  echo "run $run: window ${window:-?} ms, case open ${opened:-?} ms, screenshot+exit ${exited} ms, cpu user ${user}s sys ${sys}s, rc $rc, png $(wc -c <"$out/shot.png" 2>/dev/null || echo 0) bytes"
  rm -rf "$out"
done
