// Tests for load/traffic_trace.h, load/trace_csv.h and
// load/cloudwatch_metric_data.h: a client group's rate read from a trace
// file (CloudWatch get-metric-data JSON or CSV), the curve it becomes, and
// every refusal with its exact message, at the trace file's line and column
// or at the scenario's.
//
// Each test writes its files into a directory of its own under the system's
// temporary directory; the scenario is named there, so relative paths
// resolve against it and messages name the files by that directory.
#include "load/traffic_trace.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "load/cloudwatch_metric_data.h"
#include "load/scenario_loader.h"

namespace load {
namespace {

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;

// A fresh directory for one test, holding the given files.
struct TraceDir {
  explicit TraceDir(const std::string& name) : path(fs::temp_directory_path() / ("gtsim_trace_test_" + name)) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TraceDir() { fs::remove_all(path); }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(path / file, std::ios::binary) << text;
  }
  // What diagnostics call a file of this directory.
  std::string at(const std::string& file) const { return (path / file).generic_string(); }
  std::string scenario() const { return at("s.yaml"); }
  fs::path path;
};

// A scenario of `duration` (ten minutes unless given) whose one client
// group in us-east-1 has the rate (a trace) `rate`.
std::string trace_scenario(const std::string& rate, const std::string& duration = "10m") {
  return "duration: " + duration + "\nregions: [us-east-1, eu-west-1]\nworkload:\n  us-east-1:\n    - rate: " + rate +
         "\n";
}

// Every diagnostic of a scenario named in `dir`.
Lines trace_errors(const TraceDir& dir, const std::string& yaml) {
  Lines out;
  for (const model::Diagnostic& d : load_scenario_text(yaml, dir.scenario()).diagnostics) out.push_back(d.to_string());
  return out;
}

// The one client group of a scenario named in `dir` that must load.
model::ClientGroupConfig traced_group(const TraceDir& dir, const std::string& yaml) {
  LoadResult result = load_scenario_text(yaml, dir.scenario());
  for (const model::Diagnostic& d : result.diagnostics) UNSCOPED_INFO(d.to_string());
  REQUIRE(result.ok());
  return result.scenario->workload[0][0];
}

sim::Instant at_s(int64_t s) { return sim::Instant::from_ns(s * 1'000'000'000); }

// Eleven minutes of one-minute totals, 60 x (10, 20, ..., 110) writes.
std::string csv_minutes(const std::string& header = "timestamp,ConsumedWriteCapacityUnits\n") {
  std::string text = header;
  for (int i = 0; i < 11; ++i) text += "2024-01-15T10:" + std::string(i < 10 ? "0" : "") + std::to_string(i) +
                                        ":00Z," + std::to_string(600 * (i + 1)) + "\n";
  return text;
}

// The shape the AWS CLI v2 prints for get-metric-data (cli_timestamp_format
// iso8601; GetMetricData's default order, newest first): a write series of
// three 5-minute periods and a read series.
const char* const kMetricData = R"({
    "MetricDataResults": [
        {
            "Id": "writes",
            "Label": "ConsumedWriteCapacityUnits",
            "Timestamps": [
                "2024-01-15T10:10:00+00:00",
                "2024-01-15T10:05:00+00:00",
                "2024-01-15T10:00:00+00:00"
            ],
            "Values": [
                9000.0,
                6000.0,
                3000.0
            ],
            "StatusCode": "Complete"
        },
        {
            "Id": "reads",
            "Label": "ConsumedReadCapacityUnits",
            "Timestamps": ["2024-01-15T10:05:00+00:00", "2024-01-15T10:00:00+00:00"],
            "Values": [600.0, 300.0],
            "StatusCode": "Complete"
        }
    ],
    "Messages": []
}
)";

TEST_CASE("Trace files: a CSV's totals per minute become rates at each minute's middle", "[load][traffic_trace]") {
  const TraceDir dir("csv");
  dir.write("cw.csv", csv_minutes());
  const model::ClientGroupConfig g = traced_group(dir, trace_scenario("{trace: {file: cw.csv}}"));
  CHECK(g.rate_curve.rate_at(at_s(30)) == Approx(10));   // 600 in the first minute
  CHECK(g.rate_curve.rate_at(at_s(60)) == Approx(15));
  CHECK(g.rate_curve.rate_at(at_s(570)) == Approx(100));
  CHECK(g.rate_per_second == Approx(g.rate_curve.integral(at_s(0), at_s(600)) / 600));
  const model::ClientGroupConfig scaled =
      traced_group(dir, trace_scenario("{trace: {file: cw.csv, metric: ConsumedWriteCapacityUnits, scale: 0.5}}"));
  CHECK(scaled.rate_curve.rate_at(at_s(90)) == Approx(10));
}

TEST_CASE("Trace files: get-metric-data JSON, newest first, one series chosen by Label or Id",
          "[load][traffic_trace]") {
  const TraceDir dir("json");
  dir.write("cw.json", kMetricData);
  const model::ClientGroupConfig writes =
      traced_group(dir,
                   trace_scenario("{trace: {file: cw.json, metric: ConsumedWriteCapacityUnits, period: 5m}}", "15m"));
  CHECK(writes.rate_curve.rate_at(at_s(150)) == Approx(10));   // 3000 in the first 5 minutes, at 2m30s
  CHECK(writes.rate_curve.rate_at(at_s(450)) == Approx(20));
  CHECK(writes.rate_curve.rate_at(at_s(800)) == Approx(30));
  const model::ClientGroupConfig reads =
      traced_group(dir, trace_scenario("{trace: {file: cw.json, metric: reads, period: 5m}}", "10m"));
  CHECK(reads.rate_curve.rate_at(at_s(150)) == Approx(1));
  // A skipped period had no traffic.
  dir.write("gap.csv", "2024-01-15T10:00:00Z,600\n2024-01-15T10:01:00Z,600\n2024-01-15T10:04:00Z,600\n");
  const model::ClientGroupConfig gap = traced_group(dir, trace_scenario("{trace: {file: gap.csv}}", "5m"));
  CHECK(gap.rate_curve.rate_at(at_s(90)) == Approx(10));
  CHECK(gap.rate_curve.rate_at(at_s(150)) == Approx(0));
  CHECK(gap.rate_curve.rate_at(at_s(210)) == Approx(0));
  CHECK(gap.rate_curve.rate_at(at_s(270)) == Approx(10));
}

TEST_CASE("Trace files: a CSV refused line by line, with its line and column", "[load][traffic_trace]") {
  const TraceDir dir("bad_csv");
  dir.write("bad.csv",
            "timestamp,value\n2024-01-15T00:00:00Z,60\n2024-01-15T00:01:00Z,-5\n2024-01-15T00:00:30Z,6x\n"
            "2024-13-15T00:03:00Z,5\n2024-01-15T00:03:00Z\n\"2024-01-15T00:05:30Z\",7\n# a comment\n\n"
            "2024-01-15T00:05:00Z, nan\n");
  const std::string f = dir.at("bad.csv");
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: bad.csv}}")) ==
        Lines{f + ":3:22: error: value -5 is negative: a period's total is at least 0",
              f + ":4:22: error: expected a number, found '6x'",
              f + ":5:1: error: timestamp '2024-13-15T00:03:00Z': month 13 is not 1 to 12",
              f + ":6:1: error: expected 2 fields (as the header names), found 1",
              f + ":7:1: error: timestamp 2024-01-15T00:05:30Z is 4m30s after the one before it: not a whole number "
                  "of periods of 1m",
              f + ":10:23: error: expected a finite number, found 'nan'"});
  dir.write("order.csv", "1705312800,60\n1705312860,60\n1705312800,60\n");
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: order.csv}}", "1m")) ==
        Lines{dir.at("order.csv") + ":3:1: error: timestamp 2024-01-15T10:00:00Z is not after the one before it "
                                    "(2024-01-15T10:01:00Z, line 2): a trace's timestamps must ascend"});
  dir.write("header.csv", "timestamp\n2024-01-15T00:00:00Z\n");
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: header.csv}}")) ==
        Lines{dir.at("header.csv") + ":1:1: error: the header line names no value column; expected e.g. "
                                     "timestamp,ConsumedWriteCapacityUnits"});
  dir.write("binary.csv", std::string("2024-01-15T00:00:00Z,6\0", 23));
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: binary.csv}}")) ==
        Lines{dir.at("binary.csv") + ":1:23: error: not a text file: found a NUL byte; expected CSV text"});
}

