#!/usr/bin/env bash
# import_walkthrough.sh GTSIM SOURCE_DIR WORKDIR: README's "From your table to a
# failover study", its commands taken from README between the walkthrough
# markers and run in a copy of the repository's docs/ (as from a clean
# clone), and the figures README shows checked against the run's output.
set -u
gtsim=$1 src=$2 work=$3
rm -rf "$work" && mkdir -p "$work/build" || exit 1
cp -r "$src/docs" "$work/" && ln -s "$gtsim" "$work/build/gtsim" || exit 1
fail=0
commands=$(sed -n '/^<!-- walkthrough -->$/,/^<!-- \/walkthrough -->$/p' "$src/README.md" | sed -n 's/^    //p')
test "$(wc -l <<<"$commands")" -eq 3 || { echo "FAILED: README has no walk-through of three commands"; exit 1; }
cd "$work" || exit 1
while read -r line; do
  if [[ $line == *"gtsim run"* ]]; then
    bash -c "$line" >run.txt 2>run.err || { echo "FAILED: $line: $(cat run.err)"; fail=1; }
  else
    bash -c "$line" 2>cmd.err || { echo "FAILED: $line: $(cat cmd.err)"; fail=1; }
  fi
done <<<"$commands"
# Every output line README shows (between the commands and the next prose) is in the run's output.
shown=$(sed -n '/^<!-- \/walkthrough -->$/,/^### Exit codes$/p' "$src/README.md" | sed -n 's/^    //p' | grep -v -e '^\.\.\.$' -e 'gtsim ' -e '^aws ')
test -n "$shown" || { echo "FAILED: README shows no output"; fail=1; }
while IFS= read -r line; do
  grep -qxF -- "$line" run.txt || { echo "FAILED: README shows a line the run does not print: $line"; fail=1; }
done <<<"$shown"
exit $fail
