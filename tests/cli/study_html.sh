#!/usr/bin/env bash
# study_html.sh GTSIM SCENARIO OUT_DIR: `gtsim sweep --html` and `gtsim
# compare --html` write their study report; it is the same for any --jobs
# but for the command line it records; --html with --shard is refused.
set -u
gtsim=$1 scenario=$2 out=$3
rm -rf "$out" && mkdir -p "$out" || exit 1
fail() { echo "$*"; exit 1; }
for jobs in 1 2; do
  "$gtsim" sweep "$scenario" --vary table.keys=100,1000 --seeds 3 --jobs $jobs --quiet --html "$out/sweep-$jobs.html" ||
    fail "sweep --jobs $jobs failed"
  "$gtsim" compare "$scenario" --a replication.poll_interval=500ms --b replication.poll_interval=100ms --seeds 3 \
    --jobs $jobs --quiet --html "$out/compare-$jobs.html" || fail "compare --jobs $jobs failed"
done
for kind in sweep compare; do
  grep -q "<h1>gtsim $kind: sweep-small</h1>" "$out/$kind-1.html" || fail "$kind: no title"
  # The command line (in the provenance block) is the one difference.
  diff <(grep -v 'data-field="command"' "$out/$kind-1.html") <(grep -v 'data-field="command"' "$out/$kind-2.html") \
    >/dev/null || fail "$kind: the report differs between --jobs 1 and --jobs 2 beyond its command line"
  grep -q -- "--jobs 2 --quiet --html" "$out/$kind-2.html" || fail "$kind: the command line is not recorded"
done
grep -q '<th>b &minus; a (paired)</th>' "$out/compare-1.html" || fail "compare: no paired difference"
message=$("$gtsim" sweep "$scenario" --seeds 2 --shard 0/2 --out "$out/shard" --html "$out/x.html" 2>&1)
status=$?
expected="gtsim: error: --html needs the whole study, not a shard of it: run it without --shard, or on one machine"
[ "$status" -eq 2 ] && [ "$message" = "$expected" ] || fail "shard with --html: exit $status, '$message'"
[ ! -e "$out/x.html" ] || fail "a refused study wrote its report"
echo ok
