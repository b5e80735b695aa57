#!/usr/bin/env bash
# out_of_memory.sh GTSIM SCENARIO: a run whose backlog grows until the
# address space (ulimit -v) runs out, with the live-state limit raised out
# of the way, ends with exit 5 and a message, never an abort. Skipped (77)
# for a sanitizer build: ASan reserves terabytes of address space up front.
set -u
gtsim=$1 scenario=$2
if grep -qa __asan_init "$gtsim"; then echo "ASan build: skipped"; exit 77; fi
stderr=$( (ulimit -v 400000; exec "$gtsim" run "$scenario" --quiet --max-live-state 100GB) 2>&1)
status=$?
[ $status -eq 5 ] || { echo "expected exit 5, got $status: $stderr"; exit 1; }
[ "$stderr" = "gtsim: error: out of memory: the machine gave no more memory; no output was written" ] ||
  { echo "unexpected stderr: $stderr"; exit 1; }
