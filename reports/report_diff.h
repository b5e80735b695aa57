// Reading a JSON report back as figures, and what changed between two
// reports (`gtsim diff A.json B.json`), figure by figure under the metric
// paths of reports/metric_paths.h.
//
// figures_from_report() is flatten() read from the JSON instead of a
// RunResult: for any run, figures_from_report(json_report(r)) ==
// flatten(r) (tests/reports/report_diff_test.cc holds it to that for every
// scenario of the library). Parts of a report that are not figures (the
// series, throttle windows, scaling actions, outages, examples) are
// compared whole and named when they differ.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/json_value.h"
#include "reports/metric_paths.h"

namespace reports {

// The report's figures in flatten() order; nullopt and *error when the
// document is not a gtsim report of a known schema version.
std::optional<std::vector<Figure>> figures_from_report(const JsonValue& report, std::string* error);

// How far two values of a figure may be apart and still count as equal:
// `2%` (of A's value), `5ms` (figures in ns), `$0.05` (figures in
// micro-dollars), `10` (any figure, in its unit), optionally
// for the figures matching a pattern only: `lag.*.p99_ns=5%`.
struct Tolerance {
  std::string pattern = "*";   // "*": every figure (a path has no '.' in '*' so it is special-cased)
  double percent = 0;          // relative to |A|
  int64_t absolute = 0;        // in the figure's unit
};

// Parses one --tolerance; nullopt and *error when malformed.
std::optional<Tolerance> parse_tolerance(std::string_view text, std::string* error);

struct FigureChange {
  std::string path;
  std::optional<int64_t> a, b;  // nullopt: the figure is not in that report
};

struct ReportDiff {
  size_t figures = 0;                    // figures compared: in A, in B or in both
  std::vector<FigureChange> changes;     // beyond tolerance, in report order
  std::vector<std::string> other_parts;  // non-figure parts that differ ("series.per_second", ...)
  std::vector<std::string> notes;        // scenario name or seed differ, ...
  // Without a tolerance the reports must be equal in every part; with one,
  // the figures decide and the other parts are reported only (a series has
  // no tolerance).
  bool exact = true;
  bool equal() const { return changes.empty() && (other_parts.empty() || !exact); }
};

// REQUIRES: both parsed by figures_from_report without error.
ReportDiff diff_reports(const JsonValue& a, const JsonValue& b, const std::vector<Tolerance>& tolerances);

// The table a user reads: one line per changed figure, values with units.
std::string format_report_diff(const ReportDiff& diff, std::string_view name_a, std::string_view name_b);

}  // namespace reports
