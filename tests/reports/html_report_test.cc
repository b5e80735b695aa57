// reports/html_report.h: one self-contained page with tables and charts.
#include <catch2/catch.hpp>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/html_report.h"
#include "tests/reports/admin_result.h"

namespace {

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("HTML report: seed, scenario and timeline on top, a chart per figure family, nothing external") {
  const load::LoadResult loaded = load::load_scenario_text(
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
  // 6 pairs of lag, 1 client group's latency, 2 backlog charts, 3 per region.
  CHECK(count(html, "<svg class=\"chart\"") == 6 + 1 + 2 + 3 * 3);
  // Both timeline events on every chart.
  CHECK(count(html, "<g class=\"mark\">") == 2 * (6 + 1 + 2 + 3 * 3));
  // The group's latency around both events.
  CHECK(html.find("<td>outage eu-west-1</td><td>us-east-1/0</td>") != std::string::npos);
  CHECK(html.find("data-self-check") != std::string::npos);
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(reports::html_report(result, reports::timeline_marks(*loaded.scenario)) == html);
}

TEST_CASE("HTML report: a client group's latency chart breaks where it was served nothing") {
  const load::LoadResult loaded = load::load_scenario_text(
      "duration: 3m\nregions: [us-east-1, eu-west-1]\ntable: {service_latency: {put: 3ms}}\n"
      "workload:\n  us-east-1: [{name: web, rate: 20, arrivals: constant}]\n"
      "timeline:\n  - {at: 1m, outage: us-east-1}\n  - {at: 2m, recover: us-east-1}\n",
      "h.yaml");
  REQUIRE(loaded.ok());
  const model::RunResult result = model::Simulation(*loaded.scenario).run();
  const std::string html = reports::html_report(result, reports::timeline_marks(*loaded.scenario));
  const size_t chart = html.find("us-east-1/web: client latency");
  REQUIRE(chart != std::string::npos);
  const std::string svg = html.substr(chart, html.find("</svg>", chart) - chart);
  // p50 and p99: minute 0 alone, a gap for the outage's minute, minute 2 alone: four dots, no line.
  CHECK(count(svg, "r=\"2\" fill=") == 4);
  CHECK(count(svg, "<polyline") == 0);
  CHECK(html.find("<td>us-east-1/web</td><td>3.00 ms / 3.00 ms</td><td>none</td>") != std::string::npos);
}

TEST_CASE("HTML report: tables for queries and TTL, drift episodes and replica changes, only when they have rows") {
  const std::string html = reports::html_report(gtsim_test::admin_result(), {});
  CHECK(html.find("<h2>Queries, refused requests and TTL</h2>") != std::string::npos);
  CHECK(html.find("<tr><td>eu-west-1</td><td>80</td><td>42</td><td>0</td><td>0</td><td>300</td><td>12</td></tr>") !=
        std::string::npos);
  CHECK(html.find("<p class=\"note\">settings_sync on, delay 5.000 s</p>") != std::string::npos);
  CHECK(html.find("<tr><td>ttl</td><td>0:20</td><td>still at the end</td><td>300 replicated write units</td>"
                  "<td>us-east-1 on, eu-west-1 off</td></tr>") != std::string::npos);
  CHECK(html.find("<tr><td>ap-southeast-2</td><td>add</td><td>0:05</td><td>active</td><td>us-east-1</td>"
                  "<td>1000</td><td>2.500 s</td><td>17</td><td>230</td><td></td></tr>") != std::string::npos);
  CHECK(html.find("<td>refused</td><td></td><td></td><td></td><td></td><td></td>"
                  "<td>1000 items (1.02 MB) in 10.000 s: 125 RCU, 1000 WCU</td></tr>") != std::string::npos);

  model::RunResult plain = gtsim_test::admin_result();
  for (model::RegionResult& region : plain.region_results) {
    region.operations[static_cast<int>(model::Operation::kQuery)] = 0;
    region.missing_index_errors = region.refused_requests = region.ttl_deletes = region.expired_items = 0;
    region.ttl_replicated_write_units = 0;
  }
  plain.drift.episodes.clear();
  plain.replica_changes.clear();
  const std::string without = reports::html_report(plain, {});
  CHECK(without.find("Queries, refused") == std::string::npos);
  CHECK(without.find("Settings drift") == std::string::npos);
  CHECK(without.find("Replica changes") == std::string::npos);
}
