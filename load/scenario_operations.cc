#include "load/scenario_operations.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include <fmt/format.h>

namespace load {

using model::AutoScalingConfig;
using model::CapacityConfig;
using model::CapacityMode;
using model::Diagnostic;
using model::MigrationConfig;
using model::RegionConfig;
using model::ReplicaAddConfig;
using model::RetryConfig;
using model::Scenario;
using model::SessionConfig;
using model::SettingsSyncConfig;
using model::TableConfig;
using model::TimelineEvent;
using model::TimelineKind;

namespace {

constexpr int64_t kUnitsMax = 1'000'000;
// As a client group's rate: below it the time between items overflows.
constexpr double kBackfillRateMin = 0.000001;
constexpr const char* kCapacityExpected = "a capacity map, e.g. {mode: provisioned, write_units: 100}";

// check_map reports a missing required key and goes on; readers that
// dereference required keys check them with this first.
bool has_all(const Node& n, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (ValueChecker::get(n, key) == nullptr) return false;
  }
  return true;
}

// n without the entries whose key is one of keys (a map's other settings).
Node without_keys(const Node& n, std::initializer_list<const char*> keys) {
  Node rest = n;
  rest.entries.erase(std::remove_if(rest.entries.begin(), rest.entries.end(),
                                    [&](const auto& e) {
                                      return e.first->is_scalar() &&
                                             std::any_of(keys.begin(), keys.end(),
                                                         [&](const char* k) { return e.first->text == k; });
                                    }),
                     rest.entries.end());
  return rest;
}

// The administrative changes settings_sync copies to the other regions.
// The timeline key of a synchronized action.
std::string action_name(TimelineKind kind) {
  switch (kind) {
    case TimelineKind::kCreateIndex: return "create_index";
    case TimelineKind::kDeleteIndex: return "delete_index";
    case TimelineKind::kEnableTtl: return "enable_ttl";
    case TimelineKind::kDisableTtl: return "disable_ttl";
    default: return "set_capacity";
  }
}

bool synchronized(TimelineKind kind) {
  return kind == TimelineKind::kCreateIndex || kind == TimelineKind::kDeleteIndex ||
         kind == TimelineKind::kEnableTtl || kind == TimelineKind::kDisableTtl || kind == TimelineKind::kSetCapacity;
}

constexpr const char* kIndexNameExpected = "an index name (3 to 255 letters, digits, '_' and '-')";

}  // namespace

bool is_index_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 255) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

double default_backfill_items_per_second(const TableConfig& table) {
  constexpr double kBytesPerDay = 1e13;  // 10 TB
  constexpr double kItemBytesMax = 400.0 * 1024.0;
  const double mean = table.item_size_bytes.mean();
  const double item_bytes = std::isfinite(mean) ? std::clamp(mean, 1.0, kItemBytesMax) : kItemBytesMax;
  return kBytesPerDay / 86400.0 / item_bytes;
}

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

