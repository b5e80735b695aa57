#!/usr/bin/env bash
# sweep.sh GTSIM SCENARIO WORKDIR: `gtsim sweep` and `gtsim compare` write
# byte-identical outputs for --jobs 1 and --jobs 2; shards run through GNU
# parallel and joined by `gtsim merge` (in any order) give the unsharded
# files byte for byte; the table goes to stdout and no progress bar to a
# stderr that is not a terminal.
set -eu
gtsim=$1 scenario=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
sweep=(sweep "$scenario" --seeds 3..8 --vary 'replication.poll_interval=100ms,1s' --vary 'table.keys=300,1000'
       --metric conflicts.clobbered --metric 'lag.*.p99_ns')

"$gtsim" "${sweep[@]}" --jobs 1 --out "$work/one" >"$work/one.txt" 2>"$work/one.err"
"$gtsim" "${sweep[@]}" --jobs 2 --out "$work/two" >"$work/two.txt" 2>"$work/two.err"
for file in sweep.json runs.jsonl runs.csv summary.csv summary.txt; do
  cmp "$work/one/$file" "$work/two/$file"
done
cmp "$work/one.txt" "$work/two.txt"
cmp "$work/one.txt" "$work/one/summary.txt"
[ ! -s "$work/one.err" ] || { echo "stderr is not a terminal, yet:"; cat "$work/one.err"; exit 1; }
[ "$(wc -l <"$work/one/runs.jsonl")" -eq 24 ]      # 4 points x 6 seeds
grep -q 'point 4 of 4: replication.poll_interval=1s table.keys=1000' "$work/one.txt"

# Shards through GNU parallel, merged in another order.
parallel --will-cite "$gtsim" "${sweep[@]}" --jobs 1 --shard {}/3 --out "$work/shard{}" -q ::: 0 1 2
"$gtsim" merge --out "$work/merged" "$work/shard2" "$work/shard0" "$work/shard1" >"$work/merged.txt"
for file in sweep.json runs.jsonl runs.csv summary.csv summary.txt; do
  cmp "$work/one/$file" "$work/merged/$file"
done
cmp "$work/one.txt" "$work/merged.txt"

# A missing shard is refused.
if "$gtsim" merge --out "$work/partial" "$work/shard0" "$work/shard1" 2>"$work/partial.err"; then
  echo "merge of 2 of 3 shards succeeded"; exit 1
fi
grep -q "shard 2/3 is missing" "$work/partial.err"

# Compare: same bytes for any --jobs, sharded or not.
compare=(compare "$scenario" --seeds 10 --a replication.poll_interval=500ms --b replication.poll_interval=400ms)
"$gtsim" "${compare[@]}" --jobs 1 --out "$work/c1" >"$work/c1.txt"
"$gtsim" "${compare[@]}" --jobs 2 --out "$work/c2" >/dev/null
parallel --will-cite "$gtsim" "${compare[@]}" --shard {}/2 --out "$work/cs{}" -q ::: 0 1
"$gtsim" merge --out "$work/cm" "$work/cs0" "$work/cs1" -q
for file in sweep.json runs.jsonl runs.csv summary.csv paired.csv summary.txt; do
  cmp "$work/c1/$file" "$work/c2/$file"
  cmp "$work/c1/$file" "$work/cm/$file"
done
grep -q 'paired 95% CI' "$work/c1.txt"

# Every row replays alone: the run command it names gives the same figure.
replay=$(sed -n 5p "$work/one/runs.jsonl" | sed 's/.*"replay": "\(.*\)"}$/\1/')
clobbered=$(sed -n 5p "$work/one/runs.jsonl" | sed 's/.*"conflicts.clobbered": \([0-9]*\).*/\1/')
eval "${replay/gtsim/\"\$gtsim\"} --quiet --json \"\$work/replay.json\""
grep -q "\"clobbered\": $clobbered," "$work/replay.json"
