#include "load/timeline_actions.h"

#include <algorithm>
#include <iterator>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

#include "load/table_section.h"
#include "load/timeline_section.h"

namespace load {

using model::CapacityConfig;
using model::MigrationConfig;
using model::OutageCause;
using model::OutageConfig;
using model::OutageScope;
using model::ReplicaAddConfig;
using model::TimelineEvent;
using model::TimelineKind;

namespace {

// As a client group's rate: below it the time between items overflows.
constexpr double kBackfillRateMin = 0.000001;

}  // namespace

namespace {

// The most a partial outage may slow the requests it serves.
constexpr double kLatencyMultiplierMax = 1000.0;

}  // namespace

// outage: a region name (a full outage until a `recover`), or {region,
// scope, failing, latency_multiplier, duration}; disable_region and
// kms_inaccessible: a region name or {region, duration}. Each may have a
// `failover` beside it: the traffic shift that follows.
std::optional<TimelineEvent> TimelineChecker::outage(const ActionInput& in) {
  std::optional<TimelineEvent> event = outage_shape(in);
  if (!event) return event;
  const Node* f = get(in.item, kFailoverKey);
  if (f == nullptr) return event;
  static const std::vector<std::string> kFailoverKeys = {"to", "after", "fraction"};
  const std::string fpath = join(in.path, kFailoverKey);
  if (!check_map(*f, fpath, &kFailoverKeys, {"to"}, "a map, e.g. {to: eu-west-1, after: 1m}") ||
      !has_all(*f, {"to"})) {
    return std::nullopt;
  }
  TimelineEvent shift;
  shift.kind = TimelineKind::kShiftTraffic;
  shift.region = event->region;
  const Node& to_node = *get(*f, "to");
  const std::optional<size_t> to = regions_->region_ref(to_node, join(fpath, "to"));
  if (!to) return std::nullopt;
  if (*to == event->region) {
    error(to_node, join(fpath, "to") + ": traffic must move to another region than the failed one, found '" +
                       to_node.text + "'");
    return std::nullopt;
  }
  shift.to_region = *to;
  sim::Duration after;
  if (const Node* v = get(*f, "after")) {
    const std::optional<sim::Duration> d = duration(*v, join(fpath, "after"), Sign::kNonNegative);
    if (!d) return std::nullopt;
    after = *d;
    if (event->at + after > scenario_->duration) {
      error(*v, fmt::format("{}: the traffic shift would come at {}, after the end of the run ({})",
                            join(fpath, "after"), sim::format_duration(event->at + after),
                            sim::format_duration(scenario_->duration)));
      return std::nullopt;
    }
  }
  shift.at = event->at + after;
  if (const Node* v = get(*f, "fraction")) {
    const std::optional<double> p = percentage(*v, join(fpath, "fraction"));
    if (!p) return std::nullopt;
    shift.fraction = *p / 100.0;
  }
  in.also->push_back(shift);
  return event;
}

// The region and shape of an outage, disable_region or kms_inaccessible,
// and the recovery its `duration` implies.
std::optional<TimelineEvent> TimelineChecker::outage_shape(const ActionInput& in) {
  const bool is_outage = in.action.action == TimelineAction::kOutage;
  TimelineEvent event = in.event;
  event.outage.cause = in.action.action == TimelineAction::kDisableRegion ? OutageCause::kRegionDisabled
                       : is_outage                                          ? OutageCause::kOutage
                                                                            : OutageCause::kKmsInaccessible;
  if (in.body.is_scalar()) {
    const std::optional<TimelineEvent> region = region_event(in);
    if (!region) return std::nullopt;
    event.region = region->region;
    return event;
  }
  static const std::vector<std::string> kOutageKeys = {"region", "scope", "failing", "latency_multiplier",
                                                       "duration"};
  static const std::vector<std::string> kOtherKeys = {"region", "duration"};
  const char* example = is_outage ? "a region, or a map, e.g. {region: us-east-1, scope: endpoint, duration: 2h}"
                                  : "a region, or a map, e.g. {region: us-east-1, duration: 21h}";
  if (!check_map(in.body, in.bpath, is_outage ? &kOutageKeys : &kOtherKeys, {"region"}, example) ||
      !has_all(in.body, {"region"})) {
    return std::nullopt;
  }
  const std::optional<size_t> region = regions_->region_ref(*get(in.body, "region"), join(in.bpath, "region"));
  bool ok = region.has_value() && outage_config(in, &event.outage);
  std::optional<sim::Duration> lasting;
  if (const Node* v = get(in.body, "duration")) {
    lasting = duration(*v, join(in.bpath, "duration"), Sign::kPositive);
    ok = ok && lasting.has_value();
  }
  if (!ok) return std::nullopt;
  event.region = *region;
  if (lasting) {
    TimelineEvent recover;
    recover.kind = TimelineKind::kRecover;
    recover.at = event.at + *lasting;
    recover.region = event.region;
    in.also->push_back(recover);
  }
  return event;
}

// An outage map's scope, failing share and latency multiplier into *config.
// False after reporting a problem.
bool TimelineChecker::outage_config(const ActionInput& in, OutageConfig* config) {
  static const std::vector<std::string> kScopes(std::begin(model::kOutageScopeNames),
                                                std::end(model::kOutageScopeNames));
  bool ok = true;
  const Node* scope = get(in.body, "scope");
  if (scope != nullptr) {
    const auto it = scope->is_scalar() ? std::find(kScopes.begin(), kScopes.end(), scope->text) : kScopes.end();
    if (it == kScopes.end()) {
      error(*scope, join(in.bpath, "scope") + ": expected 'full', 'endpoint' or 'replication', found " +
                        describe(*scope) + (scope->is_scalar() ? did_you_mean(scope->text, kScopes) : ""));
      return false;
    }
    config->scope = static_cast<OutageScope>(it - kScopes.begin());
  }
  const Node* failing = get(in.body, "failing");
  if (failing != nullptr) {
    const std::string fpath = join(in.bpath, "failing");
    if (config->scope == OutageScope::kReplication) {
      error(*failing, fpath + ": a replication outage fails no client request (its requests are served); "
                              "use scope 'full' or 'endpoint'");
      return false;
    }
    const std::optional<double> p = percentage(*failing, fpath);
    if (!p) return false;
    config->failing_fraction = *p / 100.0;
  }
  if (const Node* v = get(in.body, "latency_multiplier")) {
    const std::string mpath = join(in.bpath, "latency_multiplier");
    const std::optional<double> m = number(*v, mpath);
    if (!m) return false;
    if (*m < 1.0 || *m > kLatencyMultiplierMax) {
      error(*v, fmt::format("{}: must be from 1 to {}, found {}", mpath, kLatencyMultiplierMax, v->text));
      ok = false;
    } else if (config->scope != OutageScope::kReplication && config->failing_fraction >= 1.0) {
      error(*v, mpath + ": every request fails in this outage, so none is served slower; set 'failing' below 100%");
      ok = false;
    } else {
      config->latency_multiplier = *m;
    }
  }
  return ok;
}

// recover (and an outage's own region): a region name.
std::optional<TimelineEvent> TimelineChecker::region_event(const ActionInput& in) {
  const std::optional<size_t> region = regions_->region_ref(in.body, in.bpath);
  if (!region) return std::nullopt;
  TimelineEvent event = in.event;
  event.region = *region;
  return event;
}

// shift_traffic: {from: R, to: R2, fraction: P}.
std::optional<TimelineEvent> TimelineChecker::shift_traffic(const ActionInput& in) {
  static const std::vector<std::string> kShiftKeys = {"from", "to", "fraction"};
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!check_map(body, bpath, &kShiftKeys, {"from", "to"}, in.action.example) ||
      !has_all(body, {"from", "to"})) {
    return std::nullopt;
  }
  TimelineEvent event = in.event;
  const std::optional<size_t> from = regions_->region_ref(*get(body, "from"), join(bpath, "from"));
  const std::optional<size_t> to = regions_->region_ref(*get(body, "to"), join(bpath, "to"));
  if (!from || !to) return std::nullopt;
  if (*from == *to) {
    error(*get(body, "to"), join(bpath, "to") + ": traffic must move to another region than 'from', found '" +
                                get(body, "to")->text + "' as both");
    return std::nullopt;
  }
  event.region = *from;
  event.to_region = *to;
  if (const Node* v = get(body, "fraction")) {
    const std::optional<double> p = percentage(*v, join(bpath, "fraction"));
    if (!p) return std::nullopt;
    event.fraction = *p / 100.0;
  }
  return event;
}

