#!/usr/bin/env bash
# hostile_files.sh GTSIM SCENARIO WORKDIR CASE: files from elsewhere, made to
# attack the user who runs gtsim on them (docs/robustness.md, "Files from
# elsewhere"). One CASE per ctest:
#   terminal  escape sequences in a scenario's name, group name, a misspelt key
#             and a comment reach the terminal escaped, never raw
#   diff      a report's region names with escapes; duplicate keys, a malformed
#             number, invalid UTF-8 and a hexadecimal tolerance are refused
#   csv       values starting with =, +, -, @ (a --vary value, a region name)
#             are neutralised in every CSV file
#   merge     a sweep.json value with escapes is shown escaped
set -u
gtsim=$1 scenario=$2 work=$3/$4 case=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
check() { "$@" || { echo "FAILED: $*"; fail=1; }; }
esc=$(printf '\033')
no_escape() { ! grep -q "$esc" "$@"; }

case $case in
terminal)
  printf '%s\n' '# Clear the screen: \e[2J' | sed "s/\\\\e/$esc/" >comment.yaml
  cat >>comment.yaml <<'EOF'
#
name: "ok\e[2J\e[1;1Hall expectations passed"
duration: 5s
regions: [us-east-1, eu-west-1]
workload:
  us-east-1: [{name: "web\e]0;pwned\a", rate: 10}]
EOF
  "$gtsim" run comment.yaml >out 2>&1
  check test $? -eq 0
  check no_escape out
  check grep -qF 'gtsim: ok\x1b[2J\x1b[1;1Hall expectations passed' out
  "$gtsim" list . >out 2>&1
  check no_escape out
  check grep -qF 'comment  Clear the screen: \x1b[2J' out
  printf 'duration: 5s\nregions: [us-east-1, eu-west-1]\n"bad\\e[2Jkey": 1\n' >key.yaml
  "$gtsim" validate key.yaml >out 2>&1
  check test $? -eq 2
  check no_escape out
  check grep -qF "unknown key 'bad\\x1b[2Jkey' at the top level" out
  ;;
diff)
  "$gtsim" run "$scenario" --quiet --json a.json || exit 1
  sed 's/"us-east-1"/"us-east-1\\u001b[2J"/g' a.json >b.json
  "$gtsim" diff a.json b.json >out 2>&1
  check test $? -eq 1
  check no_escape out
  check grep -qF 'regions.us-east-1\x1b[2J.writes' out
  sed '0,/"seed": /s//"seed": 1, "seed": /' a.json >dup.json
  "$gtsim" diff a.json dup.json 2>err
  check test $? -eq 2
  check grep -qE "^gtsim: error: dup.json: offset [0-9]+: duplicate key 'seed' in an object$" err
  sed '0,/"writes": [0-9]*/s//"writes": 0x10/' a.json >hex.json
  "$gtsim" diff a.json hex.json 2>err
  check test $? -eq 2
  check grep -qE '^gtsim: error: hex.json: offset [0-9]+: malformed number$' err
  sed "0,/\"us-east-1\"/s//\"us-east-1$(printf '\351')\"/" a.json >latin1.json
  "$gtsim" diff a.json latin1.json 2>err
  check test $? -eq 2
  check grep -qE '^gtsim: error: latin1.json: offset [0-9]+: not UTF-8: byte 0xE9 in a string$' err
  "$gtsim" diff a.json a.json --tolerance 0x10% 2>err
  check test $? -eq 2
  check grep -qF "found '0x10%'" err
  ;;
csv)
  "$gtsim" sweep "$scenario" --seeds 2 --vary 'name==1+1,+1,-2+3,-5' --vary 'seed=1' --metric conflicts.clobbered --out s -q
  check test $? -eq 0
  check grep -q "^0,0,1,'=1+1,1,completed," s/runs.csv
  check grep -q "^2,1,1,'+1,1,completed," s/runs.csv
  check grep -q "^4,2,1,'-2+3,1,completed," s/runs.csv
  check grep -q "^6,3,1,-5,1,completed," s/runs.csv
  check grep -q "^0,'=1+1,1,conflicts.clobbered," s/summary.csv
  check test -z "$(cut -d, -f4 s/runs.csv | grep -E '^[=+@]')"
  cat >regions.yaml <<'EOF'
duration: 5s
regions: [-A1, B2]
network:
  links:
    - {between: [-A1, B2], latency: 10ms}
workload:
  -A1: [{rate: 10}]
EOF
  "$gtsim" run regions.yaml --quiet --csv csv
  check test $? -eq 0
  check grep -qx "time_s,step_s,'-A1,B2" csv/ThrottleEvents.csv
  check grep -qx "time_s,step_s,'-A1->B2,B2->-A1" csv/PendingReplicationCount.csv
  ;;
merge)
  "$gtsim" sweep "$scenario" --seeds 2 --out s -q || exit 1
  sed 's/"kind": "sweep"/"kind": "\\u001b[2Jgrid"/' s/sweep.json >k && mv k s/sweep.json
  "$gtsim" merge --out m s 2>err
  check test $? -eq 2
  check no_escape err
  check grep -qF "unknown study kind '\x1b[2Jgrid'" err
  ;;
*)
  echo "unknown case $case"; exit 2
  ;;
esac
exit $fail
