#!/usr/bin/env bash
# diff.sh GTSIM SCENARIO OUT_DIR: `gtsim diff` of a report with itself exits 0;
# with another seed's it exits 1 and names the changed figures by their paths;
# a wide enough tolerance makes it exit 0 (the series, which have no
# tolerance, are still named); a file that is not a report exits 2.
set -u
gtsim=$1 scenario=$2 out=$3
rm -rf "$out" && mkdir -p "$out" || exit 1
fail() { printf '%s\n' "$*"; exit 1; }
"$gtsim" run "$scenario" --quiet --json "$out/a.json" || fail "run a failed"
"$gtsim" run "$scenario" --quiet --seed 7 --json "$out/b.json" || fail "run b failed"

output=$("$gtsim" diff "$out/a.json" "$out/a.json") || fail "diff of a report with itself exited $?: $output"
grep -qE "all [0-9]+ figures equal" <<<"$output" || fail "unexpected: $output"

output=$("$gtsim" diff "$out/a.json" "$out/b.json")
status=$?
[ "$status" -eq 1 ] || fail "diff of two seeds exited $status, expected 1: $output"
grep -qE "^conflicts.clobbered +[0-9]+ +[0-9]+ +[-+][0-9.]+%$" <<<"$output" || fail "no conflicts.clobbered line: $output"
grep -qE "^note: seeds differ: 42 vs 7$" <<<"$output" || fail "no note on the seeds: $output"
grep -qE "figures differ between" <<<"$output" || fail "no summary line: $output"

output=$("$gtsim" diff "$out/a.json" "$out/b.json" --tolerance 1000%) || fail "diff within tolerance exited $?: $output"
grep -qE "^differs \(not a figure\): series" <<<"$output" || fail "series changes not named: $output"
grep -qE "^0 of [0-9]+ figures differ" <<<"$output" || fail "tolerance not applied: $output"

echo '{"x": 1}' >"$out/not-a-report.json"
output=$("$gtsim" diff "$out/a.json" "$out/not-a-report.json" 2>&1)
status=$?
[ "$status" -eq 2 ] || fail "diff of a non-report exited $status, expected 2: $output"
grep -q "not-a-report.json: not a gtsim JSON report" <<<"$output" || fail "unexpected: $output"
exit 0