// set_capacity: {region: R, <capacity keys>}, overlaid on the region's
// capacity as of the event.
std::optional<TimelineEvent> TimelineChecker::set_capacity(const ActionInput& in) {
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!body.is_map()) {
    mismatch(body, bpath, in.action.example);
    return std::nullopt;
  }
  const Node* region_node = get(body, "region");
  if (region_node == nullptr) {
    error(body, "missing required key 'region' in " + bpath);
    return std::nullopt;
  }
  const std::optional<size_t> region = regions_->region_ref(*region_node, join(bpath, "region"));
  if (!region) return std::nullopt;
  // The capacity keys, checked without 'region'.
  const Node settings = without_keys(body, {"region"});
  CapacityConfig config = current_[*region];
  if (!capacity_->capacity(settings, bpath, &config)) return std::nullopt;
  if (scenario_->version == model::GlobalTablesVersion::k2019_11_21 &&
      config.mode == model::CapacityMode::kProvisioned && !config.write_scaling.enabled) {
    error(body, bpath + ": " + kWriteAutoScaledMessage);
    return std::nullopt;
  }
  current_[*region] = config;
  TimelineEvent event = in.event;
  event.region = *region;
  event.capacity = config;
  event.sets_write_units = get(settings, "write_units") != nullptr;
  event.sets_read_units = get(settings, "read_units") != nullptr;
  return event;
}