TEST_CASE("Trace files: get-metric-data JSON refused, at the member's line and column", "[load][traffic_trace]") {
  const TraceDir dir("bad_json");
  dir.write("bad.json",
            "{\n  \"MetricDataResults\": [\n    {\n      \"Id\": \"m1\",\n"
            "      \"Timestamps\": [\"2024-01-15T00:00:00+00:00\", \"yesterday\", true],\n"
            "      \"Values\": [60, \"3\", 4],\n      \"StatusCode\": \"Complet\",\n      \"Lable\": \"W\"\n    },\n"
            "    {\"Id\": \"m2\", \"Timestamps\": [], \"Values\": [1]}\n  ],\n  \"NextToken\": \"abc\"\n}\n");
  const std::string f = dir.at("bad.json");
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: bad.json}}")) ==
        Lines{f + ":5:51: error: MetricDataResults[0].Timestamps[1]: expected a timestamp, e.g. "
                  "'2024-01-15T10:00:00+00:00' or Unix seconds; found a string ('yesterday')",
              f + ":5:64: error: MetricDataResults[0].Timestamps[2]: expected a timestamp, e.g. "
                  "'2024-01-15T10:00:00+00:00' or Unix seconds; found true",
              f + ":6:22: error: MetricDataResults[0].Values[1]: expected a number, found a string ('3')",
              f + ":7:21: error: MetricDataResults[0].StatusCode: expected one of 'Complete', 'PartialData', "
                  "'InternalError', 'Forbidden', found 'Complet'; did you mean 'Complete'?",
              f + ":8:16: error: unknown key 'Lable' in MetricDataResults[0]; did you mean 'Label'?",
              f + ":10:46: error: MetricDataResults[1].Values: 1 values for 0 timestamps: each value needs its "
                  "timestamp",
              f + ":12:16: error: NextToken: this output is one page of several; run the CLI without --max-items "
                  "and --no-paginate, so that it fetches every page"});
  dir.write("nan.json", R"({"MetricDataResults": [{"Id": "m1", "Timestamps": ["2024-01-15T00:00:00Z"], "Values": [NaN]}]})");
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: nan.json}}")) ==
        Lines{dir.at("nan.json") + ":1:88: error: invalid JSON: expected a value"});
  dir.write("array.json", "[1]");
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: array.json}}")) ==
        Lines{dir.at("array.json") + ":1:1: error: expected the output of aws cloudwatch get-metric-data, an object "
                                     "with MetricDataResults; found an array"});
  dir.write("status.json",
            "{\"MetricDataResults\": [\n"
            "{\"Id\": \"w\", \"Timestamps\": [\"2024-01-15T00:01:00Z\"], \"Values\": [1], \"StatusCode\": \"PartialData\"},\n"
            "{\"Id\": \"w\", \"Timestamps\": [\"2024-01-15T00:00:00Z\"], \"Values\": [2], \"StatusCode\": \"PartialData\"},\n"
            "{\"Id\": \"r\", \"Timestamps\": [], \"Values\": [], \"StatusCode\": \"Forbidden\"}]}\n");
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: status.json, metric: w}}", "2m")) ==
        Lines{dir.at("status.json") + ":3:82: error: StatusCode 'PartialData' on the last page of 'w': data points "
                                      "are missing; fetch the remaining pages"});
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: status.json, metric: r}}", "2m")) ==
        Lines{dir.at("status.json") + ":4:59: error: StatusCode 'Forbidden': CloudWatch did not return the data of "
                                      "'r'"});
}

