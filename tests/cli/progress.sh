#!/usr/bin/env bash
# progress.sh GTSIM SCENARIO: with stderr on a terminal (script(1) gives it
# one), a sweep draws its progress bar there: runs done, runs/s, and the end.
set -eu
gtsim=$1 scenario=$2
output=$(script -qec "'$gtsim' sweep '$scenario' --seeds 4 --jobs 2 --quiet" /dev/null)
grep -q '4/4 runs' <<<"$output" || { echo "no progress bar in:"; printf '%s\n' "$output"; exit 1; }
grep -q 'runs/s' <<<"$output"
grep -q 'done in' <<<"$output"
