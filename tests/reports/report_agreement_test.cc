// The terminal, CSV, HTML and JSON reports agree on every count of a
// failover: errors by cause (throttled, unavailable, refused, missing
// index, write conflicts), the throttling windows, and the outage's writes
// (docs/report-paths.md, "Failover figures").
#include <catch2/catch.hpp>

#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/csv_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/json_value.h"
#include "reports/metric_paths.h"
#include "reports/report_diff.h"
#include "reports/text_report.h"
#include "reports/timeline_marks.h"

namespace {

// A region with too little capacity throttles, another fails and its
// clients keep sending there for 30 s before they move.
const char* const kThrottleAndFailover = R"(duration: 3m
version: "2017.11.29"
regions:
  - name: us-east-1
    capacity: {mode: on_demand}
  - name: eu-west-1
    capacity: {mode: provisioned, write_units: 20, read_units: 20, burst_seconds: 0}
table: {keys: 200}
workload:
  us-east-1: [{rate: 50}]
  eu-west-1: [{rate: 40, mix: {put: 50, get: 50}}]
timeline:
  - {at: 1m, outage: us-east-1, failover: {to: eu-west-1, after: 30s}}
)";

// The column sum of `region`'s column in a CSV file.
int64_t column_sum(const std::vector<reports::CsvFile>& files, const std::string& name, const std::string& region) {
  for (const reports::CsvFile& file : files) {
    if (file.name != name) continue;
    std::istringstream in(file.content);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    for (std::istringstream h(line); std::getline(h, line, ',');) header.push_back(line);
    const size_t column = static_cast<size_t>(std::find(header.begin(), header.end(), region) - header.begin());
    int64_t sum = 0;
    while (std::getline(in, line)) {
      std::istringstream cells(line);
      std::string cell;
      for (size_t c = 0; std::getline(cells, cell, ','); ++c) {
        if (c == column && !cell.empty()) sum += std::stoll(cell);
      }
    }
    return sum;
  }
  FAIL("no CSV file " << name);
  return 0;
}

}  // namespace

TEST_CASE("Reports agree: terminal, CSV, HTML and JSON give the same count for every error cause") {
  const load::LoadResult loaded = load::load_scenario_text(kThrottleAndFailover, "agree.yaml");
  REQUIRE(loaded.ok());
  const model::RunResult result = model::Simulation(*loaded.scenario).run();
  const std::string text = reports::text_report(result);
  const std::string html = reports::html_report(result, reports::timeline_marks(*loaded.scenario));
  const std::vector<reports::CsvFile> csv = reports::csv_report(result);
  std::string error;
  const std::optional<reports::JsonValue> json = reports::parse_json(reports::json_report(result), &error);
  REQUIRE(json);
  const std::optional<std::vector<reports::Figure>> figures = reports::figures_from_report(*json, &error);
  REQUIRE(figures);
  const auto figure = [&](const std::string& path) {
    for (const reports::Figure& f : *figures) {
      if (f.path == path) return f.value;
    }
    FAIL("no figure " << path);
    return int64_t{0};
  };
  const model::RegionResult& us = result.region_results[0];
  const model::RegionResult& eu = result.region_results[1];
  REQUIRE(us.unavailable_errors > 1000);  // 30 s of 50 requests a second
  REQUIRE(eu.client_errors > 0);          // throttled after the last attempt
  for (const model::RegionResult& r : result.region_results) {
    CAPTURE(r.name);
    // JSON figures.
    CHECK(figure("regions." + r.name + ".client_errors") == static_cast<int64_t>(r.client_errors));
    CHECK(figure("regions." + r.name + ".unavailable_errors") == static_cast<int64_t>(r.unavailable_errors));
    // CSV: each per-second series sums to its figure.
    CHECK(column_sum(csv, "ClientErrors.csv", r.name) == static_cast<int64_t>(r.client_errors));
    CHECK(column_sum(csv, "UnavailableErrors.csv", r.name) == static_cast<int64_t>(r.unavailable_errors));
    CHECK(column_sum(csv, "RefusedRequests.csv", r.name) == static_cast<int64_t>(r.refused_requests));
    CHECK(column_sum(csv, "ThrottleEvents.csv", r.name) == static_cast<int64_t>(r.throttle_events));
    // Terminal: the capacity table prints errors and unavailable apart.
    const std::string row = fmt::format("{} {:>10} {:>10} ", r.retries, r.client_errors, r.unavailable_errors);
    CHECK(text.find(row) != std::string::npos);
    // HTML: the regions table's cells.
    CHECK(html.find(fmt::format("<td>{}</td><td>{}</td><td>{}</td>", r.retries, r.client_errors,
                                r.unavailable_errors)) != std::string::npos);
  }
  // Throttling windows count the same client errors as the region.
  int64_t window_errors = 0;
  for (const model::ThrottleWindow& w : result.throttle_windows) {
    if (w.region == "eu-west-1") window_errors += w.client_errors;
  }
  CHECK(window_errors == static_cast<int64_t>(eu.client_errors));
  // The outage's writes: one figure, the same in JSON as in the result.
  REQUIRE(result.outages.size() == 1);
  CHECK(figure("outages.us-east-1.at_risk_writes") == static_cast<int64_t>(result.outages[0].at_risk_writes));
  CHECK(figure("outages.us-east-1.unreplicated_at_end_writes") ==
        static_cast<int64_t>(result.outages[0].unreplicated_at_end_writes));
  CHECK(text.find(fmt::format("{} writes at risk", result.outages[0].at_risk_writes)) != std::string::npos);
  CHECK(text.find(fmt::format("{} writes not yet replicated", result.outages[0].unreplicated_at_end_writes)) !=
        std::string::npos);
}
