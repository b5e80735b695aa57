#!/usr/bin/env bash
# vary_together.sh GTSIM SCENARIO WORKDIR: `gtsim sweep --vary-together`
# zips its lists (point i takes the i-th value of each path), crosses the
# groups with the --vary grid in command-line order (the first slowest),
# and every row's "set" is its point's; lists of different lengths, a path
# varied twice and a malformed list are refused with exit 2 and the exact
# message, before any run (study/sweep_grid.h).
set -u
gtsim=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
check() { "$@" || { echo "FAILED: $*"; fail=1; }; }
# refused STDERR -- ARGS...: exit 2 and stderr exactly STDERR, nothing on stdout.
refused() {
  local line=$1
  shift 2
  timeout 60 "$gtsim" sweep "$scenario" --seeds 2 "$@" >out 2>err
  local status=$?
  [ $status -eq 2 ] || { echo "FAILED: exit $status, not 2: $*"; fail=1; }
  [ -z "$line" ] || [ "$(cat err)" = "$line" ] || { echo "FAILED: stderr of $*:"; cat err; echo "expected: $line"; fail=1; }
  [ ! -s out ] || { echo "FAILED: stdout of $*:"; cat out; fail=1; }
}

"$gtsim" sweep "$scenario" --seeds 2 --metric conflicts.clobbered --out d -q \
  --vary-together table.keys=300,1000,3000 replication.poll_interval=100ms,500ms,1s --vary table.item_size=1KB,4KB
check test $? -eq 0
# The points, exactly, in sweep.json.
points=$(tr -d ' \n' <d/sweep.json | grep -o '"points":\[.*\]\],"first_seed"')
expected='"points":['
for pair in 300,100ms 1000,500ms 3000,1s; do
  for size in 1KB 4KB; do
    expected+="[[\"table.keys\",\"${pair%,*}\"],[\"replication.poll_interval\",\"${pair#*,}\"],[\"table.item_size\",\"$size\"]],"
  done
done
expected="${expected%,}],\"first_seed\""
check test "$points" = "$expected"
check test "$(wc -l <d/runs.jsonl)" -eq 12
check grep -q '^{"run": 7, "point": 3, "seed": 2, "set": {"table.keys": "1000", "replication.poll_interval": "500ms", "table.item_size": "4KB"}' d/runs.jsonl
check test "$(head -1 d/runs.csv)" = "run,point,seed,table.keys,replication.poll_interval,table.item_size,stop,conflicts.clobbered"

# --vary first: it varies slowest; the file may come after the options.
"$gtsim" sweep --seeds 1 --metric conflicts.clobbered --vary table.item_size=1KB,4KB \
  --vary-together table.keys=300,1000 replication.poll_interval=100ms,1s "$scenario" >table.txt
check test $? -eq 0
check test "$(grep '^point' table.txt)" = "point 1 of 4: table.item_size=1KB table.keys=300 replication.poll_interval=100ms
point 2 of 4: table.item_size=1KB table.keys=1000 replication.poll_interval=1s
point 3 of 4: table.item_size=4KB table.keys=300 replication.poll_interval=100ms
point 4 of 4: table.item_size=4KB table.keys=1000 replication.poll_interval=1s"

# Two groups are crossed with each other.
"$gtsim" sweep "$scenario" --seeds 1 --metric conflicts.clobbered -q --out two \
  --vary-together table.keys=300,1000 replication.poll_interval=100ms,1s --vary-together table.item_size=1KB,4KB seed=5,6
check test $? -eq 0
check test "$(wc -l <two/runs.jsonl)" -eq 4
check grep -q '"point": 1, "seed": 1, "set": {"table.keys": "300", "replication.poll_interval": "100ms", "table.item_size": "4KB", "seed": "6"}' two/runs.jsonl

refused "gtsim: error: --vary-together zips lists of one length: table.keys has 3 values, replication.poll_interval has 2" \
  -- --vary-together table.keys=300,1000,3000 replication.poll_interval=100ms,1s
refused "gtsim: error: table.keys is varied twice (--vary and --vary-together); a path takes one list of values" \
  -- --vary table.keys=10,20 --vary-together table.keys=300,1000 replication.poll_interval=100ms,1s
refused "gtsim: error: table.keys is varied twice (--vary-together and --vary-together); a path takes one list of values" \
  -- --vary-together table.keys=300 replication.poll_interval=1s --vary-together table.keys=5 seed=1
refused "gtsim: error: --vary-together expects PATH=V1,V2,... with no empty value, found 'table.keys=1,,2'" \
  -- --vary-together replication.poll_interval=1s,2s table.keys=1,,2
values=$(seq -s, 1000 1100)
refused "gtsim: error: --vary and --vary-together give a grid of more than 10000 points over 3 parameters, above the limit of 10000 points and 64 parameters a study" \
  -- --vary-together "table.keys=$values" "seed=$values" --vary "table.item_size=$(seq -s, 1 100)"
# A bad value inside a group is reported against --set, as for --vary.
refused "" -- --vary-together table.keys=300,lots replication.poll_interval=100ms,1s
check grep -q -- "--set table.keys=lots" err
exit $fail
