// The cost report (reports/cost_breakdown.h, reports/cost_report.h): small
// worlds whose bill is worked out by hand from their traffic and prices
// equal the report's, to the cent; the JSON, text, CSV and figures agree.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/money.h"
#include "reports/cost_breakdown.h"
#include "reports/cost_report.h"
#include "reports/expectation_check.h"
#include "reports/json_report.h"
#include "reports/json_value.h"
#include "reports/metric_paths.h"
#include "reports/report_diff.h"
#include "tests/model/test_worlds.h"
#include "tests/reports/report_text.h"

namespace {

using gtsim_test::figure;
using gtsim_test::run_yaml;
using reports::CostComponent;

// A hand-computed amount in dollars, to the cent, as the report prints it.
std::string cents(double dollars) { return model::format_usd_cents(static_cast<int64_t>(std::llround(dollars * 1e6))); }

int64_t component(const reports::RegionCost& region, CostComponent c) {
  return region.span_micro[static_cast<size_t>(c)];
}

constexpr double kMonthOverTenSeconds = 2'626'560.0 / 10.0;  // 30.4 days of 24 h over a 10 s run
constexpr double kGb = 1024.0 * 1024.0 * 1024.0;

}  // namespace

TEST_CASE("Cost: on demand, two regions, 100 writes and 40 reads cost what the price list says, to the cent") {
  // 100 writes of a 1,500-byte item in us-east-1 (2 write units each), all
  // replicated to eu-west-1; 40 strongly consistent reads there (1 unit
  // each, 4 KB blocks). One item, so each replica stores 1,500 bytes.
  const model::RunResult result = run_yaml(R"(
duration: 10s
regions: [us-east-1, eu-west-1]
table: {keys: 1, item_size: 1500B}
workload:
  us-east-1: [{name: w, rate: 10, arrivals: constant}]
  eu-west-1: [{name: r, rate: 4, arrivals: constant, mix: {get: 100}, consistency: strong}]
pricing:
  all: {storage_gb_month: 1000000}
  us-east-1: {write_requests: 50000, transfer_gb: 1000000}
  eu-west-1: {replicated_write_requests: 75000, read_requests: 125000}
)");
  REQUIRE(result.region_results[0].operations[static_cast<int>(model::Operation::kPut)] == 100);
  REQUIRE(result.region_results[1].operations[static_cast<int>(model::Operation::kGet)] == 40);
  const double local_writes = 100 * 2 * 50000 / 1e6;         // 200 WRU at $50,000 a million: $10.00
  const double replicated = 100 * 2 * 75000 / 1e6;           // 200 rWRU: $15.00
  const double reads = 40 * 1 * 125000 / 1e6;                // 40 RRU: $5.00
  const double transfer = 100 * 1500 / kGb * 1000000;        // 150,000 bytes at $1M a GB: $139.70
  const double storage_month = 1500 / kGb * 1000000;         // 1,500 bytes a month: $1.40

  const reports::CostBreakdown cost = reports::cost_breakdown(result);
  const reports::RegionCost& east = cost.regions[0];
  const reports::RegionCost& west = cost.regions[1];
  CHECK(component(east, CostComponent::kLocalWrites) == 10'000'000);
  CHECK(component(west, CostComponent::kReplicatedWrites) == 15'000'000);
  CHECK(component(west, CostComponent::kReads) == 5'000'000);
  CHECK(model::format_usd_cents(component(east, CostComponent::kTransfer)) == cents(transfer));
  CHECK(model::format_usd_cents(east.monthly_micro[static_cast<size_t>(CostComponent::kStorage)]) ==
        cents(storage_month));
  CHECK(component(west, CostComponent::kLocalWrites) == 0);
  CHECK(component(east, CostComponent::kWriteCapacity) == 0);
  CHECK(component(west, CostComponent::kTransfer) == 0);  // it wrote nothing
  const double east_total = local_writes + transfer + storage_month * 10 / 2'626'560.0;
  CHECK(model::format_usd_cents(figure(result, "cost.regions.us-east-1.total_usd")) == cents(east_total));
  CHECK(model::format_usd_cents(figure(result, "cost.total_usd")) ==
        cents(east_total + replicated + reads + storage_month * 10 / 2'626'560.0));
  // A month: the run's 10 s scaled by 262,656; storage at its month's price.
  CHECK(model::format_usd_cents(figure(result, "cost.regions.eu-west-1.monthly.replicated_writes_usd")) ==
        cents(replicated * kMonthOverTenSeconds));
  CHECK(model::format_usd_cents(figure(result, "cost.monthly.local_writes_usd")) ==
        cents(local_writes * kMonthOverTenSeconds));
  CHECK(model::format_usd_cents(figure(result, "cost.regions.us-east-1.monthly_usd")) ==
        cents((local_writes + transfer) * kMonthOverTenSeconds + storage_month));

  // The other reports carry the same amounts.
  const std::string json = reports::json_report(result);
  CHECK(json.find("\"local_writes_usd\": 10.000000,") != std::string::npos);
  CHECK(json.find("\"local_write_request_units\": 200.000,") != std::string::npos);
  CHECK(json.find("\"read_request_units\": 40.000,") != std::string::npos);
  const std::string csv = reports::cost_csv(result).content;
  CHECK(csv.find("\neu-west-1,replicated_writes,15.000000,3939840.000000,override\n") != std::string::npos);
  const std::string text = reports::cost_text(result);
  CHECK(text.find(cents(local_writes * kMonthOverTenSeconds)) != std::string::npos);
}

