#!/usr/bin/env bash
# html_check.sh GTSIM OUT_DIR COMMAND ARGS...: runs `GTSIM COMMAND ARGS...
# --html OUT_DIR/report.html` (a run, a sweep or a compare), then checks the
# page in headless Chromium:
#   1. no console message (a script error, a failed load), and the page's
#      own self-check passed (reports/html_page.h: <html data-self-check=
#      "ok N charts, K series">: every chart has data, a legend and a line
#      saying what to read, the provenance block is filled in, every series
#      key has one colour across all charts);
#   2. printed to PDF on A4 and on Letter: at least one page, nothing
#      printed beyond the paper's edge (pdftotext -bbox), and every figure's
#      title ("Figure N ·", in the chart) on the same page as its last line
#      ("Figure N, what to read"): no chart is split across pages;
#   3. a screenshot, OUT_DIR/report.png, for a person to look at.
# Leaves OUT_DIR/report.html, report-A4.pdf, report-Letter.pdf, report.png.
# Exits 77 (skipped) when Chromium or poppler-utils is not installed
# (.ci/install-deps installs both).
set -u
gtsim=$1 out=$2
shift 2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
  echo "chromium or poppler-utils not installed: skipped (bash .ci/install-deps installs them)"
  exit 77
fi
rm -rf "$out" && mkdir -p "$out" || exit 1
"$gtsim" "$@" --quiet --html "$out/report.html" >"$out/gtsim.out" 2>&1
status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then  # 1: a failed expectation still writes the report
  echo "gtsim $* exited $status:"
  cat "$out/gtsim.out"
  exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars)
dir=$(cd "$out" && pwd)

timeout 120 "$browser" "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "file://$dir/report.html" \
  >"$out/dom.html" 2>"$out/chromium.log"
if grep -E ":CONSOLE[:(]" "$out/chromium.log"; then
  echo "console messages while rendering $dir/report.html (above)"
  exit 1
fi
check=$(grep -oE 'data-self-check="[^"]*"' "$out/dom.html" | head -1)
if ! grep -qE '^data-self-check="ok [0-9]+ charts, [0-9]+ series"$' <<<"$check"; then
  echo "the page's self-check did not pass: ${check:-(no self-check attribute: the script did not run)}"
  exit 1
fi

figures=$(grep -oE 'id="figure-[0-9]+"' "$out/report.html" | wc -l)
pages_of() {  # pages_of PDF: "N" pages
  pdfinfo "$1" | awk '/^Pages:/ {print $2}'
}
summary=""
for paper in A4 Letter; do
  sed "s|</style>|@page{size:$paper}</style>|" "$out/report.html" >"$out/print-$paper.html"
  timeout 120 "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$dir/report-$paper.pdf" \
    "file://$dir/print-$paper.html" >>"$out/chromium.log" 2>&1
  pages=$(pages_of "$out/report-$paper.pdf")
  if [ -z "$pages" ] || [ "$pages" -lt 1 ]; then
    echo "$paper: no PDF printed"
    exit 1
  fi
  # Nothing beyond the paper's right edge: a cut table or chart.
  if ! pdftotext -bbox "$out/report-$paper.pdf" - | awk '
      /<page / { match($0, /width="[0-9.]+"/); width = substr($0, RSTART + 7, RLENGTH - 8) + 0 }
      /<word / { match($0, /xMax="[0-9.]+"/); x = substr($0, RSTART + 6, RLENGTH - 7) + 0;
                 if (x > width + 0.5) { sub(/^ */, ""); print "beyond the edge: " $0; bad = 1 } }
      END { exit bad }'; then
    echo "$paper: text printed beyond the paper's edge (above)"
    exit 1
  fi
  # Each figure: its title and its last line on one page.
  for page in $(seq 1 "$pages"); do
    pdftotext -layout -f "$page" -l "$page" "$out/report-$paper.pdf" - | sed "s/^/$page /"
  done >"$out/report-$paper.txt"
  for n in $(seq 1 "$figures"); do
    top=$(grep -E "Figure $n ·" "$out/report-$paper.txt" | awk '{print $1}' | sort -u)
    bottom=$(grep -E "Figure $n, what to read" "$out/report-$paper.txt" | awk '{print $1}' | sort -u)
    if [ -z "$top" ] || [ -z "$bottom" ] || [ "$top" != "$bottom" ]; then
      echo "$paper: figure $n is split or missing: title on page(s) '${top//$'\n'/ }', last line on '${bottom//$'\n'/ }'"
      exit 1
    fi
  done
  summary="$summary, $paper $pages pages"
done

timeout 120 "$browser" "${flags[@]}" --window-size=1180,2200 --screenshot="$dir/report.png" \
  "file://$dir/report.html" >>"$out/chromium.log" 2>&1
if [ ! -s "$out/report.png" ]; then
  echo "no screenshot written"
  exit 1
fi
echo "ok: ${check#data-self-check=}, $figures figures each on one page$summary; screenshot $dir/report.png"
