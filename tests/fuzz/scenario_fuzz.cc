// libFuzzer target: the scenario loader, the run estimate, and a short
// bounded run of every scenario that validates, with every report of it
// (JSON, text, and since issue 14 the CSV files and the HTML report with
// the timeline's marks).
//
// Input: YAML text. Leading lines "#! PATH=VALUE" (YAML comments, so the
// text stays a valid file) are also applied as `--set` overrides, so the
// override path is fuzzed too.
//
// A run is bounded so every input is fast: at most kMaxEvents events, and
// the key count is clamped (item state is allocated up front). A crash, a
// sanitizer report, an assertion or a timeout here is a bug: the loader's
// contract (load/scenario_loader.h) is that any input gives a scenario or
// diagnostics, and a scenario that validates must run.
//
// Build and run: see docs/robustness.md.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "load/scenario_loader.h"
#include "model/run_estimate.h"
#include "model/simulation.h"
#include "reports/csv_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/text_report.h"
#include "reports/timeline_marks.h"

namespace {

constexpr uint64_t kMaxEvents = 20'000;
constexpr uint64_t kMaxKeys = 10'000;
constexpr size_t kMaxOverrides = 4;

std::vector<load::Override> leading_overrides(std::string_view text) {
  std::vector<load::Override> overrides;
  while (overrides.size() < kMaxOverrides && text.substr(0, 3) == "#! ") {
    const size_t end = text.find('\n');
    const std::string_view line = text.substr(3, end == std::string_view::npos ? end : end - 3);
    if (auto parsed = load::parse_override(line)) overrides.push_back(*parsed);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return overrides;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  load::LoadResult loaded = load::load_scenario_text(text, "fuzz.yaml", leading_overrides(text));
  if (!loaded.ok()) {
    for (const model::Diagnostic& diagnostic : loaded.diagnostics) (void)diagnostic.to_string();
    return 0;
  }
  model::Scenario& scenario = *loaded.scenario;
  const model::RunEstimate estimate = model::estimate_run(scenario);
  (void)model::refuse_run(estimate, true);
  if (model::refuse_run(estimate, true)) return 0;
  scenario.table.key_count = std::min(scenario.table.key_count, kMaxKeys);
  model::Simulation simulation(scenario);
  model::RunLimits limits;
  limits.max_events = kMaxEvents;
  const model::RunResult result = simulation.run(limits);
  (void)reports::json_report(result);
  (void)reports::text_report(result);
  for (const reports::CsvFile& file : reports::csv_report(result)) (void)file.content.size();
  (void)reports::html_report(result, reports::timeline_marks(scenario));
  return 0;
}
