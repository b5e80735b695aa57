// The parts every HTML report of gtsim shares (the run report,
// reports/html_report.h, and the study report, reports/study_html.h): the
// page with its screen and print styles, the provenance block, the colour
// of each region and each pair, the figure that holds a chart with one
// line saying what to read from it, and the page's self-check.
//
// Print: no chart is split across pages and the page prints to A4 and
// Letter alike: a figure is an inline block (an atomic box, never
// fragmented), two to a row; tables repeat their header on a new page.
// tests/reports/html_check.sh prints both sizes in headless Chromium and
// checks that every figure's title and its reading line share a page.
//
// The self-check (an inline script, run on load) records in
// <html data-self-check> "ok N charts, K series" or what failed: a chart
// without data or legend, a figure without its reading line, an empty
// table, a provenance field left empty, or a series key drawn in two
// colours (one colour per region and per pair across every chart).
//
// Determinism: pure functions; the palette is a constant.
#pragma once

#include <string>
#include <vector>

#include "reports/provenance.h"

namespace reports {

// "<!DOCTYPE html> ... <body>" with the title and the styles.
std::string page_begin(const std::string& title);
// The self-check script, "</body></html>".
std::string page_end();

// The provenance block (a <section class="provenance">), each field with
// its data-field for the self-check.
std::string provenance_html(const Provenance& provenance);

// One colour per region, then one per ordered pair (from-major, skipping
// from == to), from one palette, in scenario order: region r and pair p
// never share a colour while the palette lasts (16 colours).
class SeriesColours {
 public:
  explicit SeriesColours(size_t region_count) : regions_(region_count) {}
  std::string region(size_t r) const;
  std::string pair(size_t p) const;  // index into RunResult::pairs
  // The colour of what is no region's or pair's (provisioned capacity).
  static std::string neutral() { return "#4b5563"; }

 private:
  size_t regions_;
};

// "region:NAME" and "pair:FROM->TO": the keys charts give their series.
std::string region_key(const std::string& name);
std::string pair_key(const std::string& from, const std::string& to);

// The page's key to the colours: a swatch and name per region and pair.
std::string colour_key_html(const std::vector<std::string>& regions,
                            const std::vector<std::pair<std::string, std::string>>& pairs,
                            const SeriesColours& colours);

// A chart in its figure: the SVG, then "Figure N, what to read: READ".
std::string figure_html(int number, const std::string& svg, const std::string& read);

}  // namespace reports
