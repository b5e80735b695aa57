#!/usr/bin/env bash
# study_guards.sh GTSIM SCENARIOS_DIR TESTS_DIR WORKDIR CASE: the guards of
# `gtsim sweep`, `compare` and `merge` (app/study_command.h; docs/robustness.md,
# "Studies"). One CASE per ctest:
#   refused      a point `gtsim run` refuses is refused before any run (exit 2)
#   workers      item state times the workers above the ceiling: refused, naming --jobs
#   guards       --max-events per run: rows say "stop": "max_events", exit 3
#   interrupt    SIGINT: the finished runs written as a partial study, exit 130; merge refuses it
#   bounds       --seeds, --jobs, the grid and compare's parameters are bounded (exit 2, at once)
#   out-reuse    an --out of another study, or of other files, is refused; the same study is not
#   versions     shards of two versions of the scenario are refused by merge
#   rows         a runs.jsonl row whose "set" is not its point's is refused by merge
#   stream-fail  a row file that cannot be written mid-study (a file-size limit): exit 4, nothing left
#   stream-link  a row file that is a link to a file is written through it, the link kept
#   merge-order  a shard whose rows are not in run order is refused, saying so
# Every run is bounded by `timeout`, so a gtsim without these guards fails
# instead of hanging.
set -u
gtsim=$1 scenarios=$2 tests=$3 work=$4/$5 case=$5
small=$scenarios/bench/sweep-small.yaml
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
check() { "$@" || { echo "FAILED: $*"; fail=1; }; }
# expect CODE STDERR_LINE -- COMMAND...: exit CODE and stderr exactly STDERR_LINE ('' = any).
expect() {
  local code=$1 line=$2
  shift 3
  timeout 60 "$@" >out 2>err
  local status=$?
  [ $status -eq "$code" ] || { echo "FAILED: exit $status, not $code: $*"; cat err; fail=1; return; }
  [ -z "$line" ] || [ "$(cat err)" = "$line" ] || { echo "FAILED: stderr of $*:"; cat err; echo "expected: $line"; fail=1; }
}

case $case in
refused)
  expect 2 "$tests/bad_inputs/too_many_events.yaml: error: point 1 of 1 ((scenario as is)): the run would process about 7.2e+13 events (3.6e+13 requests, each write applied in every other region), above the limit of 1e+10 for an unbounded run; shorten 'duration', lower the rates, or bound the run with --max-events or --max-wall" \
    -- "$gtsim" sweep "$tests/bad_inputs/too_many_events.yaml" --seeds 2
  expect 2 "" -- "$gtsim" compare "$tests/bad_inputs/too_many_events.yaml" --seeds 2 --a table.keys=10 --b table.keys=20
  grep -q "point 1 of 2 (table.keys=10): the run would process" err || { echo "FAILED: compare"; cat err; fail=1; }
  ;;
workers)
  cat >big.yaml <<'EOF'
duration: 1h
regions: [us-east-1, eu-west-1]
table: {keys: 10000000000}
workload:
  us-east-1: [{rate: 7000}]
EOF
  # 25.2 M writes, each may be a new item of a sparse store (80 bytes and its index slot).
  expect 2 "big.yaml: error: point 1 of 1 ((scenario as is)): 4 workers would hold about 11.8 GiB of item state at once (3.0 GiB a run), above the limit of 8 GiB; give --jobs 2 or fewer" \
    -- "$gtsim" sweep big.yaml --seeds 4 --jobs 4
  ;;
guards)
  expect 3 "gtsim: 4 of 4 runs stopped by a guard (the first by --max-events 1000); their rows cover each run up to there (\"stop\" in runs.jsonl)" \
    -- "$gtsim" sweep "$small" --seeds 4 --max-events 1000 --out d -q
  check test "$(grep -c '"stop": "max_events"' d/runs.jsonl)" -eq 4
  expect 2 "gtsim: error: --max-wall expects a positive duration with a unit (ns, us, ms, s, m, h), e.g. '30s'; found '5'" \
    -- "$gtsim" compare "$small" --seeds 2 --a table.keys=10 --max-wall 5
  ;;
interrupt)
  "$gtsim" sweep "$small" --seeds 1000000 --jobs 1 --out d -q 2>err & pid=$!
  sleep 2
  kill -INT $pid
  # A gtsim that ignored the signal (a background job starts with SIGINT ignored) is killed.
  timeout 30 tail --pid=$pid -f /dev/null || kill -KILL $pid
  wait $pid
  check test $? -eq 130
  check grep -qE '^gtsim: interrupted by SIGINT after [0-9]+ of 1000000 runs; the finished runs are written as a partial study \("partial": true in sweep.json\)$' err
  check grep -q '"partial": true' d/sweep.json
  check test "$(wc -l <d/runs.jsonl)" -gt 0
  check test "$(wc -l <d/runs.jsonl)" -eq "$(grep -oE 'after [0-9]+' err | cut -d' ' -f2)"
  check grep -q '^partial study (interrupted): [0-9]* of 1000000 runs finished' d/summary.txt
  expect 2 "gtsim: error: d is a partial shard (interrupted); run that shard again" -- "$gtsim" merge --out m d
  ;;
