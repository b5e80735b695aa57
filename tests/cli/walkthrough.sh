#!/usr/bin/env bash
# walkthrough.sh GTSIM SCENARIOS OUT_DIR: the README's "Your first failover
# study in 10 minutes" as a newcomer types it (the comparison on 2 seeds
# instead of 10, to stay fast): every command runs, says what the README
# quotes, and writes its report.
set -u
gtsim=$1 scenarios=$2 out=$3
rm -rf "$out" && mkdir -p "$out" || exit 1
cd "$out" || exit 1
fail() { echo "$*"; exit 1; }
summary=$("$gtsim" run "$scenarios/failover-throttle-2017.yaml" --html drill.html) || fail "the run failed"
for quoted in "93.2%" "1294706" "54.90 min" \
    "where from: p99 lag us-east-1 -> eu-west-1: outage of us-east-1 from 10.00 min, not recovered; eu-west-1 throttled 38926 replicated writes" \
    "425483 writes at risk"; do
  grep -qF -- "$quoted" <<<"$summary" || fail "the summary does not say '$quoted'"
done
grep -q "eu-west-1: write capacity" drill.html || fail "no 'eu-west-1: write capacity' figure"
grep -q "client attempts throttled, by region" drill.html || fail "no throttled-share figure"
"$gtsim" compare "$scenarios/failover-throttle-2017.yaml" --seeds 2 \
  --a regions.eu-west-1.capacity.write_units=5 \
  --b regions.eu-west-1.capacity.write_units=1000 --b regions.eu-west-1.capacity.read_units=1000 \
  --metric regions.eu-west-1.client_errors --metric throttling.eu-west-1.duration_ns \
  --metric 'lag.us-east-1->eu-west-1.p99_ns' --html drill-compare.html >compare.txt || fail "the compare failed"
grep -qE "^  regions.eu-west-1.client_errors +[0-9.]+ +± [0-9.]+ +0.00 +± 0.00 +-" compare.txt ||
  { cat compare.txt; fail "the compare does not show the errors gone under b"; }
grep -q '<th>b &minus; a (paired)</th>' drill-compare.html || fail "no paired difference in drill-compare.html"
# Its --set names a group: accepted (stopped early by a guard, exit 3, to stay fast).
"$gtsim" run "$scenarios/failover-throttle-2017.yaml" --quiet --set workload.us-east-1.app.rate=2000 \
  --max-events 10000 >/dev/null 2>&1
[ $? -eq 3 ] || fail "--set workload.us-east-1.app.rate=2000 was not accepted"
echo ok
