#!/usr/bin/env bash
# guard_report.sh GTSIM SCENARIO WORKDIR: a run stopped by --max-events
# exits 3 and still writes its JSON report, which says how the run ended.
set -u
gtsim=$1 scenario=$2 work=$3
mkdir -p "$work"
rm -f "$work/stopped.json"
"$gtsim" run "$scenario" --quiet --max-events 5000 --json "$work/stopped.json" 2>/dev/null
status=$?
[ "$status" -eq 3 ] || { echo "expected exit 3, got $status"; exit 1; }
grep -q '"stop": "max_events",' "$work/stopped.json" || { echo "no run.stop max_events in the report"; exit 1; }
[ ! -e "$work/stopped.json.tmp" ] || { echo "stopped.json.tmp left behind"; exit 1; }