bounds)
  expect 2 "gtsim: error: --seeds gives 99999999 seeds, above the limit of 1000000 a study" \
    -- "$gtsim" sweep "$small" --seeds 99999999
  expect 2 "gtsim: error: --seeds gives 2^64 seeds, above the limit of 1000000 a study" \
    -- "$gtsim" sweep "$small" --seeds 0..18446744073709551615
  expect 2 "gtsim: error: --jobs expects 1 to 256 worker threads, found 50000" -- "$gtsim" sweep "$small" --jobs 50000
  values=$(seq -s, 1000 1999)
  expect 2 "gtsim: error: --vary gives a grid of more than 10000 points over 2 parameters, above the limit of 10000 points and 64 parameters a study" \
    -- "$gtsim" sweep "$small" --vary "table.keys=$values" --vary "seed=$values"
  expect 2 "gtsim: error: the study has 2 points x 600000 seeds = 1200000 runs, above the limit of 1000000; fewer seeds or points" \
    -- "$gtsim" compare "$small" --seeds 600000 --a table.keys=10
  args=()
  for i in $(seq 65); do args+=(--a "workload.us-east-1[0].rate=$i" --b "p$i=1"); done  # 1 + 65 paths
  expect 2 "gtsim: error: the study is beyond gtsim's bounds: 66 parameters (at most 64)" \
    -- "$gtsim" compare "$small" --seeds 2 "${args[@]}"
  ;;
out-reuse)
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 2 --out d -q
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 2 --out d -q
  expect 2 "gtsim: error: --out d holds another study (its sweep.json is not this study's plan); give a new or empty directory, or remove that one" \
    -- "$gtsim" compare "$small" --seeds 2 --a table.keys=10 --out d -q
  check test ! -e d/paired.csv
  mkdir other && echo notes >other/notes.txt
  expect 2 "gtsim: error: --out other is not empty and holds no study (no sweep.json); give a new or empty directory" \
    -- "$gtsim" sweep "$small" --seeds 2 --out other -q
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 4 --shard 0/2 --out s0 -q
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 4 --shard 1/2 --out s1 -q
  expect 2 "gtsim: error: --out d holds another study (its sweep.json is not this study's plan); give a new or empty directory, or remove that one" \
    -- "$gtsim" merge --out d s0 s1
  ;;
versions)
  cp "$small" s.yaml
  expect 0 "" -- "$gtsim" sweep s.yaml --seeds 4 --shard 0/2 --out s0 -q
  sed -i 's/duration: 5s/duration: 4s/' s.yaml
  expect 0 "" -- "$gtsim" sweep s.yaml --seeds 4 --shard 1/2 --out s1 -q
  line=$(grep -o 'fnv1a64:[0-9a-f]*' s1/sweep.json)
  expect 2 "gtsim: error: s1 is a shard of another study than s0 (the scenario file changed between them: $line vs $(grep -o 'fnv1a64:[0-9a-f]*' s0/sweep.json)); shards must be of one plan" \
    -- "$gtsim" merge --out m s0 s1
  check test ! -e m
  ;;
rows)
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 2 --vary table.keys=300,1000 --out d -q
  sed -i '1s/"table.keys": "300"/"table.keys": "=1+1"/' d/runs.jsonl
  expect 2 "gtsim: error: d/runs.jsonl:1: its \"set\" is not the overrides of point 0 in sweep.json" \
    -- "$gtsim" merge --out m d
  ;;
stream-fail)
  # runs.jsonl passes the limit at a flush of its buffer, hundreds of runs in.
  (ulimit -f 40; exec timeout 60 "$gtsim" sweep "$small" --seeds 1000 --jobs 2 --metric conflicts.clobbered --out d -q) 2>err
  check test $? -eq 4
  check test "$(cat err)" = "gtsim: error: cannot write 'd/runs.jsonl': File too large; no file of the study was written"
  check test ! -e d
  mkdir e
  (ulimit -f 40; exec timeout 60 "$gtsim" sweep "$small" --seeds 1000 --jobs 2 --metric conflicts.clobbered --out e -q) 2>err
  check test $? -eq 4
  check test -z "$(ls -A e)"  # an existing directory stays, with no temporary file in it
  ;;
stream-link)
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 30 --vary table.keys=300,1000 --out d -q
  mv d/runs.csv elsewhere.csv
  ln -s ../elsewhere.csv d/runs.csv
  : >elsewhere.csv
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 30 --vary table.keys=300,1000 --out d -q
  check test -L d/runs.csv
  check test "$(wc -l <elsewhere.csv)" -eq 61
  check test -z "$(find d -name '.*tmp-*')"
  ;;
merge-order)
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 6 --shard 0/2 --out s0 -q
  expect 0 "" -- "$gtsim" sweep "$small" --seeds 6 --shard 1/2 --out s1 -q
  cp s1/runs.jsonl kept
  { sed -n 2p kept; sed -n 1p kept; sed -n 3p kept; } >s1/runs.jsonl
  expect 2 "gtsim: error: run 1 is missing from shard 1/2 (s1/runs.jsonl:1 is run 3; a shard's rows are in run order, as gtsim writes them)" \
    -- "$gtsim" merge --out m s0 s1
  check test ! -e m
  cp kept s1/runs.jsonl
  sed -n 1p s0/runs.jsonl >>s0/runs.jsonl
  expect 2 "gtsim: error: s0/runs.jsonl:4: run 0 is not this shard's or was seen before" \
    -- "$gtsim" merge --out m s0 s1
  ;;
*)
  echo "unknown case $case"; exit 2
  ;;
esac
exit $fail
