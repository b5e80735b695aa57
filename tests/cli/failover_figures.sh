#!/usr/bin/env bash
# failover_figures.sh GTSIM REPORT_PATHS_MD OUT_DIR: every failover figure of
# issue 12, section 5 (at risk, lost, unreplicated at the end, throttling
# start/end/duration, scaling actions, errors by cause) is documented in
# docs/report-paths.md and works in `expect:`, `gtsim sweep --metric`,
# `gtsim compare --metric` and `gtsim diff`.
set -u
gtsim=$1 paths_md=$2 out=$3
rm -rf "$out" && mkdir -p "$out" || exit 1
fail() { printf '%s\n' "$*"; exit 1; }

figures="outages.us-east-1.at_risk_writes outages.us-east-1.oldest_at_risk_age_ns outages.us-east-1.lost_writes
outages.us-east-1.unreplicated_at_end_writes outages.us-east-1.down_ns throttling.eu-west-1.start_ns
throttling.eu-west-1.end_ns throttling.eu-west-1.duration_ns throttling.eu-west-1.windows
scaling.eu-west-1.write_actions scaling.eu-west-1.read_actions scaling.eu-west-1.last_action_ns
regions.eu-west-1.write_units regions.eu-west-1.client_errors regions.us-east-1.unavailable_errors
regions.eu-west-1.missing_index_errors regions.eu-west-1.refused_requests regions.eu-west-1.clobbered_writes"

# Documented: each path with its region as R.
for f in $figures; do
  documented=$(sed -E 's/^(outages|throttling|scaling|regions)\.[^.]+\./\1.R./' <<<"$f")
  name=${documented##*.}
  grep -qF "\`$documented\`" "$paths_md" || grep -qF ".$name\`" "$paths_md" ||
    fail "$documented is not in docs/report-paths.md"
done

# A 2017.11.29 failover into a replica at 30 WCU: throttling, scaling, an outage.
scenario() {  # $1: the failover's detection delay
  cat <<EOT
duration: 4m
version: "2017.11.29"
regions:
  - name: us-east-1
    capacity: {mode: on_demand}
  - name: eu-west-1
    capacity: {mode: provisioned, write_units: 30, read_units: 30, burst_seconds: 0, auto_scaling: {write: {min: 30, max: 1000}}}
table: {keys: 1000}
workload:
  us-east-1: [{rate: 60}]
timeline:
  - {at: 1m, outage: us-east-1, failover: {to: eu-west-1, after: $1}}
EOT
}
scenario 30s >"$out/a.yaml"
scenario 5s >"$out/b.yaml"
{
  scenario 30s
  echo "expect:"
  for f in $figures; do
    case $f in *_ns) echo "  - $f >= -1ns" ;; *) echo "  - $f >= -1" ;; esac
  done
  echo "  - throttling.eu-west-1.duration_ns > 0s"
  echo "  - outages.us-east-1.lost_writes == 0"
} >"$out/expect.yaml"
output=$("$gtsim" run "$out/expect.yaml" 2>&1) || fail "run with expectations exited $?: $output"
grep -qE "expect +[0-9]+ of [0-9]+ held" <<<"$output" || fail "no expectation summary: $output"

metrics=()
for f in $figures; do metrics+=(--metric "$f"); done
output=$("$gtsim" sweep "$out/a.yaml" --seeds 2 --jobs 1 "${metrics[@]}" 2>&1) || fail "sweep exited $?: $output"
for f in $figures; do grep -qF "$f" <<<"$output" || fail "sweep did not report $f: $output"; done
output=$("$gtsim" compare "$out/a.yaml" --b timeline.0.failover.after=5s --seeds 2 --jobs 1 \
  --metric 'throttling.*.duration_ns' 2>&1) ||
  fail "compare exited $?: $output"
grep -qF "throttling.eu-west-1.duration_ns" <<<"$output" || fail "compare did not report the throttling: $output"

"$gtsim" run "$out/a.yaml" --quiet --json "$out/a.json" || fail "run a failed"
"$gtsim" run "$out/b.yaml" --quiet --json "$out/b.json" || fail "run b failed"
output=$("$gtsim" diff "$out/a.json" "$out/b.json")
[ $? -eq 1 ] || fail "diff of two failovers exited 0: $output"
grep -qE "^regions.us-east-1.unavailable_errors " <<<"$output" || fail "diff did not name the unavailable errors: $output"
output=$("$gtsim" diff "$out/a.json" "$out/a.json") || fail "diff of a report with itself exited $?"
count=$(grep -oE "all [0-9]+ figures equal" <<<"$output")
[ -n "$count" ] || fail "unexpected: $output"
exit 0
