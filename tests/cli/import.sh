#!/usr/bin/env bash
# import.sh GTSIM FIXTURES WORKDIR CASE: `gtsim import` as a user meets it
# (docs/import.md). One CASE per ctest:
#   runs        every fixture's scenario, written with --out, validates and runs
#   stdout      without --out the scenario goes to stdout, the notes to stderr
#   refused     bad input: exit 2, the message, and no --out file (an old one untouched)
#   unwritable  an --out that cannot be written: exit 4 and nothing left behind
#   kinds       the kinds offered: describe-table, cloudformation, terraform (no cloudwatch yet)
set -u
gtsim=$1 fixtures=$2 work=$3/$4 case=$4
rm -rf "$work" && mkdir -p "$work" || exit 1
fail=0
check() { "$@" || { echo "FAILED: $*"; fail=1; }; }
cd "$fixtures" || exit 1

case $case in
runs)
  n=0
  while read -r kind files; do
    n=$((n + 1))
    out=$work/$n.yaml
    # shellcheck disable=SC2086  # files and options are words
    if ! "$gtsim" import $kind $files --out "$out" 2>"$work/$n.err"; then
      echo "FAILED: import $kind $files: $(cat "$work/$n.err")"; fail=1; continue
    fi
    check grep -q "^gtsim import: wrote $out$" "$work/$n.err"
    check "$gtsim" validate "$out"
    check "$gtsim" run "$out" --quiet
  done <<'LIST'
describe-table describe-table-myable.json
describe-table describe-table-music-global.json describe-table-replica-auto-scaling-music.json
describe-table describe-table-orders.json describe-time-to-live-expire-at.json
describe-table describe-table-mrsc.json
describe-table describe-global-table-music.json
cloudformation cloudformation-create-replica.yaml --param ReplicaRegion=eu-west-1
cloudformation cloudformation-mytable.yaml
cloudformation cloudformation-two-tables.json --resource Sessions --param AWS::Region=us-east-1
cloudformation cloudformation-two-tables.json --resource Carts
terraform terraform-plan-example.json
terraform terraform-state-module.json
LIST
  check test "$n" -eq 11
  ;;
stdout)
  "$gtsim" import describe-table describe-table-myable.json >"$work/out.yaml" 2>"$work/err" || fail=1
  "$gtsim" import describe-table describe-table-myable.json --out "$work/file.yaml" 2>/dev/null || fail=1
  check cmp "$work/out.yaml" "$work/file.yaml"
  check grep -q '^name: "myable" ' "$work/out.yaml"
  check grep -q '^gtsim import: not imported: describe-table-myable.json: Table.StreamSpecification: ' "$work/err"
  check grep -q '^gtsim import: assumed: duration: 10m ' "$work/err"
  check test -z "$(grep -v '^gtsim import: ' "$work/err")"
  ;;
refused)
  echo old >"$work/keep.yaml"
  "$gtsim" import describe-table describe-table-music-single.json --out "$work/keep.yaml" 2>"$work/err"
  check test $? -eq 2
  check grep -qx "describe-table-music-single.json:2:14: error: Table: not a global table: describe-table shows no Replicas and no GlobalTableVersion (for a version 2017.11.29 global table give the output of describe-global-table too)" "$work/err"
  check test "$(cat "$work/keep.yaml")" = old
  "$gtsim" import describe-table describe-table-music-single.json --out "$work/new.yaml" 2>/dev/null
  check test ! -e "$work/new.yaml"
  check test -z "$(ls -A "$work" | grep -v -e '^keep.yaml$' -e '^err$')"
  ;;
unwritable)
  "$gtsim" import describe-table describe-table-myable.json --out /nonexistent-dir/s.yaml 2>"$work/err"
  check test $? -eq 4
  check grep -q "^gtsim: error: cannot write '/nonexistent-dir/s.yaml'" "$work/err"
  check grep -q "the scenario was not written$" "$work/err"
  ;;
kinds)
  "$gtsim" import cloudwatch metrics.json 2>"$work/err"
  check test $? -eq 2
  check grep -qx "gtsim: error: unknown import kind 'cloudwatch' (kinds: describe-table, cloudformation, terraform)" "$work/err"
  "$gtsim" import terrafrom x.json 2>"$work/err"
  check grep -qx "gtsim: error: unknown import kind 'terrafrom'; did you mean 'terraform'? (kinds: describe-table, cloudformation, terraform)" "$work/err"
  help=$("$gtsim" import --help)
  for kind in describe-table cloudformation terraform; do check grep -q "^  $kind: " <<<"$help"; done
  check test -z "$(grep -i cloudwatch <<<"$help")"
  ;;
*)
  echo "unknown case $case"; exit 1 ;;
esac
exit $fail
