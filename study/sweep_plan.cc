#include "study/sweep_plan.h"

#include <algorithm>

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

std::string content_hash(std::string_view bytes) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ull;
  }
  return fmt::format("fnv1a64:{:016x}", hash);
}

bool same_study(const SweepPlan& a, const SweepPlan& b) {
  SweepPlan a_whole = a;
  SweepPlan b_whole = b;
  a_whole.partial = b_whole.partial = false;
  return plan_json(a_whole) == plan_json(b_whole);
}

namespace {

std::string points_problem(const SweepPlan& plan) {
  if (plan.points.empty() || plan.points.size() > kMaxPoints) {
    return fmt::format("{} points (1 to {})", plan.points.size(), kMaxPoints);
  }
  if (plan.kind == StudyKind::kCompare && plan.points.size() != 2) {
    return fmt::format("a compare of {} points (2: a and b)", plan.points.size());
  }
  if (plan.parameters.size() > kMaxParameters) {
    return fmt::format("{} parameters (at most {})", plan.parameters.size(), kMaxParameters);
  }
  for (size_t i = 0; i < plan.parameters.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (plan.parameters[i] == plan.parameters[j]) return fmt::format("parameter '{}' twice", plan.parameters[i]);
    }
  }
  for (const auto& point : plan.points) {
    if (point.size() > kMaxParameters) return fmt::format("a point of {} overrides (at most {})", point.size(), kMaxParameters);
    for (const load::Override& o : point) {
      if (std::find(plan.parameters.begin(), plan.parameters.end(), o.path) == plan.parameters.end()) {
        return fmt::format("a point sets '{}', which is not among the parameters", o.path);
      }
    }
  }
  return "";
}

}  // namespace

std::string plan_problem(const SweepPlan& plan) {
  if (std::string points = points_problem(plan); !points.empty()) return points;
  if (plan.first_seed > plan.last_seed) {
    return fmt::format("first_seed {} is above last_seed {}", plan.first_seed, plan.last_seed);
  }
  if (plan.last_seed - plan.first_seed >= kMaxSeeds) {
    return fmt::format("seeds {}..{} (at most {} seeds)", plan.first_seed, plan.last_seed, kMaxSeeds);
  }
  if (plan.run_count() > kMaxRuns) return fmt::format("{} runs (at most {})", plan.run_count(), kMaxRuns);
  if (plan.metrics.size() > kMaxMetrics) return fmt::format("{} metrics (at most {})", plan.metrics.size(), kMaxMetrics);
  if (plan.shard.count == 0 || plan.shard.count > kMaxRuns || plan.shard.index >= plan.shard.count) {
    return fmt::format("shard {}/{} (0 <= index < count <= {})", plan.shard.index, plan.shard.count, kMaxRuns);
  }
  return "";
}

std::string plan_json(const SweepPlan& plan) {
  reports::JsonWriter json;
  json.begin_object();
  json.field("gtsim_study", kStudyFileVersion);
  json.field("gtsim_version", plan.gtsim_version);
  json.field("kind", study_kind_name(plan.kind));
  json.field("scenario", plan.scenario_file);
  json.field("scenario_hash", plan.scenario_hash);
  json.field("partial", plan.partial);
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

namespace {

// The members of sweep.json into *plan; false and *error when one is missing or of another type.
bool read_plan_fields(const JsonValue& root, SweepPlan* plan, uint64_t* runs, std::string* error) {
  reports::JsonFields fields;
  plan->gtsim_version = fields.string(root, "gtsim_version");
  const std::string kind = fields.string(root, "kind");
  if (fields.ok() && kind != "sweep" && kind != "compare") {
    *error = fmt::format("unknown study kind '{}'", kind);
    return false;
  }
  plan->kind = kind == "sweep" ? StudyKind::kSweep : StudyKind::kCompare;
  plan->scenario_file = fields.string(root, "scenario");
  plan->scenario_hash = fields.string(root, "scenario_hash");
  plan->partial = fields.boolean(root, "partial");
  plan->parameters = fields.strings(root, "parameters");
  for (const JsonValue& point : fields.array(root, "points")) {
    std::optional<std::vector<load::Override>> overrides = point_overrides(point);
    if (!overrides) {
      *error = "not a valid study file: a point is not a list of [path, value] pairs";
      return false;
    }
    plan->points.push_back(std::move(*overrides));
  }
  plan->first_seed = fields.uint64(root, "first_seed");
  plan->last_seed = fields.uint64(root, "last_seed");
  *runs = fields.uint64(root, "runs");
  plan->metrics = fields.strings(root, "metrics");
  const JsonValue& shard = fields.object(root, "shard");
  plan->shard.index = fields.uint64(shard, "index");
  plan->shard.count = fields.uint64(shard, "count");
  if (!fields.ok()) {
    *error = fmt::format("not a valid study file: {}", fields.problem());
    return false;
  }
  return true;
}

bool well_formed_hash(std::string_view hash) {
  return hash.size() == 24 && hash.starts_with("fnv1a64:") &&
         hash.find_first_not_of("0123456789abcdef", 8) == std::string_view::npos;
}

}  // namespace

std::optional<SweepPlan> parse_plan_json(const std::string& text, std::string* error) {
  const std::optional<JsonValue> root = reports::parse_json(text, error);
  if (!root) {
    *error = fmt::format("not a valid study file: {}", *error);
    return std::nullopt;
  }
  const JsonValue* version = root->find("gtsim_study");
  if (version == nullptr || version->as_int64() != kStudyFileVersion) {
    *error = version != nullptr && version->as_int64() == 1
                 ? "a study file of version 1, written before gtsim recorded the scenario's hash and its own "
                   "version in it; run the study again"
                 : fmt::format("not a gtsim study file (sweep.json of version {})", kStudyFileVersion);
    return std::nullopt;
  }
  SweepPlan plan;
  uint64_t runs = 0;
  if (!read_plan_fields(*root, &plan, &runs, error)) return std::nullopt;
  if (!well_formed_hash(plan.scenario_hash) || plan.gtsim_version.empty() || plan.gtsim_version.size() > 64) {
    *error = "not a valid study file: 'scenario_hash' or 'gtsim_version' is malformed";
    return std::nullopt;
  }
  if (const std::string problem = plan_problem(plan); !problem.empty()) {
    *error = fmt::format("inconsistent study file: {}", problem);
    return std::nullopt;
  }
  if (runs != plan.run_count()) {
    *error = fmt::format("inconsistent study file: 'runs' is {}, not points x seeds = {}", runs, plan.run_count());
    return std::nullopt;
  }
  return plan;
}

}  // namespace study
