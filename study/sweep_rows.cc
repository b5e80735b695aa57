#include "study/sweep_rows.h"

#include <fmt/format.h>

#include "reports/csv_report.h"
#include "reports/json_value.h"
#include "reports/json_writer.h"
#include "reports/result_words.h"
#include "sim/assert.h"

namespace study {
namespace {

using reports::JsonValue;
using reports::stop_word;

// Every run.stop, to read a row's word back (reports/result_words.h).
constexpr model::StopReason kStopReasons[] = {model::StopReason::kCompleted, model::StopReason::kMaxEvents,
                                              model::StopReason::kStopped, model::StopReason::kLiveState};

// The row's "metrics", one value (or null) per figure of the plan, in the plan's order.
bool metric_values(const JsonValue& node, const SweepPlan& plan, std::vector<std::optional<int64_t>>* values,
                   std::string* error) {
  const JsonValue* metrics = node.find("metrics");
  if (metrics == nullptr || metrics->kind != JsonValue::Kind::kObject ||
      metrics->members.size() != plan.metrics.size()) {
    *error = "its metrics are not the study's";
    return false;
  }
  for (const std::string& metric : plan.metrics) {
    const JsonValue* value = metrics->find(metric);
    if (value == nullptr) {
      *error = fmt::format("figure '{}' is missing", metric);
      return false;
    }
    const std::optional<int64_t> number = value->as_int64();
    if (!number && value->kind != JsonValue::Kind::kNull) {
      *error = fmt::format("not a valid row: figure '{}' is not an integer", metric);
      return false;
    }
    values->push_back(number);
  }
  return true;
}

// The row's "set" must be its point's overrides, in order: merge copies the
// plan's values into runs.csv and the tables, never a row's own.
bool point_values_match(const JsonValue& node, const SweepPlan& plan, size_t point, std::string* error) {
  const JsonValue* set = node.find("set");
  const auto& overrides = plan.points[point];
  bool same = set != nullptr && set->kind == JsonValue::Kind::kObject && set->members.size() == overrides.size();
  for (size_t i = 0; same && i < overrides.size(); ++i) {
    const auto& [path, value] = set->members[i];
    same = path == overrides[i].path && value.kind == JsonValue::Kind::kString && value.text == overrides[i].value;
  }
  if (!same) *error = fmt::format("its \"set\" is not the overrides of point {} in sweep.json", point);
  return same;
}

}  // namespace

std::string csv_field(std::string_view text) { return reports::csv_cell(text); }

std::string row_json(const SweepPlan& plan, size_t run, const RunRow& row) {
  GTSIM_ASSERT(row.values.size() == plan.metrics.size());
  // One object a line: JsonWriter indents, so this is written by hand with its escaping.
  std::string line = fmt::format("{{\"run\": {}, \"point\": {}, \"seed\": {}, \"set\": {{", run,
                                 plan.point_of(run), plan.seed_of(run));
  const auto& overrides = plan.points[plan.point_of(run)];
  for (size_t i = 0; i < overrides.size(); ++i) {
    line += fmt::format("{}{}: {}", i == 0 ? "" : ", ", reports::json_escape(overrides[i].path),
                        reports::json_escape(overrides[i].value));
  }
  line += fmt::format("}}, \"stop\": {}, \"metrics\": {{", reports::json_escape(stop_word(row.stop)));
  for (size_t m = 0; m < plan.metrics.size(); ++m) {
    line += fmt::format("{}{}: ", m == 0 ? "" : ", ", reports::json_escape(plan.metrics[m]));
    line += row.values[m] ? fmt::format("{}", *row.values[m]) : std::string("null");
  }
  line += fmt::format("}}, \"replay\": {}}}\n", reports::json_escape(plan.replay_command(run)));
  return line;
}

std::string runs_csv_header(const SweepPlan& plan) {
  std::string out = "run,point,seed";
  for (const std::string& parameter : plan.parameters) out += fmt::format(",{}", csv_field(parameter));
  out += ",stop";
  for (const std::string& metric : plan.metrics) out += fmt::format(",{}", csv_field(metric));
  out += '\n';
  return out;
}

std::string row_csv(const SweepPlan& plan, size_t run, const RunRow& row) {
  GTSIM_ASSERT(row.values.size() == plan.metrics.size());
  const size_t point = plan.point_of(run);
  std::string out = fmt::format("{},{},{}", run, point, plan.seed_of(run));
  for (const std::string& parameter : plan.parameters) {
    const std::string* value = plan.value_of(point, parameter);
    out += fmt::format(",{}", value ? csv_field(*value) : std::string());
  }
  out += fmt::format(",{}", stop_word(row.stop));
  for (const auto& value : row.values) out += value ? fmt::format(",{}", *value) : std::string(",");
  out += '\n';
  return out;
}

bool parse_row_json(const std::string& line, const SweepPlan& plan, size_t* run, RunRow* row,
                    std::string* error) {
  const std::optional<JsonValue> node = reports::parse_json(line, error);
  if (!node) {
    *error = fmt::format("not a valid row: {}", *error);
    return false;
  }
  if (node->kind != JsonValue::Kind::kObject) {
    *error = "not a JSON object";
    return false;
  }
  reports::JsonFields fields;
  const uint64_t r = fields.uint64(*node, "run");
  const uint64_t point = fields.uint64(*node, "point");
  const uint64_t seed = fields.uint64(*node, "seed");
  if (fields.ok() && (r >= plan.run_count() || point != plan.point_of(r) || seed != plan.seed_of(r))) {
    *error = fmt::format("run {} does not belong to this study", r);
    return false;
  }
  const std::string stop = fields.string(*node, "stop");
  if (!fields.ok()) {
    *error = fmt::format("not a valid row: {}", fields.problem());
    return false;
  }
  if (!point_values_match(*node, plan, point, error)) return false;
  RunRow parsed;
  bool known = false;
  for (const model::StopReason reason : kStopReasons) {
    if (stop == stop_word(reason)) parsed.stop = reason, known = true;
  }
  if (!known) {
    *error = fmt::format("unknown stop '{}'", stop);
    return false;
  }
  if (!metric_values(*node, plan, &parsed.values, error)) return false;
  *run = r;
  *row = std::move(parsed);
  return true;
}

}  // namespace study
