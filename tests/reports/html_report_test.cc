// reports/html_report.h: one self-contained page with tables and charts.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/html_report.h"
#include "tests/reports/admin_result.h"
#include "tests/reports/report_text.h"

using gtsim_test::count;

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
  // 6 pairs of lag, 1 client group's latency, 3 backlog charts, 2 capacity
  // charts per region, 2 of throttling.
  CHECK(count(html, "<svg class=\"chart\"") == 6 + 1 + 3 + 2 * 3 + 2);
  // Both timeline events on every chart.
  CHECK(count(html, "<g class=\"mark\">") == 2 * (6 + 1 + 3 + 2 * 3 + 2));
  // Every chart is a numbered figure with its line on what to read.
  CHECK(count(html, "<figure class=\"chart\"") == 18);
  CHECK(html.find("Figure 18, what to read: ") != std::string::npos);
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
  CHECK(count(svg, "r=\"1.8\" fill=") == 4);
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

namespace {

// Every (data-key, data-color) pair of the page.
std::map<std::string, std::set<std::string>> colours_by_key(const std::string& html) {
  std::map<std::string, std::set<std::string>> colours;
  for (size_t at = html.find("data-key=\""); at != std::string::npos; at = html.find("data-key=\"", at + 1)) {
    const size_t key_end = html.find('"', at + 10);
    const size_t colour = html.find("data-color=\"", key_end);
    colours[html.substr(at + 10, key_end - at - 10)].insert(html.substr(colour + 12, 7));
  }
  return colours;
}

model::RunResult failover_run(load::LoadResult* loaded) {
  *loaded = load::load_scenario_text(
      "description: drill\nseed: 3\nduration: 2m\nregions:\n  - {name: us-east-1, capacity: {mode: on_demand}}\n"
      "  - name: eu-west-1\n"
      "    capacity: {mode: provisioned, write_units: 20, read_units: 20, burst_seconds: 0}\n"
      "version: \"2017.11.29\"\ntable: {keys: 100}\n"
      "workload:\n  us-east-1: [{name: app, rate: 60}]\n"
      "timeline:\n  - {at: 30s, outage: us-east-1}\n  - {at: 31s, shift_traffic: {from: us-east-1, to: eu-west-1}}\n",
      "drill.yaml");
  REQUIRE(loaded->ok());
  return model::Simulation(*loaded->scenario).run();
}

}  // namespace

TEST_CASE("HTML report: the provenance block says what was run, and every chart's footer says it short") {
  load::LoadResult loaded;
  const model::RunResult result = failover_run(&loaded);
  reports::Provenance provenance = reports::provenance_of(*loaded.scenario);
  provenance.gtsim = "gtsim 9.9.9 (commit 0123456789ab)";
  provenance.command_line = "gtsim run drill.yaml --html 'a b.html'";
  provenance.scenario_hash = "fnv1a64:00000000000000ff";
  const std::string html = reports::html_report(result, reports::timeline_marks(*loaded.scenario), provenance);
  CHECK(html.find("<dd data-field=\"version\">gtsim 9.9.9 (commit 0123456789ab)</dd>") != std::string::npos);
  CHECK(html.find("<dd data-field=\"command\"><code>gtsim run drill.yaml --html 'a b.html'</code></dd>") !=
        std::string::npos);
  CHECK(html.find("<dd data-field=\"hash\"><code>fnv1a64:00000000000000ff</code></dd>") != std::string::npos);
  CHECK(html.find("<dd data-field=\"seed\">3</dd>") != std::string::npos);
  CHECK(html.find("<dd data-field=\"description\">drill</dd>") != std::string::npos);
  CHECK(html.find("<tr><td>us-east-1</td><td>on demand: 4000 WRU, 12000 RRU at once, at most 40000, 40000</td>"
                  "<td>60 requests/s: app 60/s</td></tr>") != std::string::npos);
  CHECK(html.find("<tr><td>eu-west-1</td><td>provisioned 20 WCU, 20 RCU; burst 0 s</td><td>none</td></tr>") !=
        std::string::npos);
  // A chart copied alone still names its run.
  CHECK(count(html, "gtsim 9.9.9 (commit 0123456789ab) · drill (fnv1a64:00000000000000ff) · seed 3</text>") ==
        count(html, "<svg class=\"chart\""));
}

TEST_CASE("HTML report: one colour per region and per pair across every chart, each in the key") {
  load::LoadResult loaded;
  const model::RunResult result = failover_run(&loaded);
  const std::string html = reports::html_report(result, reports::timeline_marks(*loaded.scenario));
  const auto colours = colours_by_key(html);
  // Keys as the page writes them, '>' escaped in the attribute.
  for (const char* key : {"region:us-east-1", "region:eu-west-1", "pair:us-east-1-&gt;eu-west-1",
                          "pair:eu-west-1-&gt;us-east-1"}) {
    INFO(key);
    REQUIRE(colours.count(key) == 1);
    CHECK(colours.at(key).size() == 1);
  }
  std::set<std::string> distinct;
  for (const char* key : {"region:us-east-1", "region:eu-west-1", "pair:us-east-1-&gt;eu-west-1",
                          "pair:eu-west-1-&gt;us-east-1"}) {
    distinct.insert(*colours.at(key).begin());
  }
  CHECK(distinct.size() == 4);
  // The key at the top names each of them.
  CHECK(html.find("<i data-key=\"pair:eu-west-1-&gt;us-east-1\"") != std::string::npos);
  CHECK(html.find("<i data-key=\"region:eu-west-1\"") != std::string::npos);
}

TEST_CASE("HTML report: throttled share, burst marked, and gaps where a figure has no data") {
  load::LoadResult loaded;
  const model::RunResult result = failover_run(&loaded);
  // The share's denominator, per second, adds up to the run's client attempts.
  for (size_t r = 0; r < result.region_results.size(); ++r) {
    int64_t attempts = 0;
    for (int64_t a : result.region_series[r].client_attempts) attempts += a;
    CHECK(static_cast<uint64_t>(attempts) == result.region_results[r].client_attempts());
  }
  const std::string html = reports::html_report(result, reports::timeline_marks(*loaded.scenario));
  CHECK(html.find("client attempts throttled, by region<tspan class=\"unit\"> % of attempts</tspan>") !=
        std::string::npos);
  // eu-west-1 at 20 WCU takes 60 writes/s after the failover: throttled, and above provisioned
  // where a second's carry lets it (burst_seconds 0: one second of capacity).
  CHECK(html.find("<g class=\"band\" data-key=\"region:eu-west-1\"") != std::string::npos);
  CHECK(html.find("consumed above provisioned (burst)") != std::string::npos);
  // eu-west-1 replicates nothing to us-east-1 before the failover, and us-east-1 is down after:
  // the minutes without an applied write are gaps, not zeros; a chart with no data at all says so.
  CHECK(html.find("no data in this run") != std::string::npos);
  // us-east-1's throttled share: a line broken where it had no attempts (down from 30 s).
  const size_t share = html.find("client attempts throttled, by region");
  const size_t east = html.find("data-key=\"region:us-east-1\"", share);
  const size_t end = html.find("</g>", east);
  const std::string line = html.substr(east, end - east);
  CHECK(count(line, "<polyline") == 1);
  // One point a second while it had attempts (30 s), none after: not a 0 % drawn over the outage.
  CHECK(count(line, ",") == 30);
}
