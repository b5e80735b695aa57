#!/usr/bin/env bash
# alternate.sh [-n RUNS] 'COMMAND A' 'COMMAND B': times two commands in turn,
# A B A B ..., after one warm-up run of each, and prints for each its median
# wall time and peak memory (GNU time's accounting of the finished process)
# and the median of the pair-by-pair ratios A/B. Running the two in
# alternation makes the ratio hold when the machine's speed drifts; quote
# medians and ratios, not single times. Output of the commands is discarded.
set -euo pipefail
runs=5
if [[ ${1:-} == -n ]]; then runs=$2; shift 2; fi
if [[ $# -ne 2 ]]; then
  echo "usage: bench/alternate.sh [-n RUNS] 'COMMAND A' 'COMMAND B'" >&2
  exit 2
fi
[[ -x /usr/bin/time ]] || { echo "alternate.sh: needs GNU time (Debian package: time)" >&2; exit 2; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
measure() {  # measure LABEL COMMAND: one run, appends "LABEL wall_s peak_kb"
  local out
  out=$(mktemp)
  /usr/bin/time -o "$out" -f "%e %M" bash -c "$2" >/dev/null 2>&1 || true
  echo "$1 $(tail -n 1 "$out")" >>"$log"
  rm -f "$out"
}
measure warm "$1"; measure warm "$2"; : >"$log"
for ((i = 0; i < runs; i++)); do measure A "$1"; measure B "$2"; done
awk -v runs="$runs" '
  function median(v, n,   i, j, t) {
    for (i = 2; i <= n; i++) { t = v[i]; for (j = i - 1; j >= 1 && v[j] > t; j--) v[j + 1] = v[j]; v[j + 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  $1 == "A" { a++; wa[a] = $2; ma[a] = $3 } $1 == "B" { b++; wb[b] = $2; mb[b] = $3; r[b] = wb[b] > 0 ? wa[b] / wb[b] : 0 }
  END {
    printf "A: wall median %.2f s, peak %.1f MB\n", median(wa, a), median(ma, a) / 1024
    printf "B: wall median %.2f s, peak %.1f MB\n", median(wb, b), median(mb, b) / 1024
    printf "A/B: wall ratio median %.3f over %d pairs\n", median(r, b), runs
  }' "$log"