TEST_CASE("Trace files: refused at the scenario: the file, the metric, the period, the coverage, the ceiling",
          "[load][traffic_trace]") {
  const TraceDir dir("scenario");
  dir.write("cw.json", kMetricData);
  dir.write("cw.csv", csv_minutes());
  dir.write("two.csv", "timestamp,a,b\n2024-01-15T10:00:00Z,1,2\n");
  dir.write("bare.csv", "2024-01-15T10:00:00Z,1\n");
  dir.write("huge.csv", "timestamp,writes\n2024-01-15T10:00:00Z,1e12\n" + csv_minutes("").substr(25));
  const std::string yaml =
      "duration: 10m\nregions: [us-east-1, eu-west-1]\nworkload:\n  us-east-1:\n"
      "    - rate: {trace: {file: missing.json, period: 2m, scale: 0}}\n"
      "    - rate: {trace: {file: cw.json, metric: ConsumedWriteCapacityUnit, period: 5m}}\n"
      "    - rate: {trace: {file: cw.json}}\n"
      "    - rate: {trace: {file: cw.json, metric: writes}}\n"
      "    - rate: {trace: {file: two.csv}}\n"
      "    - rate: {trace: {file: bare.csv, metric: x}}\n"
      "    - rate: {trace: {file: cw.csv, metric: x}}\n"
      "    - rate: {trace: {file: huge.csv}}\n"
      "    - rate: {trace: {file: .}}\n";
  const std::string s = dir.scenario();
  CHECK(trace_errors(dir, yaml) ==
        Lines{s + ":5:28: error: workload.us-east-1[0].rate.trace.file: cannot read '" + dir.at("missing.json") +
                  "': No such file or directory",
              s + ":5:50: error: workload.us-east-1[0].rate.trace.period: expected 1m or 5m (CloudWatch's periods of "
                  "DynamoDB metrics), found '2m'",
              s + ":5:61: error: workload.us-east-1[0].rate.trace.scale: must be positive, found 0",
              s + ":6:45: error: workload.us-east-1[1].rate.trace.metric: 'ConsumedWriteCapacityUnit' is not one of "
                  "the series of '" + dir.at("cw.json") + "': 'ConsumedWriteCapacityUnits', 'writes', "
                  "'ConsumedReadCapacityUnits', 'reads'; did you mean 'ConsumedWriteCapacityUnits'?",
              s + ":7:21: error: workload.us-east-1[2].rate.trace: '" + dir.at("cw.json") + "' has several series "
                  "('ConsumedWriteCapacityUnits', 'writes', 'ConsumedReadCapacityUnits', 'reads'): name one with "
                  "'metric'",
              s + ":8:21: error: workload.us-east-1[3].rate.trace.period: the data points of '" + dir.at("cw.json") +
                  "' are 5m apart at the closest (lines 8 and 9), not 1m: give period: 5m",
              s + ":9:21: error: workload.us-east-1[4].rate.trace: '" + dir.at("two.csv") + "' has several value "
                  "columns ('a', 'b'): name one with 'metric'",
              s + ":10:46: error: workload.us-east-1[5].rate.trace.metric: '" + dir.at("bare.csv") + "' has no header "
                  "line naming its columns: remove 'metric', or add a header such as timestamp,x",
              s + ":11:44: error: workload.us-east-1[6].rate.trace.metric: 'x' is not one of the columns of '" +
                  dir.at("cw.csv") + "': 'ConsumedWriteCapacityUnits'",
              s + ":12:21: error: workload.us-east-1[7].rate.trace: the rate of the period at " + dir.at("huge.csv") +
                  ":2 (1000000000000 per 1m x scale 1) is 16666666666.666666 requests per second, above 10000000",
              s + ":13:28: error: workload.us-east-1[8].rate.trace.file: cannot read '" + dir.path.generic_string() +
                  "/': not a regular file"});
}

