#include "load/capacity_section.h"

#include <algorithm>

#include <fmt/format.h>

namespace load {

using model::AutoScalingConfig;
using model::CapacityConfig;
using model::CapacityMode;

namespace {

constexpr const char* kCapacityExpected = "a capacity map, e.g. {mode: provisioned, write_units: 100}";

bool same_scaling(const AutoScalingConfig& a, const AutoScalingConfig& b) {
  return a.enabled == b.enabled && (!a.enabled || (a.min_units == b.min_units && a.max_units == b.max_units &&
                                                   a.target_percent == b.target_percent));
}

std::string describe_scaling(const AutoScalingConfig& a) {
  if (!a.enabled) return "off";
  return fmt::format("min {} max {} target {}%", a.min_units, a.max_units, a.target_percent);
}

}  // namespace

void copy_synchronized(const CapacityConfig& from, CapacityConfig* to) {
  to->mode = from.mode;
  to->write_units = from.write_units;
  to->write_scaling = from.write_scaling;
  to->on_demand_write_units = from.on_demand_write_units;
  to->table_max_write_units = from.table_max_write_units;
}

void copy_per_replica(const CapacityConfig& from, CapacityConfig* to) {
  CapacityConfig merged = from;
  copy_synchronized(*to, &merged);
  *to = merged;
}

std::string synchronized_difference(const CapacityConfig& here, const CapacityConfig& there,
                                    const std::string& there_name) {
  const auto differ = [&](const char* what, const std::string& a, const std::string& b) {
    return fmt::format("{} is {} here and {} in {}", what, a, b, there_name);
  };
  const auto mode = [](CapacityMode m) { return std::string(m == CapacityMode::kOnDemand ? "on_demand" : "provisioned"); };
  if (here.mode != there.mode) return differ("mode", mode(here.mode), mode(there.mode));
  if (here.mode == CapacityMode::kProvisioned) {
    if (here.write_units != there.write_units) {
      return differ("write_units", std::to_string(here.write_units), std::to_string(there.write_units));
    }
    if (!same_scaling(here.write_scaling, there.write_scaling)) {
      return differ("auto_scaling.write", describe_scaling(here.write_scaling), describe_scaling(there.write_scaling));
    }
    return "";
  }
  if (here.on_demand_write_units != there.on_demand_write_units) {
    return differ("warm_write_units", std::to_string(here.on_demand_write_units),
                  std::to_string(there.on_demand_write_units));
  }
  if (here.table_max_write_units != there.table_max_write_units) {
    return differ("max_write_units", std::to_string(here.table_max_write_units),
                  std::to_string(there.table_max_write_units));
  }
  return "";
}

void CapacityChecker::synchronized_settings(const model::Scenario& s, const Node* table_node,
                                            const std::vector<const Node*>& region_nodes,
                                            const std::vector<std::string>& region_paths) {
  std::vector<const Node*> reported;
  const auto report = [&](size_t r, const std::string& message) {
    const Node* node = region_nodes[r] != nullptr ? region_nodes[r] : table_node;
    if (node == nullptr || std::find(reported.begin(), reported.end(), node) != reported.end()) return;
    reported.push_back(node);
    const std::string path = region_nodes[r] != nullptr ? join(region_paths[r], "capacity") : "table.capacity";
    error(*node, path + ": " + message);
  };
  bool auto_scaled = true;
  for (size_t r = 0; r < s.regions.size(); ++r) {
    const CapacityConfig& c = s.regions[r].capacity;
    if (c.mode == CapacityMode::kProvisioned && !c.write_scaling.enabled) {
      report(r, kWriteAutoScaledMessage);
      auto_scaled = false;
    }
  }
  if (!auto_scaled) return;
  for (size_t r = 1; r < s.regions.size(); ++r) {
    // Blame the region that overrides table.capacity: r, or else the first.
    const size_t here = region_nodes[r] != nullptr ? r : 0;
    const size_t there = here == r ? 0 : r;
    const std::string difference =
        synchronized_difference(s.regions[here].capacity, s.regions[there].capacity, s.regions[there].name);
    if (difference.empty()) continue;
    report(here, "version 2019.11.21 keeps the capacity mode and write settings the same in every replica: " +
                     difference + "; set them once in table.capacity (read settings may differ per replica), or "
                                  "set version: \"2017.11.29\"");
  }
}

std::optional<int64_t> CapacityChecker::units(const Node& n, const std::string& path, int64_t min,
                                              int64_t max) {
  const std::optional<uint64_t> v = integer(n, path, static_cast<uint64_t>(min), static_cast<uint64_t>(max));
  if (!v) return std::nullopt;
  return static_cast<int64_t>(*v);
}

bool CapacityChecker::capacity(const Node& n, const std::string& path, CapacityConfig* c) {
  static const std::vector<std::string> kKeys = {
      "mode",           "write_units",     "read_units",      "burst_seconds",  "auto_scaling",
      "warm_write_units", "warm_read_units", "max_write_units", "max_read_units"};
  if (!check_map(n, path, &kKeys, {}, kCapacityExpected)) return false;
  bool ok = true;
  if (const Node* v = get(n, "mode")) {
    static const std::vector<std::string> kModes = {"on_demand", "provisioned"};
    if (v->is_scalar() && v->text == "on_demand") {
      c->mode = CapacityMode::kOnDemand;
    } else if (v->is_scalar() && v->text == "provisioned") {
      c->mode = CapacityMode::kProvisioned;
    } else {
      error(*v, join(path, "mode") + ": expected 'on_demand' or 'provisioned', found " + describe(*v) +
                    (v->is_scalar() ? did_you_mean(v->text, kModes) : ""));
      ok = false;
    }
  }
  const auto read_units = [&](const char* key, int64_t min, int64_t* out) {
    if (const Node* v = get(n, key)) {
      if (auto u = units(*v, join(path, key), min, kUnitsMax)) {
        *out = *u;
      } else {
        ok = false;
      }
    }
  };
  read_units("write_units", 1, &c->write_units);
  read_units("read_units", 1, &c->read_units);
  read_units("warm_write_units", 1, &c->on_demand_write_units);
  read_units("warm_read_units", 1, &c->on_demand_read_units);
  read_units("max_write_units", 1, &c->table_max_write_units);
  read_units("max_read_units", 1, &c->table_max_read_units);
  if (const Node* v = get(n, "burst_seconds")) {
    if (auto b = integer(*v, join(path, "burst_seconds"), 0, 3600)) {
      c->burst_seconds = static_cast<int64_t>(*b);
    } else {
      ok = false;
    }
  }
  if (const Node* v = get(n, "auto_scaling")) {
    static const std::vector<std::string> kDimensions = {"write", "read"};
    const std::string apath = join(path, "auto_scaling");
    if (!check_map(*v, apath, &kDimensions, {}, "a map with 'write' and/or 'read'")) return false;
    if (const Node* w = get(*v, "write")) ok = auto_scaling(*w, join(apath, "write"), &c->write_scaling) && ok;
    if (const Node* r = get(*v, "read")) ok = auto_scaling(*r, join(apath, "read"), &c->read_scaling) && ok;
  }
  return ok && fits_mode(n, path, *c);
}

// Provisioned units and auto scaling written beside on-demand capacity: the
// service refuses provisioned throughput with PAY_PER_REQUEST (docs/sources.md,
// Capacity units), and auto scaling scales provisioned capacity only.
bool CapacityChecker::fits_mode(const Node& n, const std::string& path, const CapacityConfig& c) {
  if (c.mode != CapacityMode::kOnDemand) return true;
  bool ok = true;
  for (const char* key : {"write_units", "read_units"}) {
    if (const Node* v = get(n, key)) {
      error(*v, fmt::format("{}: One or more parameter values were invalid: Neither ReadCapacityUnits nor "
                            "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST (the mode "
                            "here is on_demand; set mode: provisioned or remove {})",
                            join(path, key), key));
      ok = false;
    }
  }
  if (const Node* v = get(n, "auto_scaling")) {
    error(*v, join(path, "auto_scaling") +
                  ": auto scaling adjusts provisioned capacity only (the mode here is on_demand; set mode: "
                  "provisioned or remove auto_scaling)");
    ok = false;
  }
  return ok;
}

bool CapacityChecker::auto_scaling(const Node& n, const std::string& path, AutoScalingConfig* a) {
  static const std::vector<std::string> kKeys = {"min", "max", "target", "alarm_delay", "update_time"};
  if (!check_map(n, path, &kKeys, {}, "an auto scaling map, e.g. {min: 5, max: 4000, target: 70%}")) {
    return false;
  }
  a->enabled = true;
  bool ok = true;
  if (const Node* v = get(n, "min")) {
    if (auto u = units(*v, join(path, "min"), 1, kUnitsMax)) a->min_units = *u; else ok = false;
  }
  if (const Node* v = get(n, "max")) {
    if (auto u = units(*v, join(path, "max"), 1, kUnitsMax)) a->max_units = *u; else ok = false;
  }
  if (const Node* v = get(n, "target")) {
    if (auto p = percentage(*v, join(path, "target"))) {
      if (*p < 20.0 || *p > 90.0) {
        error(*v, join(path, "target") + ": target utilization must be between 20% and 90%, found " + v->text);
        ok = false;
      } else {
        a->target_percent = *p;
      }
    } else {
      ok = false;
    }
  }
  if (const Node* v = get(n, "alarm_delay")) {
    if (auto d = duration(*v, join(path, "alarm_delay"), Sign::kNonNegative)) a->alarm_delay = *d; else ok = false;
  }
  if (const Node* v = get(n, "update_time")) {
    if (auto d = duration(*v, join(path, "update_time"), Sign::kNonNegative)) a->update_time = *d; else ok = false;
  }
  if (ok && a->max_units < a->min_units) {
    error(n, fmt::format("{}: max must not be below min, found min {} and max {}", path, a->min_units,
                         a->max_units));
    ok = false;
  }
  return ok;
}

}  // namespace load
