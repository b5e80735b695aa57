#include "study/sweep_plan.h"

#include <fmt/format.h>

#include "reports/json_value.h"
#include "reports/json_writer.h"

namespace study {
namespace {

using reports::JsonValue;

// Single-quotes a word for a POSIX shell when it needs it (the replay command).
std::string shell_quote(std::string_view word) {
  const bool plain = !word.empty() && word.find_first_not_of(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./=:,+@%") == std::string_view::npos;
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// A point as plan_json writes it, [[PATH, VALUE], ...]; nullopt for anything else.
std::optional<std::vector<load::Override>> point_overrides(const JsonValue& point) {
  if (point.kind != JsonValue::Kind::kArray) return std::nullopt;
  std::vector<load::Override> overrides;
  for (const JsonValue& o : point.items) {
    const bool pair = o.kind == JsonValue::Kind::kArray && o.items.size() == 2;
    if (!pair || o.items[0].kind != JsonValue::Kind::kString || o.items[1].kind != JsonValue::Kind::kString) {
      return std::nullopt;
    }
    overrides.push_back(load::Override{o.items[0].text, o.items[1].text});
  }
  return overrides;
}

}  // namespace

const std::string* SweepPlan::value_of(size_t point, std::string_view parameter) const {
  const std::string* found = nullptr;
  for (const load::Override& o : points[point]) {
    if (o.path == parameter) found = &o.value;  // the last one wins, as in the loader
  }
  return found;
}

std::string SweepPlan::point_label(size_t point) const {
  std::string label;
  for (const load::Override& o : points[point]) {
    if (!label.empty()) label += ' ';
    label += o.path + "=" + o.value;
  }
  return label.empty() ? "(scenario as is)" : label;
}

std::string SweepPlan::replay_command(size_t run) const {
  std::string command = "gtsim run " + shell_quote(scenario_file) + fmt::format(" --seed {}", seed_of(run));
  for (const load::Override& o : points[point_of(run)]) command += " --set " + shell_quote(o.path + "=" + o.value);
  return command;
}

std::string_view study_kind_name(StudyKind kind) {
  return kind == StudyKind::kSweep ? "sweep" : "compare";
}

std::string plan_json(const SweepPlan& plan) {
  reports::JsonWriter json;
  json.begin_object();
  json.field("gtsim_study", 1);
  json.field("kind", study_kind_name(plan.kind));
  json.field("scenario", plan.scenario_file);
  json.key("parameters");
  json.begin_array();
  for (const std::string& parameter : plan.parameters) json.value(parameter);
  json.end_array();
  json.key("points");
  json.begin_array();
  for (const auto& point : plan.points) {
    json.begin_array();
    for (const load::Override& o : point) {
      json.begin_array();
      json.value(o.path);
      json.value(o.value);
      json.end_array();
    }
    json.end_array();
  }
  json.end_array();
  json.field("first_seed", plan.first_seed);
  json.field("last_seed", plan.last_seed);
  json.field("runs", static_cast<uint64_t>(plan.run_count()));
  json.key("metrics");
  json.begin_array();
  for (const std::string& metric : plan.metrics) json.value(metric);
  json.end_array();
  json.key("shard");
  json.begin_object();
  json.field("index", plan.shard.index);
  json.field("count", plan.shard.count);
  json.end_object();
  json.end_object();
  return json.str();
}

std::optional<SweepPlan> parse_plan_json(const std::string& text, std::string* error) {
  const std::optional<JsonValue> root = reports::parse_json(text, error);
  if (!root) {
    *error = fmt::format("not a valid study file: {}", *error);
    return std::nullopt;
  }
  const JsonValue* version = root->find("gtsim_study");
  if (version == nullptr || version->as_int64() != 1) {
    *error = "not a gtsim study file (sweep.json of version 1)";
    return std::nullopt;
  }
  reports::JsonFields fields;
  SweepPlan plan;
  const std::string kind = fields.string(*root, "kind");
  if (fields.ok() && kind != "sweep" && kind != "compare") {
    *error = fmt::format("unknown study kind '{}'", kind);
    return std::nullopt;
  }
  plan.kind = kind == "sweep" ? StudyKind::kSweep : StudyKind::kCompare;
  plan.scenario_file = fields.string(*root, "scenario");
  plan.parameters = fields.strings(*root, "parameters");
  for (const JsonValue& point : fields.array(*root, "points")) {
    std::optional<std::vector<load::Override>> overrides = point_overrides(point);
    if (!overrides) {
      *error = "not a valid study file: a point is not a list of [path, value] pairs";
      return std::nullopt;
    }
    plan.points.push_back(std::move(*overrides));
  }
  plan.first_seed = fields.uint64(*root, "first_seed");
  plan.last_seed = fields.uint64(*root, "last_seed");
  const uint64_t runs = fields.uint64(*root, "runs");
  plan.metrics = fields.strings(*root, "metrics");
  const JsonValue& shard = fields.object(*root, "shard");
  plan.shard.index = fields.uint64(shard, "index");
  plan.shard.count = fields.uint64(shard, "count");
  if (!fields.ok()) {
    *error = fmt::format("not a valid study file: {}", fields.problem());
    return std::nullopt;
  }
  if (plan.points.empty() || plan.first_seed > plan.last_seed || plan.shard.count == 0 ||
      plan.shard.index >= plan.shard.count || runs != plan.run_count()) {
    *error = "inconsistent study file (points, seeds, runs or shard)";
    return std::nullopt;
  }
  return plan;
}

}  // namespace study
