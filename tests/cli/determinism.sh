#!/usr/bin/env bash
# determinism.sh GTSIM SCENARIO WORKDIR: the same scenario and seed give
# byte-identical JSON twice; another seed gives different JSON.
set -eu
gtsim=$1 scenario=$2 work=$3
mkdir -p "$work"
"$gtsim" run "$scenario" --quiet --json "$work/a.json"
"$gtsim" run "$scenario" --quiet --json "$work/b.json"
cmp "$work/a.json" "$work/b.json"
"$gtsim" run "$scenario" --quiet --seed 7 --json "$work/c.json"
if cmp -s "$work/a.json" "$work/c.json"; then
  echo "--seed 7 produced the same report as the scenario's seed"
  exit 1
fi
grep -q '"seed": 7,' "$work/c.json"
