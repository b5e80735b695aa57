// libFuzzer target: scenarios at sizes the scenario target's 4,096-byte
// inputs cannot reach (issue 14): long timelines, large maps, many links
// and groups, through the loader, the estimate, a bounded run and every
// writer (JSON, text, CSV, HTML with its timeline marks).
//
// Input: YAML text in which a line "#repeat N" (N up to 20,000) makes the
// lines after it, up to a line "#end" or the end, a block written N times,
// each "{i}" in it replaced by the repetition's number (0, 1, ...); the
// expanded text is at most 1 MB (under ASan a 4 MB YAML text took seconds). So a
// 100-byte input can be a timeline of 20,000 events or an empirical
// distribution of 20,000 points. Without the line, the text is used as is.
//
// Runs are bounded as in the scenario target (20,000 events, 10,000 keys)
// and by a live-state limit of 64 MB. A timeline of more than 2,000 events
// is loaded but not run: every event carries its latency before and after
// (about 2 KB of JSON each), so 20,000 of them under ASan pass libFuzzer's
// 2 GB limit although the report grows only linearly (docs/robustness.md). A crash, a sanitizer report, an
// assertion or a timeout is a bug. Seeds: tests/fuzz/seeds_expand/.
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "load/scenario_loader.h"
#include "model/run_estimate.h"
#include "model/simulation.h"
#include "reports/csv_report.h"
#include "reports/html_report.h"
#include "reports/json_report.h"
#include "reports/terminal_text.h"
#include "reports/text_report.h"
#include "reports/timeline_marks.h"

namespace {

constexpr size_t kMaxRepeats = 20'000;
constexpr size_t kMaxExpandedBytes = 1u << 20;
constexpr uint64_t kMaxEvents = 20'000;
constexpr uint64_t kMaxKeys = 10'000;
constexpr size_t kMaxRunTimeline = 2'000;

// The input with its "#repeat N" block written out.
std::string expand(std::string_view text) {
  const size_t marker = text.find("#repeat ");
  if (marker == std::string_view::npos || (marker > 0 && text[marker - 1] != '\n')) return std::string(text);
  const size_t line_end = std::min(text.find('\n', marker), text.size());
  size_t count = 0;
  const std::string_view number = text.substr(marker + 8, line_end - marker - 8);
  std::from_chars(number.data(), number.data() + number.size(), count);
  count = std::min(count, kMaxRepeats);
  std::string_view body = line_end < text.size() ? text.substr(line_end + 1) : std::string_view();
  std::string_view rest;
  if (const size_t end = body.find("\n#end"); end != std::string_view::npos) {
    rest = body.substr(std::min(body.find('\n', end + 1), body.size()));
    body = body.substr(0, end + 1);
  }
  std::string out(text.substr(0, marker));
  for (size_t i = 0; i < count && out.size() < kMaxExpandedBytes; ++i) {
    const std::string index = std::to_string(i);
    for (size_t at = 0; at < body.size();) {
      const size_t hole = body.find("{i}", at);
      out.append(body.substr(at, std::min(hole, body.size()) - at));
      if (hole == std::string_view::npos) break;
      out += index;
      at = hole + 3;
    }
  }
  out.append(rest);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = expand(std::string_view(reinterpret_cast<const char*>(data), size));
  load::LoadResult loaded = load::load_scenario_text(text, "fuzz.yaml");
  if (!loaded.ok()) {
    for (const model::Diagnostic& diagnostic : loaded.diagnostics) (void)reports::terminal_text(diagnostic.to_string());
    return 0;
  }
  model::Scenario& scenario = *loaded.scenario;
  if (model::refuse_run(model::estimate_run(scenario), true)) return 0;
  if (scenario.timeline.size() > kMaxRunTimeline) return 0;
  scenario.table.key_count = std::min(scenario.table.key_count, kMaxKeys);
  model::RunLimits limits;
  limits.max_events = kMaxEvents;
  limits.max_live_state_bytes = 64u << 20;
  const model::RunResult result = model::Simulation(scenario).run(limits);
  (void)reports::json_report(result);
  (void)reports::terminal_text(reports::text_report(result));
  for (const reports::CsvFile& file : reports::csv_report(result)) (void)file.content.size();
  (void)reports::html_report(result, reports::timeline_marks(scenario));
  return 0;
}