// partition: {between: [a, b]} or {from: a, to: b}.
std::optional<TimelineEvent> TimelineChecker::links_between(const ActionInput& in) {
  TimelineEvent event = in.event;
  if (!links(in.body, in.bpath, false, in.action.example, &event.links)) return std::nullopt;
  return event;
}

// isolate, heal: a region, `all`, or the links of a partition.
std::optional<TimelineEvent> TimelineChecker::links_of(const ActionInput& in) {
  TimelineEvent event = in.event;
  if (!links(in.body, in.bpath, true, in.action.example, &event.links)) return std::nullopt;
  return event;
}

// degrade_link: the links of a partition, `latency` and `duration`; the end
// restores each direction's own latency (the scenario's).
std::optional<TimelineEvent> TimelineChecker::degrade_link(const ActionInput& in) {
  static const std::vector<std::string> kDegradeKeys = {"between", "from", "to", "latency", "duration"};
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!check_map(body, bpath, &kDegradeKeys, {"latency", "duration"}, in.action.example) ||
      !has_all(body, {"latency", "duration"})) {
    return std::nullopt;
  }
  const Node link_part = without_keys(body, {"latency", "duration"});
  const std::optional<sim::LatencyModel> degraded = latency(*get(body, "latency"), join(bpath, "latency"));
  const std::optional<sim::Duration> lasting = duration(*get(body, "duration"), join(bpath, "duration"), Sign::kPositive);
  TimelineEvent event = in.event;
  const std::string_view link_what = timeline_action(TimelineAction::kPartition).example;
  if (!links(link_part, bpath, false, link_what, &event.links) || !degraded || !lasting) return std::nullopt;
  event.latency = *degraded;
  for (const auto& [from, to] : event.links) {
    TimelineEvent restore;
    restore.kind = TimelineKind::kSetLatency;
    restore.at = event.at + *lasting;
    restore.links = {{from, to}};
    restore.latency = scenario_->one_way_latency.empty() ? sim::LatencyModel() : scenario_->latency(from, to);
    in.also->push_back(restore);
  }
  return event;
}

