#!/usr/bin/env bash
# The lean loop's B1 lags against their closed forms: a copy's lag is the
# link's base latency plus an exponential jitter of mean 5 ms, so its p50 is
# base + 5 ln 2 ms and its p99 base + 5 ln 100 ms. One simulated minute gives
# 60,000 copies per link: the sampling error of p50 is about 0.02 ms (p99:
# 0.2 ms) and a histogram bucket there is at most 0.26 ms wide (half of it
# is the largest error of a midpoint), so the stated tolerances are 0.25 ms
# for p50 and 1.5 ms for p99, over five standard errors plus half a bucket.
# Also: every write reaches both other regions (applies = 2 x writes) and
# every event is a write or an apply.
set -u
loop="$1"
out=$("$loop" --duration-s 60 2>/dev/null) || { echo "lean loop failed"; exit 1; }
echo "$out"
echo "$out" | awk '
  function check(name, got, want, tolerance) {
    if (got < want - tolerance || got > want + tolerance) {
      printf "FAIL %s: %.3f ms, expected %.3f +- %.2f ms\n", name, got, want, tolerance; bad = 1
    }
  }
  BEGIN { base["r0->r1"] = base["r1->r0"] = 40; base["r0->r2"] = base["r2->r0"] = 100
          base["r1->r2"] = base["r2->r1"] = 80 }
  /^events / { events = $2 }
  /^writes / { writes = $2 }
  /^applies / { applies = $2 }
  /^lag / { links++; check($2 " p50", $6, base[$2] + 5 * log(2), 0.25); check($2 " p99", $9, base[$2] + 5 * log(100), 1.5) }
  END {
    if (links != 6) { print "FAIL: expected 6 links, found " links; bad = 1 }
    if (writes < 170000 || applies != 2 * writes || events != writes + applies) {
      print "FAIL: events " events ", writes " writes ", applies " applies; bad = 1
    }
    exit bad
  }'
