// libFuzzer target: the JSON readers behind `gtsim diff` and `gtsim merge`
// (issue 14): parse_json, a report read back as figures and diffed against
// itself and against an empty report, sweep.json read as a plan, and every
// line read as a runs.jsonl row of a fixed plan and of the plan the input
// holds, if any. Then the text the terminal would show (terminal_text).
// Since issue 16 also the trace readers of a traffic curve: the input read
// as get-metric-data JSON (every series joined) and as a trace CSV.
//
// Input: any bytes (a report, a sweep.json, runs.jsonl lines). The readers'
// contract (reports/json_value.h, study/sweep_plan.h) is that any input is
// read or refused with a message: a crash, a sanitizer report, an assertion
// or a timeout here is a bug. Seeds: tests/fuzz/seeds_json/.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "load/cloudwatch_metric_data.h"
#include "load/trace_csv.h"
#include "reports/json_value.h"
#include "reports/report_diff.h"
#include "reports/terminal_text.h"
#include "study/sweep_plan.h"
#include "study/sweep_rows.h"

namespace {

study::SweepPlan fixed_plan() {
  study::SweepPlan plan;
  plan.scenario_file = "small.yaml";
  plan.scenario_hash = study::content_hash("small");
  plan.gtsim_version = "0.1.0";
  plan.parameters = {"table.keys"};
  plan.points = {{{"table.keys", "10"}}, {{"table.keys", "20"}}};
  plan.first_seed = 1;
  plan.last_seed = 2;
  plan.metrics = {"conflicts.clobbered", "conflicts.concurrent_writes"};
  return plan;
}

void read_rows(std::string_view text, const study::SweepPlan& plan) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    size_t run = 0;
    study::RunRow row;
    std::string error;
    if (study::parse_row_json(std::string(text.substr(start, end - start)), plan, &run, &row, &error)) {
      (void)study::row_json(plan, run, row);
    }
    (void)reports::terminal_text(error);
    start = end + 1;
  }
}

void read_report(const reports::JsonValue& value) {
  std::string error;
  const auto figures = reports::figures_from_report(value, &error);
  (void)reports::terminal_text(error);
  if (!figures) return;
  const reports::ReportDiff same = reports::diff_reports(value, value, {});
  (void)reports::terminal_text(reports::format_report_diff(same, "a", "b"));
  reports::Tolerance tolerance;
  tolerance.percent = 5;
  const reports::ReportDiff loose = reports::diff_reports(value, value, {tolerance});
  (void)reports::format_report_diff(loose, "a", "b");
}

// The trace readers (load/cloudwatch_metric_data.h, load/trace_csv.h).
void read_traces(std::string_view text) {
  std::vector<model::Diagnostic> out;
  if (const std::optional<load::MetricData> data = load::parse_metric_data(text, "t.json", &out)) {
    for (const std::string& name : load::metric_names(*data)) {
      (void)load::joined_series(load::results_named(*data, name), name, "t.json", &out);
    }
  }
  const std::vector<std::string> columns = load::trace_csv_columns(text);
  std::vector<load::TracePoint> points;
  (void)load::read_trace_csv(text, "t.csv", columns.empty() ? 0 : columns.size() - 1, &points, &out);
  for (const model::Diagnostic& d : out) (void)reports::terminal_text(d.to_string());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::string error;
  const std::optional<reports::JsonValue> value = reports::parse_json(text, &error);
  if (value) read_report(*value);
  const std::optional<study::SweepPlan> plan = study::parse_plan_json(text, &error);
  if (plan) {
    (void)study::plan_json(*plan);
    (void)study::plan_problem(*plan);
  }
  static const study::SweepPlan kPlan = fixed_plan();
  read_rows(text, kPlan);
  read_traces(text);
  (void)reports::terminal_text(text);
  return 0;
}
