#!/usr/bin/env bash
# interrupt.sh GTSIM SCENARIO WORKDIR SIGNAL CODE: starts a long run with a
# JSON output, sends SIGNAL once it is running, and passes if gtsim exits
# with CODE, says how far it got, and leaves neither OUT nor OUT.tmp behind.
# Bounded: --max-wall 60s stops the run even if the signal is lost.
set -u
gtsim=$1 scenario=$2 work=$3 signal=$4 code=$5
mkdir -p "$work"
out=$work/out-$signal.json
rm -f "$out" "$out.tmp"
"$gtsim" run "$scenario" --quiet --max-wall 60s --json "$out" 2>"$work/stderr-$signal" &
pid=$!
sleep 1
kill -s "$signal" "$pid"
wait "$pid"
status=$?
stderr=$(cat "$work/stderr-$signal")
fail=0
[ "$status" -eq "$code" ] || { echo "expected exit $code, got $status"; fail=1; }
grep -qE "^gtsim: interrupted by SIG$signal at .* of 1000h simulated traffic \([0-9]+ events\); no report written$" \
  <<<"$stderr" || { echo "unexpected stderr: $stderr"; fail=1; }
[ ! -e "$out" ] || { echo "$out was written"; fail=1; }
[ ! -e "$out.tmp" ] || { echo "$out.tmp was left behind"; fail=1; }
exit $fail
