#!/usr/bin/env bash
# set_by_name.sh GTSIM SCENARIOS OUT_DIR: `--set` names a client group and a
# region by name (workload.us-east-1.app.rate, regions.eu-west-1.clock.offset)
# and by index (workload.us-east-1.0.rate, regions.1.clock.offset): both give
# byte-identical reports, different from the scenario's own; a name that is
# not there exits 2 with the nearest one.
set -u
gtsim=$1 scenarios=$2 out=$3
rm -rf "$out" && mkdir -p "$out" || exit 1
scenario=$scenarios/clock-skew.yaml
"$gtsim" run "$scenario" --quiet --json "$out/by-name.json" \
  --set workload.us-east-1.app.rate=8 --set regions.eu-west-1.clock.offset=0s || exit 1
"$gtsim" run "$scenario" --quiet --json "$out/by-index.json" \
  --set workload.us-east-1.0.rate=8 --set regions.1.clock.offset=0s || exit 1
"$gtsim" run "$scenario" --quiet --json "$out/unchanged.json" || exit 1
cmp "$out/by-name.json" "$out/by-index.json" || { echo "by name and by index differ"; exit 1; }
if cmp -s "$out/by-name.json" "$out/unchanged.json"; then
  echo "the overrides by name changed nothing"
  exit 1
fi
message=$("$gtsim" run "$scenario" --quiet --set workload.us-east-1.ap.rate=8 2>&1)
status=$?
expected="--set workload.us-east-1.ap.rate=8: error: cannot set 'workload.us-east-1.ap.rate': 'workload.us-east-1' has no item named 'ap'; did you mean 'app'?"
if [ "$status" -ne 2 ] || [ "$message" != "$expected" ]; then
  printf 'expected exit 2 and\n%s\ngot exit %s and\n%s\n' "$expected" "$status" "$message"
  exit 1
fi
echo "ok"