// pause_replication: {region: R, duration: D, takes_hold_after: H}.
// Replication into and out of the region stops once the pause takes hold
// and resumes where it stopped at the end (docs/sources.md, Failures and fault injection).
std::optional<TimelineEvent> TimelineChecker::pause_replication(const ActionInput& in) {
  static const std::vector<std::string> kPauseKeys = {"region", "duration", "takes_hold_after"};
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!check_map(body, bpath, &kPauseKeys, {"region", "duration"}, in.action.example) ||
      !has_all(body, {"region", "duration"})) {
    return std::nullopt;
  }
  const std::optional<size_t> region = regions_->region_ref(*get(body, "region"), join(bpath, "region"));
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
  pauses_.push_back(ImpairedSpan{in.event.at, in.event.at + *lasting, &body, bpath});
  TimelineEvent event = in.event;
  event.at = event.at + hold;
  event.links = all_links_of(*region);
  TimelineEvent resume;
  resume.kind = TimelineKind::kRestoreLinks;
  resume.at = event.at - hold + *lasting;
  resume.links = event.links;
  in.also->push_back(resume);
  return event;
}

// clock_step: {region: R, by: D}, D of either sign.
std::optional<TimelineEvent> TimelineChecker::clock_step(const ActionInput& in) {
  static const std::vector<std::string> kStepKeys = {"region", "by"};
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!check_map(body, bpath, &kStepKeys, kStepKeys, in.action.example) ||
      !has_all(body, {"region", "by"})) {
    return std::nullopt;
  }
  const std::optional<size_t> region = regions_->region_ref(*get(body, "region"), join(bpath, "region"));
  if (!region) return std::nullopt;
  const std::optional<sim::Duration> by = duration(*get(body, "by"), join(bpath, "by"), Sign::kAny);
  if (!by) return std::nullopt;
  TimelineEvent event = in.event;
  event.region = *region;
  event.clock_step = *by;
  return event;
}

// clock_drift: {region: R, drift_ppm: N}, |N| <= 1000000.
std::optional<TimelineEvent> TimelineChecker::clock_drift(const ActionInput& in) {
  static const std::vector<std::string> kDriftKeys = {"region", "drift_ppm"};
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!check_map(body, bpath, &kDriftKeys, kDriftKeys, in.action.example) ||
      !has_all(body, {"region", "drift_ppm"})) {
    return std::nullopt;
  }
  const std::optional<size_t> region = regions_->region_ref(*get(body, "region"), join(bpath, "region"));
  if (!region) return std::nullopt;
  const Node& v = *get(body, "drift_ppm");
  const std::optional<double> ppm = number(v, join(bpath, "drift_ppm"));
  if (!ppm) return std::nullopt;
  if (std::fabs(*ppm) > 1e6) {
    error(v, join(bpath, "drift_ppm") + ": must be between -1000000 and 1000000, found " + v.text);
    return std::nullopt;
  }
  TimelineEvent event = in.event;
  event.region = *region;
  event.drift_ppm = *ppm;
  return event;
}