TEST_CASE("Trace files: a trace shorter than the run is refused; at most 20 problems of a file are listed",
          "[load][traffic_trace]") {
  const TraceDir dir("limits");
  dir.write("cw.csv", csv_minutes());
  CHECK(trace_errors(dir, trace_scenario("{trace: {file: cw.csv}}", "12m")) ==
        Lines{dir.scenario() + ":5:21: error: workload.us-east-1[0].rate.trace: '" + dir.at("cw.csv") +
              "' covers 11m (11 periods of 1m), less than the run's duration 12m: give a longer trace or a shorter "
              "duration"});
  std::string many;
  for (int i = 0; i < 30; ++i) many += "2024-01-15T10:00:00Z,x\n";
  dir.write("many.csv", many);
  const Lines lines = trace_errors(dir, trace_scenario("{trace: {file: many.csv}}"));
  REQUIRE(lines.size() == 21);
  CHECK(lines[0] == dir.at("many.csv") + ":1:22: error: expected a number, found 'x'");
  CHECK(lines[19] == dir.at("many.csv") + ":20:22: error: expected a number, found 'x'");
  CHECK(lines[20] == dir.at("many.csv") + ": error: 10 more problems not shown");
}

TEST_CASE("CloudWatch metric data: every series read, its pages joined oldest first", "[load][traffic_trace]") {
  std::vector<model::Diagnostic> out;
  const std::optional<MetricData> data = parse_metric_data(kMetricData, "cw.json", &out);
  REQUIRE(data);
  CHECK(out.empty());
  REQUIRE(data->results.size() == 2);
  CHECK(data->results[0].id == "writes");
  CHECK(data->results[0].label == "ConsumedWriteCapacityUnits");
  CHECK(data->results[0].status_code == "Complete");
  CHECK(data->results[0].points[0].line == 7);
  CHECK(data->results[0].points[0].value_line == 12);
  CHECK(metric_names(*data) == std::vector<std::string>{"ConsumedWriteCapacityUnits", "writes",
                                                        "ConsumedReadCapacityUnits", "reads"});
  const std::optional<std::vector<TracePoint>> writes =
      joined_series(results_named(*data, "writes"), "writes", "cw.json", &out);
  REQUIRE(writes);
  REQUIRE(writes->size() == 3);
  CHECK((*writes)[0].epoch_ns == int64_t{1705312800} * 1'000'000'000);
  CHECK((*writes)[0].value == 3000);
  CHECK((*writes)[2].value == 9000);
  // Two pages of one query, as the CLI writes them: newest first throughout.
  const std::string pages = R"({"MetricDataResults": [
      {"Id": "w", "Timestamps": ["2024-01-15T10:03:00Z", "2024-01-15T10:02:00Z"], "Values": [4, 3], "StatusCode": "PartialData"},
      {"Id": "w", "Timestamps": ["2024-01-15T10:01:00Z", 1705312800], "Values": [2, 1], "StatusCode": "Complete"}]})";
  const std::optional<MetricData> paged = parse_metric_data(pages, "p.json", &out);
  REQUIRE(paged);
  const std::optional<std::vector<TracePoint>> joined = joined_series(results_named(*paged, "w"), "w", "p.json", &out);
  REQUIRE(joined);
  REQUIRE(joined->size() == 4);
  for (size_t i = 0; i < 4; ++i) CHECK((*joined)[i].value == static_cast<double>(i + 1));
  CHECK(out.empty());
}

}  // namespace
}  // namespace load
