// Expectation: one line of a scenario's `expect:` list, a comparison of a
// report figure with a value: `lag.us-east-1->eu-west-1.p99_ns < 1s`,
// `conflicts.clobbered == 0`, `regions.eu-west-1.client_errors <= 100`.
//
// The path names a figure as reports/metric_paths.h does (docs/report-paths.md);
// the value is an integer, or a duration (`1s`, `250ms`) compared in
// nanoseconds with a figure whose name ends in `_ns`. Parsing checks only the
// shape of each line: whether the path names a figure depends on the regions,
// so reports/expectation_check.h checks it once the scenario is loaded
// (model/ must not depend on reports/).
//
// Determinism: pure functions of the tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/diagnostic.h"
#include "model/yaml_tree.h"

namespace model {

enum class Comparison { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };

struct Expectation {
  std::string text;            // the whole line as written, for messages
  std::string path;            // a metric path
  Comparison comparison = Comparison::kEqual;
  int64_t value = 0;           // an integer, or a duration in ns
  bool is_duration = false;    // the value was written with a time unit
  std::string file;            // where it was written: the file, or "--set PATH=VALUE"
  int line = 0;                // 1-based; 0: no position (an override)
  int column = 0;
};

std::string_view comparison_symbol(Comparison comparison);  // "<", "<=", ...

// True when `actual COMPARISON expected` holds.
bool holds(Comparison comparison, int64_t actual, int64_t expected);

// Reads the `expect:` node (a sequence of "PATH OP VALUE" strings). Every
// malformed line becomes a Diagnostic in *out; well-formed ones are returned.
std::vector<Expectation> parse_expectations(const Node& node, const std::string& file,
                                            std::vector<Diagnostic>* out);

// One line "PATH OP VALUE"; nullopt and *error ("expected ...") if malformed.
std::optional<Expectation> parse_expectation(std::string_view text, std::string* error);

}  // namespace model
