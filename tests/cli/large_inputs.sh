#!/usr/bin/env bash
# large_inputs.sh GTSIM WORKDIR CASE: valid but large inputs that once took
# quadratic time or space (docs/robustness.md, "Large inputs"). The inputs
# are made here with awk. `timeout` only keeps a regression from hanging
# the suite: each case takes about a second in Release (7 s under ASan),
# its limit is 4 minutes (the quadratic check took over 6).
#   empirical  an empirical distribution of 200,001 points (was > 6 minutes)
#   html       a timeline of 100,000 events: the HTML report stays small (was 253 MB)
#   diff       a 64-region report (33,617 figures) diffs itself and a changed copy;
#              a report whose figures repeat a path is refused
set -u
gtsim=$1 work=$2/$3 case=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
check() { "$@" || { echo "FAILED: $*"; fail=1; }; }

case $case in
empirical)
  awk 'BEGIN {
    n = 200000
    print "duration: 10s\nregions: [us-east-1, eu-west-1]\nreplication:\n  apply_time:\n    empirical:"
    for (i = 0; i <= n; i++) printf "      %s: %dus\n", (i == 0 ? "0" : i == n ? "100" : sprintf("%.4f", 100 * i / n)), 1000 + i
    print "workload:\n  us-east-1: [{rate: 10}]"
  }' >empirical.yaml
  check test "$(timeout 240 "$gtsim" validate empirical.yaml)" = "empirical.yaml: ok"
  ;;
html)
  awk 'BEGIN {
    print "duration: 200s\nregions: [us-east-1, eu-west-1]\nworkload:\n  us-east-1: [{rate: 10}]\ntimeline:"
    for (i = 0; i < 100000; i++) printf "  - at: %dms\n    clock_step: {region: eu-west-1, by: 1ms}\n", i
  }' >timeline.yaml
  timeout 240 "$gtsim" run timeline.yaml --quiet --html report.html
  check test $? -eq 0
  size=$(stat -c %s report.html)
  check test "$size" -lt 2000000
  check grep -q 'The charts mark the first 50 of 100000 timeline events.' report.html
  check grep -q 'The table lists the first 1000 of 100000 timeline events' report.html
  ;;
diff)
  awk 'BEGIN {
    n = 64
    print "duration: 10s\ntable: {keys: 100}"
    printf "regions: ["; for (i = 0; i < n; i++) printf "%sr%d", (i ? ", " : ""), i; print "]"
    print "network:\n  links:"
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) printf "    - {between: [r%d, r%d], latency: 10ms}\n", i, j
    print "workload:\n  r0: [{rate: 10}]"
  }' >r64.yaml
  "$gtsim" run r64.yaml --quiet --json a.json || exit 1
  check grep -qxE "a.json and a.json: all [0-9]+ figures equal" <<<"$(timeout 240 "$gtsim" diff a.json a.json)"
  sed '0,/"writes": [0-9]*/s//"writes": 999999/' a.json >b.json
  timeout 240 "$gtsim" diff a.json b.json >out
  check test $? -eq 1
  check grep -q '^regions.r0.writes .* 999999' out
  # Two regions named r0: one path would name two figures.
  sed '0,/"name": "r1"/s//"name": "r0"/' a.json >twice.json
  timeout 240 "$gtsim" diff a.json twice.json 2>err
  check test $? -eq 2
  check grep -qx "gtsim: error: twice.json: figure 'regions.r0.writes' appears twice (two regions, pairs or settings of one name)" err
  ;;
*)
  echo "unknown case $case"; exit 2
  ;;
esac
exit $fail
