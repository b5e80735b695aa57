#!/usr/bin/env bash
# run.sh BUILD_DIR [libFuzzer option]...: fuzzes the scenario loader and a
# bounded run (tests/fuzz/scenario_fuzz.cc) with BUILD_DIR's
# gtsim_fuzz_scenario, seeded with every scenario of scenarios/, the
# bad-input catalogue and tests/fuzz/seeds/. New inputs are kept in
# BUILD_DIR/fuzz-corpus, crashes in BUILD_DIR/fuzz-artifacts. Without
# options it runs until stopped (Ctrl-C); e.g. -runs=100000 or
# -max_total_time=600 bound it. See docs/robustness.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd)
shift
fuzzer=$build/gtsim_fuzz_scenario
[ -x "$fuzzer" ] || { echo "run.sh: no $fuzzer; configure with CXX=clang++-14 and -DGTSIM_FUZZ=ON" >&2; exit 2; }
seeds=$build/fuzz-seeds
mkdir -p "$seeds" "$build/fuzz-corpus" "$build/fuzz-artifacts"
rm -f "$seeds"/*
i=0
while IFS= read -r -d '' file; do
  cp "$file" "$seeds/$(printf '%03d' $i)-$(basename "$file")"
  i=$((i + 1))
done < <(find "$root/scenarios" "$root/tests/bad_inputs" "$root/tests/cli" "$here/seeds" -type f -name '*.yaml' -print0 | sort -z)
exec "$fuzzer" -dict="$here/scenario.dict" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/fuzz-artifacts/" -print_final_stats=1 "$@" "$build/fuzz-corpus" "$seeds"
