// Expectation: one line of a scenario's `expect:` list, a comparison of a
// report figure with a value: `lag.us-east-1->eu-west-1.p99_ns < 1s`,
// `conflicts.clobbered == 0`, `regions.eu-west-1.client_errors <= 100`.
//
// The path names a figure as reports/metric_paths.h does (docs/report-paths.md);
// the value is an integer, or a duration (`1s`, `250ms`) compared in
// nanoseconds with a figure whose name ends in `_ns`, or for a figure whose
// name ends in `_usd` an amount in dollars (`250`, `12.50`, `$0.05`)
// compared in micro-dollars (model/money.h). A plain value: the
// loader reads the lines (load/expectation_parser.h) and
// reports/expectation_check.h checks and evaluates them, neither of which
// may depend on the other.
//
// Determinism: pure functions of their arguments.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace model {

enum class Comparison { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };

struct Expectation {
  std::string text;            // the whole line as written, for messages
  std::string path;            // a metric path
  Comparison comparison = Comparison::kEqual;
  int64_t value = 0;           // an integer, a duration in ns, or money in micro-dollars
  bool is_duration = false;    // the value was written with a time unit
  std::string file;            // where it was written: the file, or "--set PATH=VALUE"
  int line = 0;                // 1-based; 0: no position (an override)
  int column = 0;
};

std::string_view comparison_symbol(Comparison comparison);  // "<", "<=", ...

// True when `actual COMPARISON expected` holds.
bool holds(Comparison comparison, int64_t actual, int64_t expected);

}  // namespace model
