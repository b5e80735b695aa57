#!/usr/bin/env bash
# device_output.sh GTSIM SCENARIO WORKDIR: a report written to an existing
# FIFO goes through it, and the FIFO is still a FIFO afterwards (renaming a
# temporary file over it, as for regular files, would replace it; over
# /dev/null, as root, it would replace the device).
set -eu
gtsim=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
mkfifo "$work/pipe"
cat "$work/pipe" > "$work/received" &
reader=$!
"$gtsim" run "$scenario" --quiet --json "$work/pipe"
wait "$reader"
test -p "$work/pipe"
grep -q '"schema_version"' "$work/received"
test ! -e "$work/pipe.tmp"
