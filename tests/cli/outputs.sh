#!/usr/bin/env bash
# outputs.sh GTSIM SCENARIO WORKDIR CASE: how `gtsim run` writes its output
# files (reports/output_file.h, app/interrupt.h; docs/robustness.md,
# "Interrupts and output files"). One CASE per ctest:
#   tmp-link     a symbolic link where the old OUT.tmp was is never followed
#   concurrent   two processes writing one path, 100 times: one complete file each time
#   stdout-link  --json to a link like /dev/stdout is written in place, never renamed over
#   link-target  an OUT that is a link to a file: written through, the link stays
#   all-or-none  one output that cannot be written: exit 4, none written, no directory made
#   file-size    a file-size limit (SIGXFSZ): exit 4 "File too large", nothing left behind
#   stdout-full  stdout on a full device: exit 4 and the reason
#   signal-write SIGINT while the outputs are written (a FIFO nobody reads): exit 130, none written
set -u
gtsim=$1 scenario=$2 work=$3/$4 case=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
fail=0
check() { "$@" || { echo "FAILED: $*"; fail=1; }; }
no_temporaries() { test -z "$(find . -name '.*.tmp-*' -o -name '*.tmp')"; }

case $case in
tmp-link)
  echo victim >victim
  ln -s "$PWD/victim" out.json.tmp
  "$gtsim" run "$scenario" --quiet --json out.json
  check test "$(cat victim)" = victim
  check test -f out.json
  check test ! -L out.json
  check grep -q '"schema_version"' out.json
  ;;
concurrent)
  short=(--set duration=10s)  # quick runs: the writes are what is tested
  "$gtsim" run "$scenario" "${short[@]}" --quiet --json reference.json || exit 1
  for i in $(seq 100); do
    "$gtsim" run "$scenario" "${short[@]}" --quiet --json out.json 2>err1 & one=$!
    "$gtsim" run "$scenario" "${short[@]}" --quiet --json out.json 2>err2 & two=$!
    wait $one; s1=$?
    wait $two; s2=$?
    if [ $s1 -ne 0 ] || [ $s2 -ne 0 ] || ! cmp -s out.json reference.json; then
      echo "try $i: exits $s1 $s2: $(cat err1 err2)"; fail=1; break
    fi
  done
  check no_temporaries
  ;;
stdout-link)
  # What /dev/stdout is, made here: a gtsim that renamed over the real one
  # would replace it for the whole machine when run as root.
  ln -s /proc/self/fd/1 stdout
  "$gtsim" run "$scenario" --quiet --json stdout >received
  check test -L stdout
  check grep -q '"schema_version"' received
  check no_temporaries
  ;;
link-target)
  : >target
  ln -s target out.json
  "$gtsim" run "$scenario" --quiet --json out.json
  check test -L out.json
  check grep -q '"schema_version"' target
  ;;
all-or-none)
  "$gtsim" run "$scenario" --quiet --json a.json --csv csv --html /nonexistent-dir/x.html 2>err
  check test $? -eq 4
  check grep -qx "gtsim: error: cannot write '/nonexistent-dir/x.html': No such file or directory; no output of the run was written" err
  check test ! -e a.json
  check test ! -e csv
  : >not-a-dir
  "$gtsim" run "$scenario" --quiet --json a.json --csv not-a-dir 2>err
  check test $? -eq 4
  check test ! -e a.json
  check no_temporaries
  ;;
file-size)
  (ulimit -f 4; exec "$gtsim" run "$scenario" --quiet --json out.json) 2>err
  check test $? -eq 4
  check grep -qx "gtsim: error: cannot write 'out.json': File too large; no output of the run was written" err
  check test ! -e out.json
  check no_temporaries
  ;;
stdout-full)
  "$gtsim" run "$scenario" >/dev/full 2>err
  check test $? -eq 4
  check grep -qx "gtsim: error: cannot write to standard output: No space left on device" err
  ;;
signal-write)
  mkfifo pipe
  "$gtsim" run "$scenario" --quiet --json a.json --csv csv --html pipe 2>err & pid=$!
  # The JSON and CSVs are staged, then gtsim blocks opening the FIFO (nobody reads it).
  for _ in $(seq 100); do
    [ -n "$(find . -name '.*.tmp-*')" ] && break
    sleep 0.1
  done
  sleep 0.2
  kill -INT $pid
  timeout 30 tail --pid=$pid -f /dev/null || kill -KILL $pid
  wait $pid
  check test $? -eq 130
  check grep -qx "gtsim: interrupted by SIGINT while writing the reports; no report written" err
  check test ! -e a.json
  check test ! -e csv
  check no_temporaries
  check test -p pipe
  ;;
*)
  echo "unknown case $case"; exit 2
  ;;
esac
exit $fail