TEST_CASE("Cost: eventually consistent reads bill half a unit; throttled attempts bill nothing") {
  const model::RunResult result = run_yaml(R"(
duration: 10s
regions: [us-east-1, eu-west-1]
table: {keys: 1000}
workload:
  eu-west-1: [{name: r, rate: 4, arrivals: constant, mix: {get: 100}}]
pricing:
  eu-west-1: {read_requests: 1000000}
)");
  // 40 reads of absent items, half a unit each: 20 RRU at $1M a million.
  CHECK(figure(result, "cost.regions.eu-west-1.reads_usd") == 20'000'000);
}

TEST_CASE("Cost: provisioned capacity with one set_capacity step is billed by the hours each level was held") {
  // 2 replicas for the whole hour: write capacity is replicated (rWCU).
  // us-east-1 holds 100 WCU for 30 minutes, then 300: 200 rWCU-hours.
  const std::string world = R"(
duration: 1h
version: "2017.11.29"
regions: [us-east-1, eu-west-1]
table: {capacity: {mode: provisioned, write_units: 100, read_units: 50}}
timeline:
  - at: 30m
    set_capacity: {region: us-east-1, write_units: 300}
pricing:
  all: {replicated_write_capacity_hour: 1.5, read_capacity_hour: 0.25, write_capacity_hour: 99}
)";
  const model::RunResult result = run_yaml(world);
  CHECK(model::format_usd_cents(figure(result, "cost.regions.us-east-1.write_capacity_usd")) == cents(200 * 1.5));
  CHECK(model::format_usd_cents(figure(result, "cost.regions.eu-west-1.write_capacity_usd")) == cents(100 * 1.5));
  CHECK(model::format_usd_cents(figure(result, "cost.regions.us-east-1.read_capacity_usd")) == cents(50 * 0.25));
  CHECK(model::format_usd_cents(figure(result, "cost.read_capacity_usd")) == cents(2 * 50 * 0.25));
  // Provisioned: no request units billed, whatever the traffic.
  CHECK(figure(result, "cost.local_writes_usd") == 0);
  // A month is 729.6 hours of the same.
  CHECK(model::format_usd_cents(figure(result, "cost.regions.us-east-1.monthly.write_capacity_usd")) ==
        cents(200 * 1.5 * 729.6));
  // hourly_peak [KNOB]: the hour is billed at the 300 it reached.
  const model::RunResult peak = run_yaml(world, {{"pricing.capacity_billing", "hourly_peak"}});
  CHECK(model::format_usd_cents(figure(peak, "cost.regions.us-east-1.write_capacity_usd")) == cents(300 * 1.5));
  CHECK(model::format_usd_cents(figure(peak, "cost.regions.eu-west-1.write_capacity_usd")) == cents(100 * 1.5));
}

TEST_CASE("Cost: an auto scaling step is billed from the moment it took effect") {
  const model::RunResult result = run_yaml(R"(
duration: 30m
regions: [us-east-1, eu-west-1]
table:
  keys: 100000
  capacity:
    mode: provisioned
    write_units: 100
    read_units: 10
    auto_scaling: {write: {min: 100, max: 1000, target: 50}}
workload:
  us-east-1: [{name: w, rate: 150, arrivals: constant}]
pricing:
  all: {replicated_write_capacity_hour: 10}
)");
  // The first scale-out of us-east-1, as the report records it.
  const model::ScalingAction* step = nullptr;
  for (const model::ScalingAction& a : result.scaling_actions) {
    if (a.region == "us-east-1" && step == nullptr) step = &a;
  }
  REQUIRE(step != nullptr);
  int64_t last = result.duration_ns;
  for (const model::ScalingAction& a : result.scaling_actions) {
    if (a.region == "us-east-1" && &a != step) last = std::min(last, a.effective_ns);
  }
  REQUIRE(last == result.duration_ns);  // one step within the run
  const double hours_before = static_cast<double>(step->effective_ns) / 3.6e12;
  const double hours_after = static_cast<double>(result.duration_ns - step->effective_ns) / 3.6e12;
  const double hand =
      (static_cast<double>(step->from_units) * hours_before + static_cast<double>(step->to_units) * hours_after) * 10;
  CHECK(model::format_usd_cents(figure(result, "cost.regions.us-east-1.write_capacity_usd")) == cents(hand));
}

