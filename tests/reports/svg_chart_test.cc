// reports/svg_chart.h: gaps where there is no data, bands, keys and colours.
#include "reports/svg_chart.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "tests/reports/report_text.h"

namespace reports {
namespace {

using gtsim_test::count;

TEST_CASE("svg chart: NaN is a gap, never a 0; a point alone between gaps is a dot") {
  const double gap = std::nan("");
  Chart chart;
  chart.title = "t";
  chart.lines.push_back({"lag", {1, 2, gap, gap, 3, 4, gap, 5}, "#2563eb", "pair:a->b", false, false});
  const std::string svg = svg_chart(chart);
  CHECK(count(svg, "<polyline") == 2);
  CHECK(count(svg, "<circle cx=") == 1);
  CHECK(svg.find("data-key=\"pair:a-&gt;b\" data-color=\"#2563eb\"") != std::string::npos);
  CHECK(svg.find("no data in this run") == std::string::npos);
  // All gaps: the chart says it has no data.
  Chart empty;
  empty.lines.push_back({"lag", {gap, gap}, "#2563eb", "pair:a->b", false, false});
  CHECK(svg_chart(empty).find("no data in this run") != std::string::npos);
}

TEST_CASE("svg chart: a band shades each run of steps where it holds, with its legend swatch") {
  Chart chart;
  chart.lines.push_back({"consumed", {1, 1, 1, 1, 1, 1}, "#dc2626", "region:r", false, false});
  chart.bands.push_back({"burst", {false, true, true, false, true, false}, "#dc2626", "region:r"});
  chart.footer = "gtsim 1 · s · seed 1";
  const std::string svg = svg_chart(chart);
  const size_t band = svg.find("<g class=\"band\"");
  REQUIRE(band != std::string::npos);
  CHECK(count(svg.substr(band, svg.find("</g>", band) - band), "<rect") == 2);
  CHECK(count(svg, "class=\"swatch\"") == 2);
  CHECK(svg.find(">burst</text>") != std::string::npos);
  CHECK(svg.find(">gtsim 1 · s · seed 1</text>") != std::string::npos);
}

}  // namespace
}  // namespace reports
