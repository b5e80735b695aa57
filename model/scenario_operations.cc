#include "model/scenario_operations.h"

#include <algorithm>

#include <fmt/format.h>

namespace model {
namespace {

constexpr int64_t kUnitsMax = 1'000'000;
constexpr const char* kCapacityExpected = "a capacity map, e.g. {mode: provisioned, write_units: 100}";

}  // namespace

std::optional<int64_t> OperationsChecker::units(const Node& n, const std::string& path, int64_t min,
                                                int64_t max) {
  const std::optional<uint64_t> v = integer(n, path, static_cast<uint64_t>(min), static_cast<uint64_t>(max));
  if (!v) return std::nullopt;
  return static_cast<int64_t>(*v);
}

bool OperationsChecker::capacity(const Node& n, const std::string& path, CapacityConfig* c) {
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
  return ok;
}

bool OperationsChecker::auto_scaling(const Node& n, const std::string& path, AutoScalingConfig* a) {
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

bool OperationsChecker::retry(const Node& n, const std::string& path, RetryConfig* r) {
  static const std::vector<std::string> kKeys = {"mode", "max_attempts", "base", "max_backoff", "quota"};
  if (!check_map(n, path, &kKeys, {}, "a retry map, e.g. {mode: standard, max_attempts: 3}")) return false;
  bool ok = true;
  if (const Node* v = get(n, "mode")) {
    static const std::vector<std::string> kModes = {"standard", "legacy"};
    if (v->is_scalar() && v->text == "standard") {
      // Keeps any other keys given; standard defaults are RetryConfig's.
    } else if (v->is_scalar() && v->text == "legacy") {
      *r = RetryConfig::legacy();
    } else {
      error(*v, join(path, "mode") + ": expected 'standard' or 'legacy', found " + describe(*v) +
                    (v->is_scalar() ? did_you_mean(v->text, kModes) : ""));
      ok = false;
    }
  }
  if (const Node* v = get(n, "max_attempts")) {
    if (auto a = integer(*v, join(path, "max_attempts"), 1, 100)) r->max_attempts = static_cast<int>(*a); else ok = false;
  }
  if (const Node* v = get(n, "base")) {
    if (auto d = duration(*v, join(path, "base"), Sign::kPositive)) r->base = *d; else ok = false;
  }
  if (const Node* v = get(n, "max_backoff")) {
    if (auto d = duration(*v, join(path, "max_backoff"), Sign::kPositive)) r->max_backoff = *d; else ok = false;
  }
  if (const Node* v = get(n, "quota")) {
    if (auto q = integer(*v, join(path, "quota"), 0, 1'000'000)) r->quota_tokens = static_cast<int64_t>(*q); else ok = false;
  }
  return ok;
}

void OperationsChecker::timeline(const Node& n, Scenario* s) {
  if (!n.is_sequence()) {
    mismatch(n, "timeline", "a sequence of events");
    return;
  }
  // Events are read in time order so capacity changes overlay what was set before.
  std::vector<size_t> order(n.items.size());
  std::vector<sim::Duration> at(n.items.size(), sim::Duration::max());
  for (size_t i = 0; i < n.items.size(); ++i) {
    order[i] = i;
    const Node& item = *n.items[i];
    if (!item.is_map()) continue;
    if (const Node* v = get(item, "at")) {
      std::vector<Diagnostic> ignored;  // reported when the event itself is read
      ValueChecker quiet(file(), &ignored);
      if (auto d = quiet.duration(*v, "", Sign::kNonNegative)) at[i] = *d;
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return at[a] < at[b]; });
  std::vector<CapacityConfig> current;
  for (const RegionConfig& region : s->regions) current.push_back(region.capacity);
  std::vector<TimelineEvent> events;
  for (const size_t i : order) {
    std::vector<TimelineEvent> also;
    if (auto event = timeline_event(*n.items[i], index("timeline", i), &current, &also)) events.push_back(*event);
    events.insert(events.end(), also.begin(), also.end());
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) { return a.at < b.at; });
  s->timeline = std::move(events);
}

std::optional<TimelineEvent> OperationsChecker::timeline_event(const Node& n, const std::string& path,
                                                               std::vector<CapacityConfig>* current,
                                                               std::vector<TimelineEvent>* also) {
  static const std::vector<std::string> kKeys = {"at", "outage", "failover", "recover", "shift_traffic",
                                                 "set_capacity"};
  static const std::vector<std::string> kActions = {"outage", "recover", "shift_traffic", "set_capacity"};
  if (!check_map(n, path, &kKeys, {"at"}, "an event map, e.g. {at: 10m, outage: us-east-1}")) return std::nullopt;
  TimelineEvent event;
  const Node* at = get(n, "at");
  std::optional<sim::Duration> when = duration(*at, join(path, "at"), Sign::kNonNegative);
  std::vector<std::string> actions;
  for (const std::string& action : kActions) {
    if (get(n, action) != nullptr) actions.push_back(action);
  }
  if (actions.size() != 1) {
    error(n, actions.empty() ? path + ": expected one action: " + quoted_list(kActions)
                             : path + ": expected one action, found " + quoted_list(actions));
    return std::nullopt;
  }
  const std::string& action = actions[0];
  const Node& body = *get(n, action);
  const std::string bpath = join(path, action);
  if (get(n, "failover") != nullptr && action != "outage") {
    error(*get(n, "failover"), join(path, "failover") + ": only an outage can have a failover");
    return std::nullopt;
  }
  if (!when) return std::nullopt;
  event.at = *when;

  if (action == "outage" || action == "recover") {
    event.kind = action == "outage" ? TimelineKind::kOutage : TimelineKind::kRecover;
    const std::optional<size_t> region = resolve_(body, bpath);
    if (!region) return std::nullopt;
    event.region = *region;
    if (const Node* f = get(n, "failover")) {
      static const std::vector<std::string> kFailoverKeys = {"to", "after", "fraction"};
      const std::string fpath = join(path, "failover");
      if (!check_map(*f, fpath, &kFailoverKeys, {"to"}, "a map, e.g. {to: eu-west-1, after: 1m}")) return std::nullopt;
      TimelineEvent shift;
      shift.kind = TimelineKind::kShiftTraffic;
      shift.region = *region;
      const std::optional<size_t> to = resolve_(*get(*f, "to"), join(fpath, "to"));
      if (!to) return std::nullopt;
      if (*to == *region) {
        error(*get(*f, "to"), join(fpath, "to") + ": traffic must move to another region");
        return std::nullopt;
      }
      shift.to_region = *to;
      sim::Duration after;
      if (const Node* v = get(*f, "after")) {
        const std::optional<sim::Duration> d = duration(*v, join(fpath, "after"), Sign::kNonNegative);
        if (!d) return std::nullopt;
        after = *d;
      }
      shift.at = event.at + after;
      if (const Node* v = get(*f, "fraction")) {
        const std::optional<double> p = percentage(*v, join(fpath, "fraction"));
        if (!p) return std::nullopt;
        shift.fraction = *p / 100.0;
      }
      also->push_back(shift);
    }
    return event;
  }
  if (action == "shift_traffic") {
    static const std::vector<std::string> kShiftKeys = {"from", "to", "fraction"};
    if (!check_map(body, bpath, &kShiftKeys, {"from", "to"}, "a map, e.g. {from: us-east-1, to: eu-west-1}")) {
      return std::nullopt;
    }
    event.kind = TimelineKind::kShiftTraffic;
    const std::optional<size_t> from = resolve_(*get(body, "from"), join(bpath, "from"));
    const std::optional<size_t> to = resolve_(*get(body, "to"), join(bpath, "to"));
    if (!from || !to) return std::nullopt;
    event.region = *from;
    event.to_region = *to;
    if (const Node* v = get(body, "fraction")) {
      const std::optional<double> p = percentage(*v, join(bpath, "fraction"));
      if (!p) return std::nullopt;
      event.fraction = *p / 100.0;
    }
    return event;
  }
  // set_capacity: {region: R, <capacity keys>}
  event.kind = TimelineKind::kSetCapacity;
  if (!body.is_map()) {
    mismatch(body, bpath, "a map with 'region' and capacity keys");
    return std::nullopt;
  }
  const Node* region_node = get(body, "region");
  if (region_node == nullptr) {
    error(body, "missing required key 'region' in " + bpath);
    return std::nullopt;
  }
  const std::optional<size_t> region = resolve_(*region_node, join(bpath, "region"));
  if (!region) return std::nullopt;
  // The capacity keys, checked without 'region'.
  Node settings = body;
  settings.entries.erase(std::remove_if(settings.entries.begin(), settings.entries.end(),
                                        [](const auto& e) { return e.first->is_scalar() && e.first->text == "region"; }),
                         settings.entries.end());
  CapacityConfig config = (*current)[*region];
  if (!capacity(settings, bpath, &config)) return std::nullopt;
  (*current)[*region] = config;
  event.region = *region;
  event.capacity = config;
  return event;
}

}  // namespace model