TEST_CASE("Cost: the table's write capacity is WCU while it has one replica, rWCU once it has two") {
  const model::RunResult result = run_yaml(R"(
duration: 1h
version: "2017.11.29"
regions:
  - us-east-1
  - {name: eu-west-1, replica: false}
  - {name: ap-southeast-2, replica: false}
table: {capacity: {mode: provisioned, write_units: 100, read_units: 10}}
timeline:
  - at: 20m
    add_replica: {region: eu-west-1}
pricing:
  all: {write_capacity_hour: 1, replicated_write_capacity_hour: 2, read_capacity_hour: 1}
)");
  // us-east-1: 100 WCU alone for 20 minutes, then replicated for 40.
  CHECK(model::format_usd_cents(figure(result, "cost.regions.us-east-1.write_capacity_usd")) ==
        cents(100 * (1.0 / 3) * 1 + 100 * (2.0 / 3) * 2));
  CHECK(model::format_usd_cents(figure(result, "cost.regions.eu-west-1.write_capacity_usd")) ==
        cents(100 * (2.0 / 3) * 2));
  CHECK(model::format_usd_cents(figure(result, "cost.regions.eu-west-1.read_capacity_usd")) ==
        cents(10 * (2.0 / 3) * 1));
  // A region with no replica (MRSC's witness will be one) costs nothing.
  CHECK(figure(result, "cost.regions.ap-southeast-2.total_usd") == 0);
  CHECK(figure(result, "cost.regions.ap-southeast-2.monthly_usd") == 0);
}

TEST_CASE("Cost: figures read back from the JSON report are flatten()'s, and a report without them reads") {
  const model::RunResult result = run_yaml(R"(
duration: 20s
regions: [us-east-1, eu-west-1]
workload:
  us-east-1: [{name: w, rate: 50}]
  eu-west-1: [{name: r, rate: 20, mix: {put: 50, get: 50}}]
)");
  std::string error;
  const std::optional<reports::JsonValue> json = reports::parse_json(reports::json_report(result), &error);
  REQUIRE(json);
  std::vector<reports::Figure> read;
  REQUIRE(reports::cost_figures_from_report(*json, &read, &error));
  std::vector<reports::Figure> expected;
  reports::append_cost_figures(reports::cost_breakdown(result), &expected);
  REQUIRE(read.size() == expected.size());
  for (size_t i = 0; i < read.size(); ++i) {
    CHECK(read[i].path == expected[i].path);
    CHECK(read[i].value == expected[i].value);
  }
  reports::JsonValue older = *json;
  older.members.erase(std::find_if(older.members.begin(), older.members.end(),
                                   [](const auto& m) { return m.first == "cost"; }));
  read.clear();
  CHECK(reports::cost_figures_from_report(older, &read, &error));
  CHECK(read.empty());
  const std::optional<std::vector<reports::Figure>> all = reports::figures_from_report(older, &error);
  REQUIRE(all);
  const reports::ReportDiff diff = reports::diff_reports(*json, older, {});
  CHECK(diff.changes.size() == expected.size());  // every cost figure absent in B
  CHECK(reports::format_report_diff(diff, "a", "b").find("cost.total_usd") != std::string::npos);
}

TEST_CASE("Cost: a scenario's expectations bound the cost in dollars") {
  const std::string world = R"(
duration: 10s
regions: [us-east-1, eu-west-1]
workload:
  us-east-1: [{name: w, rate: 100, arrivals: constant}]
expect:
  - cost.monthly.local_writes_usd > 100
  - cost.monthly.local_writes_usd < 200
  - cost.regions.eu-west-1.replicated_writes_usd == $0.000707
)";
  load::LoadResult loaded = load::load_scenario_text(world, "s.yaml");
  REQUIRE(loaded.ok());
  REQUIRE(reports::check_expectation_paths(loaded.expectations, *loaded.scenario).empty());
  const model::RunResult result = model::Simulation(*loaded.scenario).run();
  // 1,000 writes of 1 KB at us-east-1's $0.625 a million WRU: $0.000625, x
  // 262,656 a month: $164.16; replicated in eu-west-1 at its $0.70675 a
  // million (an assumed price): $0.00070675, $0.000707 to the micro-dollar.
  const std::vector<reports::ExpectationOutcome> outcomes = reports::evaluate_expectations(loaded.expectations, result);
  for (const reports::ExpectationOutcome& o : outcomes) CHECK(o.passed);
  loaded.expectations[1].value = 150'000'000;  // < $150: fails, and says by how much
  const std::string summary = reports::expectation_summary(reports::evaluate_expectations(loaded.expectations, result));
  CHECK(summary.find("FAILED  cost.monthly.local_writes_usd < 200: actual $164.16 (164.160000 USD)") !=
        std::string::npos);
}
