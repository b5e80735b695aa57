#include "reports/sweep_plan.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "reports/json_writer.h"

namespace reports {

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

std::string shell_quote(std::string_view word) {
  const bool plain = !word.empty() && word.find_first_not_of(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./=:,+@%") == std::string_view::npos;
  if (plain) return std::string(word);
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string plan_json(const SweepPlan& plan) {
  JsonWriter json;
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
  try {
    const YAML::Node root = YAML::Load(text);
    if (!root.IsMap() || !root["gtsim_study"] || root["gtsim_study"].as<int>() != 1) {
      *error = "not a gtsim study file (sweep.json of version 1)";
      return std::nullopt;
    }
    SweepPlan plan;
    const std::string kind = root["kind"].as<std::string>();
    if (kind != "sweep" && kind != "compare") {
      *error = fmt::format("unknown study kind '{}'", kind);
      return std::nullopt;
    }
    plan.kind = kind == "sweep" ? StudyKind::kSweep : StudyKind::kCompare;
    plan.scenario_file = root["scenario"].as<std::string>();
    for (const YAML::Node& p : root["parameters"]) plan.parameters.push_back(p.as<std::string>());
    for (const YAML::Node& point : root["points"]) {
      std::vector<load::Override> overrides;
      for (const YAML::Node& o : point) {
        overrides.push_back(load::Override{o[0].as<std::string>(), o[1].as<std::string>()});
      }
      plan.points.push_back(std::move(overrides));
    }
    plan.first_seed = root["first_seed"].as<uint64_t>();
    plan.last_seed = root["last_seed"].as<uint64_t>();
    for (const YAML::Node& m : root["metrics"]) plan.metrics.push_back(m.as<std::string>());
    plan.shard.index = root["shard"]["index"].as<uint64_t>();
    plan.shard.count = root["shard"]["count"].as<uint64_t>();
    if (plan.points.empty() || plan.first_seed > plan.last_seed || plan.shard.count == 0 ||
        plan.shard.index >= plan.shard.count || root["runs"].as<uint64_t>() != plan.run_count()) {
      *error = "inconsistent study file (points, seeds, runs or shard)";
      return std::nullopt;
    }
    return plan;
  } catch (const YAML::Exception& e) {
    *error = fmt::format("not a valid study file: {}", e.what());
    return std::nullopt;
  }
}

}  // namespace reports
