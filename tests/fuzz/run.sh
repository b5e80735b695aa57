#!/usr/bin/env bash
# run.sh BUILD_DIR [TARGET] [libFuzzer option]...: fuzzes one target of
# tests/fuzz/ with BUILD_DIR's gtsim_fuzz_TARGET (default: scenario):
#   scenario  seeded with every scenario of scenarios/, the bad-input
#             catalogue, tests/cli and tests/fuzz/seeds/; inputs up to 4 KB
#   json      seeded with tests/fuzz/seeds_json/; inputs up to 16 KB
#   expand    seeded with tests/fuzz/seeds_expand/; up to 4 KB, expanded by
#             #repeat to at most 1 MB
# New inputs are kept in BUILD_DIR/fuzz-corpus-TARGET, crashes in
# BUILD_DIR/fuzz-artifacts. Without options it runs until stopped (Ctrl-C);
# e.g. -runs=100000 or -max_total_time=600 bound it. See docs/robustness.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "$1" && pwd)
shift
target=scenario
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then target=$1; shift; fi
fuzzer=$build/gtsim_fuzz_$target
[ -x "$fuzzer" ] || { echo "run.sh: no $fuzzer; configure with CXX=clang++-14 and -DGTSIM_FUZZ=ON" >&2; exit 2; }
seeds=$build/fuzz-seeds-$target
corpus=$build/fuzz-corpus-$target
mkdir -p "$seeds" "$corpus" "$build/fuzz-artifacts"
rm -f "$seeds"/*
copy_seeds() {  # copy_seeds FIND_ARGS...: every file found, numbered
  local i=0 file
  while IFS= read -r -d '' file; do
    cp "$file" "$seeds/$(printf '%03d' $i)-$(basename "$file")"
    i=$((i + 1))
  done < <(find "$@" -print0 | sort -z)
}
options=()
case $target in
  scenario)
    copy_seeds "$root/scenarios" "$root/tests/bad_inputs" "$root/tests/cli" "$here/seeds" -type f -name '*.yaml'
    options=(-dict="$here/scenario.dict" -max_len=4096 -timeout=10) ;;
  json)
    copy_seeds "$here/seeds_json" -type f
    options=(-max_len=16384 -timeout=10) ;;
  expand)
    copy_seeds "$here/seeds_expand" -type f -name '*.yaml'
    # An expanded input is up to 1 MB of YAML: more time each, under ASan.
    options=(-dict="$here/scenario.dict" -max_len=4096 -timeout=30) ;;
  *) echo "run.sh: unknown target $target (scenario, json, expand)" >&2; exit 2 ;;
esac
exec "$fuzzer" "${options[@]}" -rss_limit_mb=2048 \
  -artifact_prefix="$build/fuzz-artifacts/$target-" -print_final_stats=1 "$@" "$corpus" "$seeds"
