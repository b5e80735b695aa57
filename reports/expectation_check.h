// Checking a scenario's expectations (model/expectation.h) against a run.
//
// Paths are checked before the run, against the figures a run of this
// scenario will have (they depend on its regions): an unknown path is bad
// input (exit 2) with the nearest valid path. After the run each expectation
// is evaluated on the run's figures (reports/metric_paths.h).
//
// Determinism: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include "model/diagnostic.h"
#include "model/expectation.h"
#include "model/run_result.h"
#include "model/scenario.h"

namespace reports {

// Every path a run of a scenario with these regions reports, in report order
// (without client groups and timeline events); `strong_consistency`: its
// table is MRSC (strong_consistency.*).
std::vector<std::string> metric_paths_for(const std::vector<std::string>& regions,
                                          const std::vector<std::string>& index_names = {},
                                          bool strong_consistency = false);
// Every path a run of `scenario` reports, its client groups' and timeline's included.
std::vector<std::string> metric_paths_for(const model::Scenario& scenario);

// One Diagnostic per expectation naming no figure ("did you mean ...?") or
// comparing a figure in ns with a bare number other than 0 (or a count with
// a duration).
std::vector<model::Diagnostic> check_expectation_paths(const std::vector<model::Expectation>& expectations,
                                                       const model::Scenario& scenario);
// The same against the names of a scenario's regions and indexes, for a
// scenario that has other problems (load::ReportNames): one pass reports all.
// Paths of client groups and timeline events need the whole scenario: a
// scenario with other problems has them checked once those are fixed.
std::vector<model::Diagnostic> check_expectation_paths(const std::vector<model::Expectation>& expectations,
                                                       const std::vector<std::string>& regions,
                                                       const std::vector<std::string>& index_names);
// The same against a list of valid paths.
std::vector<model::Diagnostic> check_expectation_paths(const std::vector<model::Expectation>& expectations,
                                                       const std::vector<std::string>& paths);

struct ExpectationOutcome {
  const model::Expectation* expectation = nullptr;
  int64_t actual = 0;
  bool passed = false;
};

// REQUIRES: check_expectation_paths found nothing for these expectations.
std::vector<ExpectationOutcome> evaluate_expectations(const std::vector<model::Expectation>& expectations,
                                                      const model::RunResult& result);

// The terminal lines: "expect  3 of 4 held", then one line per failure:
// "  FAILED  lag.a->b.p99_ns < 1s: actual 1.031 s (1031000000 ns)".
std::string expectation_summary(const std::vector<ExpectationOutcome>& outcomes);

}  // namespace reports
