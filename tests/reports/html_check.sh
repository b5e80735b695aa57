#!/usr/bin/env bash
# html_check.sh GTSIM SCENARIO OUT_DIR: writes the scenario's HTML report,
# renders it in headless Chromium and fails on any console message (a
# script error, a failed load) or when the page's own self-check
# (reports/html_report.h: <html data-self-check="ok N charts">) did not pass.
# Leaves OUT_DIR/report.html and a screenshot, OUT_DIR/report.png.
# Exits 77 (skipped) when Chromium is not installed (.ci/install-deps installs it).
set -u
gtsim=$1 scenario=$2 out=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium not installed: skipped (bash .ci/install-deps installs it)"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out" || exit 1
"$gtsim" run "$scenario" --quiet --html "$out/report.html" || { echo "gtsim run failed"; exit 1; }

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars)
url="file://$(cd "$out" && pwd)/report.html"

timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" \
  >"$out/dom.html" 2>"$out/chromium.log"
if grep -E ":CONSOLE[:(]" "$out/chromium.log"; then
  echo "console messages while rendering $url (above)"
  exit 1
fi
if ! grep -qE '<html [^>]*data-self-check="ok [0-9]+ charts"' "$out/dom.html"; then
  echo "the page's self-check did not pass:"
  grep -oE 'data-self-check="[^"]*"' "$out/dom.html" || echo "(no self-check attribute: the script did not run)"
  exit 1
fi
timeout 120 "$browser" "${flags[@]}" --window-size=1180,2200 --screenshot="$out/report.png" "$url" \
  >>"$out/chromium.log" 2>&1
if [ ! -s "$out/report.png" ]; then
  echo "no screenshot written"
  exit 1
fi
echo "ok: $(grep -oE 'data-self-check="[^"]*"' "$out/dom.html"), screenshot $out/report.png"
