// TraceReader: a curve's `trace: {file, metric, period, scale}`
// (scenarios/README.md, "Trace files"): a CloudWatch series read from a
// file, as the JSON `aws cloudwatch get-metric-data` prints
// (load/cloudwatch_metric_data.h) or as CSV (load/trace_csv.h), the format
// told by the first character (`{` or `[`: JSON). `file` is relative to the
// scenario's directory; `metric` names the series (a Label or Id; a CSV
// header's column) and may be left out when the file has one; `period` is
// 1m (the default) or 5m; `scale` (default 1) multiplies every rate.
//
// Each value is its period's total, as CloudWatch's Sum statistic gives it
// (SampleCount for a request count): the rate is value / period x scale.
// The first timestamp is the run's start; a period the file skips had no
// data, and is 0 (CloudWatch writes no data point for a period without
// traffic). The curve is model::period_totals_rate.
//
// A trace file is hostile input. Refused, each at the file's line and
// column: what its reader refuses, a timestamp not after the one before it,
// one not a whole number of periods after it, a negative value, a trace
// longer than kTracePeriodsMax periods; at the scenario's line and column: a
// file that cannot be read, is not a regular file or is larger than
// kTraceBytesMax, a metric the file does not have, data points further apart
// than the period, a trace shorter than the run, a rate above the ceiling.
// At most kShownPerFile problems of one file are listed, then their count.
// Determinism: a pure function of the tree and the file's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "load/scenario_values.h"
#include "load/trace_point.h"
#include "model/rate_curve.h"
#include "sim/time.h"

namespace load {

inline constexpr uint64_t kTraceBytesMax = 64ull << 20;   // 64 MiB: 15 days of 1-minute points, many times over
inline constexpr int64_t kTracePeriodsMax = 1'000'000;    // 694 days of 1-minute periods
inline constexpr size_t kShownPerFile = 20;

class TraceReader : public ValueChecker {
 public:
  // file: the scenario's, whose directory relative trace paths start from.
  TraceReader(std::string file, std::vector<model::Diagnostic>* out) : ValueChecker(std::move(file), out) {}

  // The curve of the `trace:` map n at path, for a run of `run`; nullopt
  // after reporting.
  std::optional<model::RateCurve> trace(const Node& n, const std::string& path, sim::Duration run);

 private:
  struct Request {
    std::string shown;          // the file's path as diagnostics name it
    std::string metric;         // "" when not given
    const Node* metric_node = nullptr;
    const Node* period_node = nullptr;
    sim::Duration period = sim::Duration::minutes(1);
    double scale = 1;
  };

  // The map's keys into *r; false after reporting.
  bool request(const Node& n, const std::string& path, Request* r, std::string* resolved);
  // The file's bytes; nullopt after reporting at the `file` node.
  std::optional<std::string> read(const Node& file_node, const std::string& path, const std::string& resolved,
                                  const std::string& shown);
  // The chosen series' data points into *points, in file order (CSV) or
  // oldest first (JSON); false after reporting (a CSV's well-formed lines
  // are still given, to be checked).
  bool series(const Node& n, const std::string& path, std::string_view text, const Request& r,
              std::vector<TracePoint>* points);
  // The period against the closest points, the order of timestamps, whole
  // periods between them, values >= 0; false after reporting.
  bool check_points(const Node& n, const std::string& path, const std::vector<TracePoint>& points, const Request& r);
  // One total per period from the first timestamp, for the periods the run
  // needs: the trace's length, its coverage of the run, the rate ceiling.
  std::optional<std::vector<double>> totals(const Node& n, const std::string& path,
                                            const std::vector<TracePoint>& points, const Request& r,
                                            sim::Duration run);
  // Trims the diagnostics about `shown` appended since index `from` to kShownPerFile.
  void trim_file_diagnostics(size_t from, const std::string& shown);
};

}  // namespace load
