// reports/html_report.h: one self-contained page with tables and charts.
#include <catch2/catch.hpp>

#include "model/scenario_loader.h"
#include "model/simulation.h"
#include "reports/html_report.h"

namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("HTML report: seed, scenario and timeline on top, a chart per figure family, nothing external") {
  const model::LoadResult loaded = model::load_scenario_text(
      "name: a<b\nseed: 9\nduration: 3m\nregions: [us-east-1, eu-west-1, ap-southeast-2]\ntable: {keys: 100}\n"
      "workload:\n  us-east-1: [{rate: 50}]\n"
      "timeline:\n  - {at: 1m, outage: eu-west-1}\n  - {at: 2m, recover: eu-west-1}\n",
      "h.yaml");
  REQUIRE(loaded.ok());
  const model::RunResult result = model::Simulation(*loaded.scenario).run();
  const std::string html = reports::html_report(result, reports::timeline_marks(*loaded.scenario));
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<h1>gtsim: a&lt;b</h1>") != std::string::npos);
  CHECK(html.find("seed <b>9</b>") != std::string::npos);
  CHECK(html.find("<td>outage of eu-west-1</td>") != std::string::npos);
  CHECK(html.find("<td>eu-west-1 recovers</td>") != std::string::npos);
  // 6 pairs of lag, 2 backlog charts, 3 per region.
  CHECK(count(html, "<svg class=\"chart\"") == 6 + 2 + 3 * 3);
  // Both timeline events on every chart.
  CHECK(count(html, "<g class=\"mark\">") == 2 * (6 + 2 + 3 * 3));
  CHECK(html.find("data-self-check") != std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(reports::html_report(result, reports::timeline_marks(*loaded.scenario)) == html);
}