// create_index, delete_index: {region: R, name: NAME}. The name of a
// delete_index must be in table.indexes or created by some create_index.
std::optional<TimelineEvent> TimelineChecker::index_event(const ActionInput& in) {
  static const std::vector<std::string> kIndexKeys = {"region", "name"};
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!check_map(body, bpath, &kIndexKeys, kIndexKeys, in.action.example) ||
      !has_all(body, {"region", "name"})) {
    return std::nullopt;
  }
  const std::optional<size_t> region = regions_->region_ref(*get(body, "region"), join(bpath, "region"));
  const Node& name = *get(body, "name");
  const std::string npath = join(bpath, "name");
  if (!name.is_scalar() || !is_index_name(name.text)) {
    mismatch(name, npath, kIndexNameExpected);
    return std::nullopt;
  }
  const std::vector<std::string>& names = scenario_->index_names;
  const auto it = std::find(names.begin(), names.end(), name.text);
  if (it == names.end()) {
    if (in.event.kind == TimelineKind::kCreateIndex) {  // left out by scan_index_names
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
  TimelineEvent event = in.event;
  event.region = *region;
  event.index = static_cast<size_t>(it - names.begin());
  return event;
}

// enable_ttl, disable_ttl: a region name. Only items with an expiry
// (table.ttl) can be deleted by TTL.
std::optional<TimelineEvent> TimelineChecker::ttl_event(const ActionInput& in) {
  const std::optional<size_t> region = regions_->region_ref(in.body, in.bpath);
  if (!scenario_->table.ttl.items_expire) {
    error(in.body, in.bpath + ": items carry no expiry (the table has no 'ttl'), so TTL would delete nothing; "
                              "set table.ttl.item_lifetime");
    return std::nullopt;
  }
  if (!region) return std::nullopt;
  TimelineEvent event = in.event;
  event.region = *region;
  return event;
}

// add_replica: {region: R, backfill_rate: N, migration: {read_units,
// write_units}}. R must have no replica at that time.
std::optional<TimelineEvent> TimelineChecker::add_replica(const ActionInput& in) {
  static const std::vector<std::string> kAddKeys = {"region", "backfill_rate", "migration"};
  static const std::vector<std::string> kMigrationKeys = {"read_units", "write_units"};
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  if (!check_map(body, bpath, &kAddKeys, {"region"}, in.action.example) ||
      !has_all(body, {"region"})) {
    return std::nullopt;
  }
  if (scenario_->consistency.strong()) {
    error(body, bpath + ": a table with multi_region_consistency: strong cannot add a replica once it is created "
                        "(its three regions are set when it is)");
    return std::nullopt;
  }
  TimelineEvent event = in.event;
  const std::string when = sim::format_duration(event.at);
  const Node& region_node = *get(body, "region");
  const std::optional<size_t> region = regions_->region_ref(region_node, join(bpath, "region"));
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
      const int64_t max = CapacityChecker::kUnitsMax;
      const std::optional<int64_t> read = capacity_->units(*get(*m, "read_units"), join(mpath, "read_units"), 1, max);
      const std::optional<int64_t> write = capacity_->units(*get(*m, "write_units"), join(mpath, "write_units"), 1, max);
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
std::optional<TimelineEvent> TimelineChecker::remove_replica(const ActionInput& in) {
  const Node& body = in.body;
  const std::string& bpath = in.bpath;
  const std::optional<size_t> region = regions_->region_ref(body, bpath);
  if (!region) return std::nullopt;
  if (scenario_->consistency.strong()) {
    error(body, fmt::format("{}: a table with multi_region_consistency: strong cannot remove {} (the service "
                            "removes only two participants at once, leaving a single-Region table, which is not "
                            "modelled)",
                            bpath, scenario_->consistency.is_witness(*region) ? "its witness" : "a single replica"));
    return std::nullopt;
  }
  const std::string when = sim::format_duration(in.event.at);
  if (!has_replica_[*region]) {
    error(body, fmt::format("{}: {} has no replica at {}", bpath, body.text, when));
    return std::nullopt;
  }
  if (std::count(has_replica_.begin(), has_replica_.end(), true) == 1) {
    error(body, fmt::format("{}: {} has the only replica at {}; a global table keeps at least one", bpath,
                            body.text, when));
    return std::nullopt;
  }
  TimelineEvent event = in.event;
  event.region = *region;
  has_replica_[*region] = false;
  return event;
}

namespace {

template <size_t N>
constexpr bool in_action_order(const TimelineActionRow (&rows)[N]) {
  for (size_t i = 0; i < N; ++i) {
    if (static_cast<size_t>(rows[i].action) != i) return false;
  }
  return N == static_cast<size_t>(TimelineAction::kCount);
}

}  // namespace

std::span<const TimelineActionRow> timeline_actions() {
  using A = TimelineAction;
  using K = TimelineKind;
  using C = TimelineChecker;
  constexpr std::string_view kLinks = "a map with 'between' or 'from' and 'to'";
  constexpr std::string_view kRegionOrLinks = "a region, 'all', or a map with 'between' or 'from' and 'to'";
  constexpr std::string_view kIndex = "a map, e.g. {region: us-east-1, name: by_customer}";
  static constexpr TimelineActionRow kRows[] = {
      {A::kOutage, "outage", K::kOutage, "", false, &C::outage},
      {A::kDisableRegion, "disable_region", K::kOutage, "", false, &C::outage},
      {A::kKmsInaccessible, "kms_inaccessible", K::kOutage, "", false, &C::outage},
      {A::kRecover, "recover", K::kRecover, "", false, &C::region_event},
      {A::kShiftTraffic, "shift_traffic", K::kShiftTraffic, "a map, e.g. {from: us-east-1, to: eu-west-1}", false,
       &C::shift_traffic},
      {A::kSetCapacity, "set_capacity", K::kSetCapacity, "a map with 'region' and capacity keys", true,
       &C::set_capacity},
      {A::kPartition, "partition", K::kCutLinks, kLinks, false, &C::links_between},
      {A::kIsolate, "isolate", K::kCutLinks, kRegionOrLinks, false, &C::links_of},
      {A::kHeal, "heal", K::kRestoreLinks, kRegionOrLinks, false, &C::links_of},
      {A::kDegradeLink, "degrade_link", K::kSetLatency, "a map, e.g. {between: [a, b], latency: 300ms, duration: 5m}",
       false, &C::degrade_link},
      {A::kPauseReplication, "pause_replication", K::kCutLinks,
       "a map, e.g. {region: eu-west-1, duration: 10m, takes_hold_after: 2m}", false, &C::pause_replication},
      {A::kClockStep, "clock_step", K::kClockStep, "a map, e.g. {region: eu-west-1, by: -500ms}", false,
       &C::clock_step},
      {A::kClockDrift, "clock_drift", K::kClockDrift, "a map, e.g. {region: eu-west-1, drift_ppm: 50}", false,
       &C::clock_drift},
      {A::kCreateIndex, "create_index", K::kCreateIndex, kIndex, true, &C::index_event},
      {A::kDeleteIndex, "delete_index", K::kDeleteIndex, kIndex, true, &C::index_event},
      {A::kEnableTtl, "enable_ttl", K::kEnableTtl, "", true, &C::ttl_event},
      {A::kDisableTtl, "disable_ttl", K::kDisableTtl, "", true, &C::ttl_event},
      {A::kAddReplica, "add_replica", K::kAddReplica, "a map, e.g. {region: eu-west-1, backfill_rate: 1000}", false,
       &C::add_replica},
      {A::kRemoveReplica, "remove_replica", K::kRemoveReplica, "", false, &C::remove_replica},
  };
  static_assert(in_action_order(kRows), "one row per TimelineAction, in enum order");
  return kRows;
}

const TimelineActionRow& timeline_action(TimelineAction action) {
  return timeline_actions()[static_cast<size_t>(action)];
}

const std::vector<std::string>& timeline_action_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const TimelineActionRow& row : timeline_actions()) out.emplace_back(row.name);
    return out;
  }();
  return names;
}

const std::vector<std::string>& timeline_event_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out = {"at"};
    for (const TimelineActionRow& row : timeline_actions()) {
      out.emplace_back(row.name);
      if (row.action == TimelineAction::kKmsInaccessible) out.emplace_back(kFailoverKey);
    }
    return out;
  }();
  return keys;
}

}  // namespace load
