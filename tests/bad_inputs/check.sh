#!/usr/bin/env bash
# check.sh GTSIM COMMAND FILE: runs `GTSIM COMMAND FILE` (validate or run)
# from this directory and passes if it exits 2, prints nothing on stdout, and
# prints on stderr exactly the lines manifest.txt gives for FILE.
# check.sh --coverage: passes if every file here has a manifest entry
# (traces/ holds the trace files the trace_*.yaml scenarios name).
set -u
here=$(cd "$(dirname "$0")" && pwd)
manifest=$here/manifest.txt

expected_for() {  # the block after "== $1", up to the next blank line
  awk -v want="== $1" '$0 == want {on = 1; next} on && /^$/ {exit} on {print}' "$manifest"
}

if [ "$1" = "--coverage" ]; then
  status=0
  for path in "$here"/*; do
    file=$(basename "$path")
    case $file in manifest.txt|check.sh|traces) continue ;; esac
    if ! grep -qxF "== $file" "$manifest"; then
      echo "no manifest entry for $file"
      status=1
    fi
  done
  exit $status
fi

gtsim=$1 command=$2 file=$3
expected=$(expected_for "$file")
if [ -z "$expected" ]; then
  echo "no manifest entry for $file"
  exit 1
fi

workdir=$here
as_user=()
if [ "$file" = unreadable.yaml ]; then
  # Root reads a file of mode 000 all the same (CI runs as root): there, run
  # gtsim as nobody; without setpriv, or if nobody cannot reach gtsim, skip.
  if [ "$(id -u)" -eq 0 ]; then
    if ! command -v setpriv >/dev/null; then
      echo "skipped: running as root without setpriv, and root can read a file of mode 000"
      exit 77
    fi
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    if ! "${as_user[@]}" test -x "$gtsim"; then
      echo "skipped: running as root, root can read a file of mode 000, and nobody cannot run $gtsim"
      exit 77
    fi
  fi
  workdir=$(mktemp -d)
  chmod 755 "$workdir"
  trap 'rm -rf "$workdir"' EXIT
  printf 'duration: 10m\nregions: [us-east-1, eu-west-1]\n' >"$workdir/$file"
  chmod 000 "$workdir/$file"
fi

out=$(mktemp) err=$(mktemp)
(cd "$workdir" && "${as_user[@]}" "$gtsim" "$command" "$file" >"$out" 2>"$err")
status=$?
actual=$(cat "$err")
fail=0
if [ "$status" -ne 2 ]; then
  echo "expected exit 2, got $status"
  fail=1
fi
if [ -s "$out" ]; then
  echo "expected nothing on stdout, found:"
  cat "$out"
  fail=1
fi
if [ "$actual" != "$expected" ]; then
  echo "stderr differs from manifest.txt (expected, then actual):"
  printf '%s\n---\n%s\n' "$expected" "$actual"
  fail=1
fi
rm -f "$out" "$err"
exit $fail