bool OperationsChecker::sessions(const Node& n, const std::string& path, SessionConfig* out) {
  static const std::vector<std::string> kKeys = {"redirect", "read_region", "delays"};
  if (!check_map(n, path, &kKeys, kKeys, "a map, e.g. {redirect: 20%, read_region: eu-west-1, delays: [0s, 1s]}") ||
      !has_all(n, {"redirect", "read_region", "delays"})) {
    return false;
  }
  SessionConfig config;
  config.enabled = true;
  const std::optional<double> redirect = percentage(*get(n, "redirect"), join(path, "redirect"));
  const std::optional<size_t> region = resolve_(*get(n, "read_region"), join(path, "read_region"));
  const Node& delays = *get(n, "delays");
  bool ok = redirect.has_value() && region.has_value();
  if (!delays.is_sequence() || delays.items.empty()) {
    mismatch(delays, join(path, "delays"), "a non-empty sequence of durations");
    ok = false;
  } else {
    for (size_t i = 0; i < delays.items.size(); ++i) {
      const std::optional<sim::Duration> d =
          duration(*delays.items[i], index(join(path, "delays"), i), Sign::kNonNegative);
      if (d) config.delays.push_back(*d); else ok = false;
    }
  }
  if (!ok) return false;
  config.redirect_fraction = *redirect;
  config.read_region = *region;
  *out = config;
  return true;
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
  region_count_ = s->regions.size();
  latency_of_ = [s](size_t from, size_t to) {
    return s->one_way_latency.empty() ? sim::LatencyModel() : s->latency(from, to);
  };
  scenario_ = s;
  has_replica_.clear();
  for (const RegionConfig& region : s->regions) has_replica_.push_back(region.replica);
  had_replica_ = has_replica_;
  scan_index_names(n, order);

  // A set_capacity copied by settings_sync overlays the keys the operator
  // wrote on the region's capacity as of the copy's own time.
  struct SyncedCapacity {
    sim::Duration at;
    size_t event;       // its position in events
    Node settings;      // the capacity keys written
    std::string path;   // for messages: which event, copied where and when
  };
  std::vector<SyncedCapacity> pending;
  std::vector<TimelineEvent> events;
  const auto overlay_until = [&](sim::Duration until) {
    std::stable_sort(pending.begin(), pending.end(),
                     [](const SyncedCapacity& a, const SyncedCapacity& b) { return a.at < b.at; });
    size_t done = 0;
    for (; done < pending.size() && pending[done].at <= until; ++done) {
      TimelineEvent& copy = events[pending[done].event];
      // The keys were valid for the operator's region; with this region's
      // other settings they may not be (auto scaling's min above max).
      capacity(pending[done].settings, pending[done].path, &current[copy.region]);
      copy.capacity = current[copy.region];
    }
    pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(done));
  };
  const SettingsSyncConfig& sync = s->settings_sync;
  for (const size_t i : order) {
    overlay_until(at[i]);
    std::vector<TimelineEvent> also;
    std::optional<TimelineEvent> event = timeline_event(*n.items[i], index("timeline", i), &current, &also);
    if (event && synchronized(event->kind) && !has_replica_[event->region]) {
      // An operator's change needs a replica to change (settings_sync's copies may go anywhere).
      const std::string action = action_name(event->kind);
      const Node& body = *get(*n.items[i], action);
      error(body, fmt::format("{}: {} has no replica at {}", join(index("timeline", i), action),
                              s->regions[event->region].name, sim::format_duration(event->at)));
      event.reset();
    }
    if (event) {
      events.push_back(*event);
      for (size_t r = 0; sync.enabled && synchronized(event->kind) && r < region_count_; ++r) {
        if (r == event->region) continue;
        TimelineEvent copy = *event;
        copy.region = r;
        copy.at = event->at + sync.delay;
        copy.synced = true;
        if (event->kind == TimelineKind::kSetCapacity) {
          pending.push_back({copy.at, events.size(), without_keys(*get(*n.items[i], "set_capacity"), {"region"}),
                             fmt::format("{} (copied by settings_sync to {} at {})",
                                         join(index("timeline", i), "set_capacity"), s->regions[r].name,
                                         sim::format_duration(copy.at))});
        }
        events.push_back(copy);
      }
    }
    events.insert(events.end(), also.begin(), also.end());
  }
  overlay_until(sim::Duration::max());
  std::stable_sort(events.begin(), events.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) { return a.at < b.at; });
  s->timeline = std::move(events);
}

// Appends to index_names the new names of the create_index events, in time
// order, so that a delete_index or a client group may name an index created
// later in the file. Names past kIndexNamesMax, and malformed ones, are left
// for the event's own reading to report.
void OperationsChecker::scan_index_names(const Node& n, const std::vector<size_t>& order) {
  std::vector<std::string>& names = scenario_->index_names;
  for (const size_t i : order) {
    const Node& item = *n.items[i];
    const Node* body = item.is_map() ? get(item, "create_index") : nullptr;
    const Node* name = body != nullptr && body->is_map() ? get(*body, "name") : nullptr;
    if (name == nullptr || !name->is_scalar() || !is_index_name(name->text)) continue;
    if (std::find(names.begin(), names.end(), name->text) != names.end()) continue;
    if (names.size() < kIndexNamesMax) names.push_back(name->text);
  }
}

