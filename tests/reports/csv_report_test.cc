// reports/csv_report.h: one file per series family, a row per point (its start and step).
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "reports/csv_report.h"

namespace {

// Ninety seconds of traffic in two regions: rows of more than one interval.
model::RunResult ninety_second_run() {
  const load::LoadResult loaded = load::load_scenario_text(
      "duration: 90s\nregions: [us-east-1, eu-west-1]\ntable: {keys: 100}\n"
      "workload:\n  us-east-1: [{rate: 100}]\n  eu-west-1: [{rate: 50}]\n",
      "csv.yaml");
  REQUIRE(loaded.ok());
  return model::Simulation(*loaded.scenario).run();
}

const reports::CsvFile& file(const std::vector<reports::CsvFile>& files, const std::string& name) {
  for (const reports::CsvFile& f : files) {
    if (f.name == name) return f;
  }
  FAIL("no " << name);
  return files.front();
}

size_t lines(const std::string& text) { return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')); }

}  // namespace

TEST_CASE("CSV report: CloudWatch-named files, a column per region or pair, a row per interval") {
  const model::RunResult result = ninety_second_run();
  const std::vector<reports::CsvFile> files = reports::csv_report(result);
  std::vector<std::string> names;
  for (const reports::CsvFile& f : files) names.push_back(f.name);
  CHECK(names == std::vector<std::string>{"ConsumedWriteCapacityUnits.csv", "ConsumedReadCapacityUnits.csv",
                                          "BurstWriteCapacityUnits.csv", "BurstReadCapacityUnits.csv",
                                          "ProvisionedWriteCapacityUnits.csv", "ProvisionedReadCapacityUnits.csv",
                                          "ThrottleEvents.csv", "ReplicationThrottleEvents.csv", "ClientErrors.csv",
                                          "UnavailableErrors.csv", "RefusedRequests.csv",
                                          "ReplicationBacklog.csv", "PendingReplicationCount.csv",
                                          "ReplicationLatency.csv", "ClientLatency.csv", "ClientGroupLatency.csv",
                                          "SuccessfulRequestLatency.csv", "cost.csv"});
  const reports::CsvFile& consumed = file(files, "ConsumedWriteCapacityUnits.csv");
  CHECK(consumed.content.rfind("time_s,step_s,us-east-1,eu-west-1\n0,1,", 0) == 0);
  CHECK(lines(consumed.content) == 1 + result.region_series[0].consumed_write_milli.size());
  const reports::CsvFile& pending = file(files, "PendingReplicationCount.csv");
  CHECK(pending.content.rfind("time_s,step_s,us-east-1->eu-west-1,eu-west-1->us-east-1\n", 0) == 0);
  const reports::CsvFile& latency = file(files, "ReplicationLatency.csv");
  CHECK(latency.content.rfind("time_s,step_s,us-east-1->eu-west-1 Average,us-east-1->eu-west-1 Maximum,"
                              "eu-west-1->us-east-1 Average,eu-west-1->us-east-1 Maximum\n0,60,",
                              0) == 0);
  CHECK(latency.content.find("\n60,60,") != std::string::npos);
  // Milliseconds, exact: the first minute's average of us-east-1 -> eu-west-1.
  const int64_t mean_ns = result.pair_series[0].replication_latency_mean_ns[0];
  CHECK(latency.content.find(fmt::format("\n0,60,{}.{:06},", mean_ns / 1000000, mean_ns % 1000000)) !=
        std::string::npos);
  CHECK(reports::csv_report(result)[0].content == consumed.content);
}

TEST_CASE("CSV report: client latency per minute, empty where a region served nothing") {
  const load::LoadResult loaded = load::load_scenario_text(
      "duration: 2m\nregions: [us-east-1, eu-west-1]\n"
      "table: {service_latency: {put: 3ms}}\n"
      "workload:\n  us-east-1: [{name: web, rate: 10, arrivals: constant}]\n"
      "timeline:\n  - {at: 1m, shift_traffic: {from: us-east-1, to: eu-west-1}}\n",
      "csv.yaml");
  REQUIRE(loaded.ok());
  const std::vector<reports::CsvFile> files = reports::csv_report(model::Simulation(*loaded.scenario).run());
  CHECK(file(files, "ClientLatency.csv").content ==
        "time_s,step_s,us-east-1 p50,us-east-1 p90,us-east-1 p99,us-east-1 max,"
        "eu-west-1 p50,eu-west-1 p90,eu-west-1 p99,eu-west-1 max\n"
        "0,60,3.000000,3.000000,3.000000,3.000000,,,,\n"
        "60,60,,,,,73.000000,73.000000,73.000000,73.000000\n"
        "120,60,,,,,,,,\n");
  CHECK(file(files, "ClientGroupLatency.csv").content.rfind(
            "time_s,step_s,us-east-1/web p50,us-east-1/web p90,us-east-1/web p99,us-east-1/web max\n"
            "0,60,3.000000,3.000000,3.000000,3.000000\n60,60,73.000000,73.000000,73.000000,73.000000\n",
            0) == 0);
  CHECK(file(files, "SuccessfulRequestLatency.csv").content.rfind(
            "time_s,step_s,us-east-1 Average,us-east-1 Maximum,eu-west-1 Average,eu-west-1 Maximum\n"
            "0,60,3.000000,3.000000,,\n60,60,,,3.000000,3.000000\n",
            0) == 0);
}