std::optional<TimelineEvent> OperationsChecker::timeline_event(const Node& n, const std::string& path,
                                                               std::vector<CapacityConfig>* current,
                                                               std::vector<TimelineEvent>* also) {
  static const std::vector<std::string> kKeys = {
      "at",        "outage",      "failover",     "recover",           "shift_traffic", "set_capacity",
      "partition", "isolate",     "heal",         "degrade_link",      "pause_replication",
      "clock_step", "clock_drift", "create_index", "delete_index",     "enable_ttl",
      "disable_ttl", "add_replica", "remove_replica"};
  static const std::vector<std::string> kActions = {
      "outage",    "recover", "shift_traffic", "set_capacity",      "partition", "isolate",
      "heal",      "degrade_link", "pause_replication", "clock_step", "clock_drift",
      "create_index", "delete_index", "enable_ttl", "disable_ttl", "add_replica", "remove_replica"};
  if (!check_map(n, path, &kKeys, {"at"}, "an event map, e.g. {at: 10m, outage: us-east-1}") || !has_all(n, {"at"})) {
    return std::nullopt;
  }
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
      if (!check_map(*f, fpath, &kFailoverKeys, {"to"}, "a map, e.g. {to: eu-west-1, after: 1m}") ||
          !has_all(*f, {"to"})) {
        return std::nullopt;
      }
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
    if (!check_map(body, bpath, &kShiftKeys, {"from", "to"}, "a map, e.g. {from: us-east-1, to: eu-west-1}") ||
        !has_all(body, {"from", "to"})) {
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
  if (action == "partition" || action == "isolate" || action == "heal") {
    event.kind = action == "heal" ? TimelineKind::kRestoreLinks : TimelineKind::kCutLinks;
    if (!links(body, bpath, action != "partition", &event.links)) return std::nullopt;
    return event;
  }
  if (action == "degrade_link") {
    static const std::vector<std::string> kDegradeKeys = {"between", "from", "to", "latency", "duration"};
    if (!check_map(body, bpath, &kDegradeKeys, {"latency", "duration"},
                   "a map, e.g. {between: [a, b], latency: 300ms, duration: 5m}") ||
        !has_all(body, {"latency", "duration"})) {
      return std::nullopt;
    }
    Node link_part = body;
    link_part.entries.erase(std::remove_if(link_part.entries.begin(), link_part.entries.end(),
                                           [](const auto& e) {
                                             return e.first->is_scalar() &&
                                                    (e.first->text == "latency" || e.first->text == "duration");
                                           }),
                            link_part.entries.end());
    const std::optional<sim::LatencyModel> degraded = latency(*get(body, "latency"), join(bpath, "latency"));
    const std::optional<sim::Duration> lasting = duration(*get(body, "duration"), join(bpath, "duration"), Sign::kPositive);
    if (!links(link_part, bpath, false, &event.links) || !degraded || !lasting) return std::nullopt;
    event.kind = TimelineKind::kSetLatency;
    event.latency = *degraded;
    // The end restores each direction's own latency (the scenario's).
    for (const auto& [from, to] : event.links) {
      TimelineEvent restore;
      restore.kind = TimelineKind::kSetLatency;
      restore.at = event.at + *lasting;
      restore.links = {{from, to}};
      restore.latency = latency_of_(from, to);
      also->push_back(restore);
    }
    return event;
  }
  if (action == "pause_replication") {
    static const std::vector<std::string> kPauseKeys = {"region", "duration", "takes_hold_after"};
    if (!check_map(body, bpath, &kPauseKeys, {"region", "duration"},
                   "a map, e.g. {region: eu-west-1, duration: 10m, takes_hold_after: 2m}") ||
        !has_all(body, {"region", "duration"})) {
      return std::nullopt;
    }
    const std::optional<size_t> region = resolve_(*get(body, "region"), join(bpath, "region"));
    const std::optional<sim::Duration> lasting = duration(*get(body, "duration"), join(bpath, "duration"), Sign::kPositive);
    sim::Duration hold;
    if (const Node* v = get(body, "takes_hold_after")) {
      const std::optional<sim::Duration> d = duration(*v, join(bpath, "takes_hold_after"), Sign::kNonNegative);
      if (!d) return std::nullopt;
      hold = *d;
    }
    if (!region || !lasting) return std::nullopt;
    if (hold >= *lasting) {
      error(body, bpath + ": takes_hold_after must be shorter than the duration");
      return std::nullopt;
    }
    // Replication into and out of the region stops once the pause takes hold
    // and resumes where it stopped at the end (research: section 6.1).
    event.kind = TimelineKind::kCutLinks;
    event.at = event.at + hold;
    event.links = all_links_of(*region);
    TimelineEvent resume;
    resume.kind = TimelineKind::kRestoreLinks;
    resume.at = event.at - hold + *lasting;
    resume.links = event.links;
    also->push_back(resume);
    return event;
  }
  if (action == "clock_step" || action == "clock_drift") {
    const bool step = action == "clock_step";
    static const std::vector<std::string> kStepKeys = {"region", "by"};
    static const std::vector<std::string> kDriftKeys = {"region", "drift_ppm"};
    if (!check_map(body, bpath, step ? &kStepKeys : &kDriftKeys, step ? kStepKeys : kDriftKeys,
                   step ? "a map, e.g. {region: eu-west-1, by: -500ms}" : "a map, e.g. {region: eu-west-1, drift_ppm: 50}") ||
        !has_all(body, {"region", step ? "by" : "drift_ppm"})) {
      return std::nullopt;
    }
    const std::optional<size_t> region = resolve_(*get(body, "region"), join(bpath, "region"));
    if (!region) return std::nullopt;
    event.region = *region;
    if (step) {
      const std::optional<sim::Duration> by = duration(*get(body, "by"), join(bpath, "by"), Sign::kAny);
      if (!by) return std::nullopt;
      event.kind = TimelineKind::kClockStep;
      event.clock_step = *by;
    } else {
      const Node& v = *get(body, "drift_ppm");
      const std::optional<double> ppm = number(v, join(bpath, "drift_ppm"));
      if (!ppm) return std::nullopt;
      if (std::fabs(*ppm) > 1e6) {
        error(v, join(bpath, "drift_ppm") + ": must be between -1000000 and 1000000, found " + v.text);
        return std::nullopt;
      }
      event.kind = TimelineKind::kClockDrift;
      event.drift_ppm = *ppm;
    }
    return event;
  }
  if (action == "create_index" || action == "delete_index") {
    event.kind = action == "create_index" ? TimelineKind::kCreateIndex : TimelineKind::kDeleteIndex;
    return index_event(body, bpath, event);
  }
  if (action == "enable_ttl" || action == "disable_ttl") {
    event.kind = action == "enable_ttl" ? TimelineKind::kEnableTtl : TimelineKind::kDisableTtl;
    return ttl_event(body, bpath, event);
  }
  if (action == "add_replica") return add_replica(body, bpath, event);
  if (action == "remove_replica") return remove_replica(body, bpath, event);
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
  const Node settings = without_keys(body, {"region"});
  CapacityConfig config = (*current)[*region];
  if (!capacity(settings, bpath, &config)) return std::nullopt;
  (*current)[*region] = config;
  event.region = *region;
  event.capacity = config;
  event.sets_write_units = get(settings, "write_units") != nullptr;
  event.sets_read_units = get(settings, "read_units") != nullptr;
  return event;
}

// create_index, delete_index: {region: R, name: NAME}. The name of a
// delete_index must be in table.indexes or created by some create_index.
std::optional<TimelineEvent> OperationsChecker::index_event(const Node& body, const std::string& bpath,
                                                            TimelineEvent event) {
  static const std::vector<std::string> kIndexKeys = {"region", "name"};
  if (!check_map(body, bpath, &kIndexKeys, kIndexKeys, "a map, e.g. {region: us-east-1, name: by_customer}") ||
      !has_all(body, {"region", "name"})) {
    return std::nullopt;
  }
  const std::optional<size_t> region = resolve_(*get(body, "region"), join(bpath, "region"));
  const Node& name = *get(body, "name");
  const std::string npath = join(bpath, "name");
  if (!name.is_scalar() || !is_index_name(name.text)) {
    mismatch(name, npath, kIndexNameExpected);
    return std::nullopt;
  }
  const std::vector<std::string>& names = scenario_->index_names;
  const auto it = std::find(names.begin(), names.end(), name.text);
  if (it == names.end()) {
    if (event.kind == TimelineKind::kCreateIndex) {  // left out by scan_index_names
      error(name, fmt::format("{}: at most {} index names in a scenario (table.indexes and create_index "
                              "together); '{}' would be one more",
                              npath, kIndexNamesMax, name.text));
    } else {
      error(name, npath + ": index '" + name.text + "' is not in table.indexes or created by a create_index" +
                      did_you_mean(name.text, names));
    }
    return std::nullopt;
  }
  if (!region) return std::nullopt;
  event.region = *region;
  event.index = static_cast<size_t>(it - names.begin());
  return event;
}

// enable_ttl, disable_ttl: a region name. Only items with an expiry
// (table.ttl) can be deleted by TTL.
std::optional<TimelineEvent> OperationsChecker::ttl_event(const Node& body, const std::string& bpath,
                                                          TimelineEvent event) {
  const std::optional<size_t> region = resolve_(body, bpath);
  if (!scenario_->table.ttl.items_expire) {
    error(body, bpath + ": items carry no expiry (the table has no 'ttl'), so TTL would delete nothing; "
                      "set table.ttl.item_lifetime");
    return std::nullopt;
  }
  if (!region) return std::nullopt;
  event.region = *region;
  return event;
}

// add_replica: {region: R, backfill_rate: N, migration: {read_units,
// write_units}}. R must have no replica at that time.
std::optional<TimelineEvent> OperationsChecker::add_replica(const Node& body, const std::string& bpath,
                                                           TimelineEvent event) {
  static const std::vector<std::string> kAddKeys = {"region", "backfill_rate", "migration"};
  static const std::vector<std::string> kMigrationKeys = {"read_units", "write_units"};
  if (!check_map(body, bpath, &kAddKeys, {"region"}, "a map, e.g. {region: eu-west-1, backfill_rate: 1000}") ||
      !has_all(body, {"region"})) {
    return std::nullopt;
  }
  event.kind = TimelineKind::kAddReplica;
  const std::string when = sim::format_duration(event.at);
  const Node& region_node = *get(body, "region");
  const std::optional<size_t> region = resolve_(region_node, join(bpath, "region"));
  bool ok = region.has_value();
  if (region && has_replica_[*region]) {
    error(region_node, fmt::format("{}: {} already has a replica at {}", bpath, region_node.text, when));
    ok = false;
  } else if (region && had_replica_[*region]) {
    error(region_node, fmt::format("{}: {} had a replica before {}; a region gets a replica at most once in a run "
                                   "(start it with 'replica: false' and add it once)",
                                   bpath, region_node.text, when));
    ok = false;
  }
  ReplicaAddConfig& config = event.replica;
  config.backfill_items_per_second = default_backfill_items_per_second(scenario_->table);
  if (const Node* v = get(body, "backfill_rate")) {
    const std::string rpath = join(bpath, "backfill_rate");
    const std::optional<double> rate = number(*v, rpath);
    if (!rate) {
      ok = false;
    } else if (!(*rate >= kBackfillRateMin)) {
      error(*v, rpath + ": must be at least 0.000001 items per second, found " + v->text);
      ok = false;
    } else {
      config.backfill_items_per_second = *rate;
    }
  }
  if (const Node* m = get(body, "migration")) {
    const std::string mpath = join(bpath, "migration");
    if (!check_map(*m, mpath, &kMigrationKeys, kMigrationKeys, "a map, e.g. {read_units: 1000, write_units: 1000}") ||
        !has_all(*m, {"read_units", "write_units"})) {
      ok = false;
    } else {
      const std::optional<int64_t> read = units(*get(*m, "read_units"), join(mpath, "read_units"), 1, kUnitsMax);
      const std::optional<int64_t> write = units(*get(*m, "write_units"), join(mpath, "write_units"), 1, kUnitsMax);
      if (read && write) {
        config.migration = MigrationConfig{true, *read, *write};
      } else {
        ok = false;
      }
    }
  }
  if (!ok) return std::nullopt;
  event.region = *region;
  has_replica_[*region] = true;
  had_replica_[*region] = true;
  return event;
}

// remove_replica: a region name, which must have a replica at that time and
// not the last one (a global table keeps at least one replica).
std::optional<TimelineEvent> OperationsChecker::remove_replica(const Node& body, const std::string& bpath,
                                                              TimelineEvent event) {
  const std::optional<size_t> region = resolve_(body, bpath);
  if (!region) return std::nullopt;
  const std::string when = sim::format_duration(event.at);
  if (!has_replica_[*region]) {
    error(body, fmt::format("{}: {} has no replica at {}", bpath, body.text, when));
    return std::nullopt;
  }
  if (std::count(has_replica_.begin(), has_replica_.end(), true) == 1) {
    error(body, fmt::format("{}: {} has the only replica at {}; a global table keeps at least one", bpath,
                            body.text, when));
    return std::nullopt;
  }
  event.kind = TimelineKind::kRemoveReplica;
  event.region = *region;
  has_replica_[*region] = false;
  return event;
}

std::vector<std::pair<size_t, size_t>> OperationsChecker::all_links_of(size_t region) const {
  std::vector<std::pair<size_t, size_t>> links;
  for (size_t other = 0; other < region_count_; ++other) {
    if (other == region) continue;
    links.emplace_back(region, other);
    links.emplace_back(other, region);
  }
  return links;
}

// The directed links a partition, isolation or heal names: {between: [a, b]}
// (both ways), {from: a, to: b} (one way), or, where `region_allowed`, a
// region name (every link to and from it) or `all` (every link).
bool OperationsChecker::links(const Node& n, const std::string& path, bool region_allowed,
                              std::vector<std::pair<size_t, size_t>>* out) {
  if (n.is_scalar() && region_allowed) {
    if (n.text == "all") {
      for (size_t from = 0; from < region_count_; ++from) {
        for (size_t to = 0; to < region_count_; ++to) {
          if (from != to) out->emplace_back(from, to);
        }
      }
      return true;
    }
    const std::optional<size_t> region = resolve_(n, path);
    if (!region) return false;
    *out = all_links_of(*region);
    return true;
  }
  static const std::vector<std::string> kKeys = {"between", "from", "to"};
  if (!check_map(n, path, &kKeys, {}, region_allowed ? "a region, 'all', or a map with 'between' or 'from' and 'to'"
                                                       : "a map with 'between' or 'from' and 'to'")) {
    return false;
  }
  const Node* between = get(n, "between");
  const Node* from = get(n, "from");
  const Node* to = get(n, "to");
  if (between != nullptr && (from != nullptr || to != nullptr)) {
    error(n, path + ": expected either 'between' or 'from' and 'to', not both");
    return false;
  }
  if (between != nullptr) {
    if (!between->is_sequence() || between->items.size() != 2) {
      mismatch(*between, join(path, "between"), "two region names");
      return false;
    }
    const std::optional<size_t> a = resolve_(*between->items[0], index(join(path, "between"), 0));
    const std::optional<size_t> b = resolve_(*between->items[1], index(join(path, "between"), 1));
    if (!a || !b) return false;
    if (*a == *b) {
      error(*between, join(path, "between") + ": expected two different regions, found '" + between->items[0]->text + "' twice");
      return false;
    }
    out->emplace_back(*a, *b);
    out->emplace_back(*b, *a);
    return true;
  }
  if (from == nullptr || to == nullptr) {
    error(n, "missing required key 'between' (or 'from' and 'to') in " + path);
    return false;
  }
  const std::optional<size_t> a = resolve_(*from, join(path, "from"));
  const std::optional<size_t> b = resolve_(*to, join(path, "to"));
  if (!a || !b) return false;
  if (*a == *b) {
    error(*to, join(path, "to") + ": expected two different regions, found '" + to->text + "' as both 'from' and 'to'");
    return false;
  }
  out->emplace_back(*a, *b);
  return true;
}

}  // namespace load
