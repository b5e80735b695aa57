#include "load/timeline_section.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "load/table_section.h"

namespace load {

using model::CapacityConfig;
using model::RegionConfig;
using model::Scenario;
using model::SettingsSyncConfig;
using model::TableConfig;
using model::TimelineEvent;
using model::TimelineKind;

double default_backfill_items_per_second(const TableConfig& table) {
  constexpr double kBytesPerDay = 1e13;  // 10 TB
  constexpr double kItemBytesMax = 400.0 * 1024.0;
  const double mean = table.item_size_bytes.mean();
  const double item_bytes = std::isfinite(mean) ? std::clamp(mean, 1.0, kItemBytesMax) : kItemBytesMax;
  return kBytesPerDay / 86400.0 / item_bytes;
}

void TimelineChecker::timeline(const Node& n, Scenario* s) {
  if (!n.is_sequence()) {
    mismatch(n, "timeline", "a sequence of events");
    return;
  }
  // Events are read in time order so capacity changes overlay what was set before.
  std::vector<sim::Duration> at;
  const std::vector<size_t> order = time_order(n, &at);
  start(s);
  scan_index_names(n, order);
  for (const size_t i : order) {
    overlay_until(at[i]);
    timeline_event(*n.items[i], index("timeline", i));
  }
  overlay_until(sim::Duration::max());
  std::stable_sort(events_.begin(), events_.end(),
                   [](const TimelineEvent& a, const TimelineEvent& b) { return a.at < b.at; });
  s->timeline = std::move(events_);
  events_.clear();
}

// The events' positions in order of `at` (stable); *at gets each one's
// time, or Duration::max() when it has none to read.
std::vector<size_t> TimelineChecker::time_order(const Node& n, std::vector<sim::Duration>* at) {
  std::vector<size_t> order(n.items.size());
  at->assign(n.items.size(), sim::Duration::max());
  for (size_t i = 0; i < n.items.size(); ++i) {
    order[i] = i;
    const Node& item = *n.items[i];
    if (!item.is_map()) continue;
    if (const Node* v = get(item, "at")) {
      std::vector<model::Diagnostic> ignored;  // reported when the event itself is read
      ValueChecker quiet(file(), &ignored);
      if (auto d = quiet.duration(*v, "", Sign::kNonNegative)) (*at)[i] = *d;
    }
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return (*at)[a] < (*at)[b]; });
  return order;
}

// The state the events are checked against, as of the start of the run.
void TimelineChecker::start(Scenario* s) {
  scenario_ = s;
  region_count_ = s->regions.size();
  current_.clear();
  has_replica_.clear();
  for (const RegionConfig& region : s->regions) {
    current_.push_back(region.capacity);
    has_replica_.push_back(region.replica);
  }
  had_replica_ = has_replica_;
  events_.clear();
  pending_.clear();
  pauses_.clear();
}

// Keeps an event its action read. An administrative change needs a
// replica to change, and is copied: under 2019.11.21 the service copies a
// set_capacity's synchronized settings to every other region at once (an
// index or TTL change is the table's: the World applies it everywhere);
// settings_sync copies, `delay` later, what the service does not: every
// change under 2017.11.29, a set_capacity's per-replica settings under
// 2019.11.21 (settings_sync's copies may go anywhere).
void TimelineChecker::add_event(const ActionInput& in, const TimelineEvent& event) {
  const bool administrative = in.action.synchronized;
  if (administrative && !has_replica_[event.region]) {
    error(in.body, fmt::format("{}: {} has no replica at {}", in.bpath, scenario_->regions[event.region].name,
                               sim::format_duration(event.at)));
    return;
  }
  events_.push_back(event);
  if (!administrative) return;
  const bool table_settings = scenario_->version == model::GlobalTablesVersion::k2019_11_21;
  const bool capacity = event.kind == TimelineKind::kSetCapacity;
  if (table_settings && capacity) copy_write_settings(event);
  const SettingsSyncConfig& sync = scenario_->settings_sync;
  if (!sync.enabled || (table_settings && !capacity)) return;
  for (size_t r = 0; r < region_count_; ++r) {
    if (r == event.region) continue;
    TimelineEvent copy = event;
    copy.region = r;
    copy.at = event.at + sync.delay;
    copy.synced = true;
    if (capacity) {
      pending_.push_back({copy.at, events_.size(), without_keys(in.body, {"region"}),
                          fmt::format("{} (copied by settings_sync to {} at {})", in.bpath,
                                      scenario_->regions[r].name, sim::format_duration(copy.at)),
                          table_settings});
    }
    events_.push_back(copy);
  }
}

// Version 2019.11.21: the synchronized settings of a set_capacity (mode,
// write units, write auto scaling, on-demand write throughput) reach every
// other replica at once; its read settings stay where they were made.
void TimelineChecker::copy_write_settings(const TimelineEvent& event) {
  for (size_t r = 0; r < region_count_; ++r) {
    if (r == event.region) continue;
    copy_synchronized(current_[event.region], &current_[r]);
    TimelineEvent copy = event;
    copy.region = r;
    copy.synced = true;
    copy.capacity = current_[r];
    copy.sets_read_units = false;
    events_.push_back(copy);
  }
}

// Overlays the synced set_capacity copies due by `until` on their regions.
void TimelineChecker::overlay_until(sim::Duration until) {
  std::stable_sort(pending_.begin(), pending_.end(),
                   [](const SyncedCapacity& a, const SyncedCapacity& b) { return a.at < b.at; });
  size_t done = 0;
  for (; done < pending_.size() && pending_[done].at <= until; ++done) {
    TimelineEvent& copy = events_[pending_[done].event];
    // The keys were valid for the operator's region; with this region's
    // other settings they may not be (auto scaling's min above max).
    if (pending_[done].per_replica_only) {
      CapacityConfig changed = current_[copy.region];
      capacity_->capacity(pending_[done].settings, pending_[done].path, &changed);
      copy_per_replica(changed, &current_[copy.region]);
      copy.sets_write_units = false;
    } else {
      capacity_->capacity(pending_[done].settings, pending_[done].path, &current_[copy.region]);
    }
    copy.capacity = current_[copy.region];
  }
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(done));
}

// Appends to index_names the new names of the create_index events, in time
// order, so that a delete_index or a client group may name an index created
// later in the file. Names past kIndexNamesMax, and malformed ones, are left
// for the event's own reading to report.
void TimelineChecker::scan_index_names(const Node& n, const std::vector<size_t>& order) {
  std::vector<std::string>& names = scenario_->index_names;
  for (const size_t i : order) {
    const Node& item = *n.items[i];
    const Node* body = item.is_map() ? get(item, timeline_action(TimelineAction::kCreateIndex).name) : nullptr;
    const Node* name = body != nullptr && body->is_map() ? get(*body, "name") : nullptr;
    if (name == nullptr || !name->is_scalar() || !is_index_name(name->text)) continue;
    if (std::find(names.begin(), names.end(), name->text) != names.end()) continue;
    if (names.size() < kIndexNamesMax) names.push_back(name->text);
  }
}

// Reads the event map at `path`, `at` and its one action, and keeps what
// the action's reader read.
void TimelineChecker::timeline_event(const Node& n, const std::string& path) {
  if (!check_map(n, path, &timeline_event_keys(), {"at"}, "an event map, e.g. {at: 10m, outage: us-east-1}") ||
      !has_all(n, {"at"})) {
    return;
  }
  const Node& at = *get(n, "at");
  std::optional<sim::Duration> when = duration(at, join(path, "at"), Sign::kNonNegative);
  if (when && *when > scenario_->duration) {
    error(at, fmt::format("{}: {} is after the end of the run (duration {})", join(path, "at"),
                          sim::format_duration(*when), sim::format_duration(scenario_->duration)));
    when.reset();
  }
  const TimelineActionRow* action = one_action(n, path);
  if (action == nullptr || !when) return;
  TimelineEvent event;
  event.kind = action->kind;
  event.at = *when;
  std::vector<TimelineEvent> also;
  const std::string bpath = join(path, action->name);
  const ActionInput in{*action, n, *get(n, action->name), path, bpath, event, &also};
  if (const std::optional<TimelineEvent> read = (this->*action->reader)(in)) add_event(in, *read);
  events_.insert(events_.end(), also.begin(), also.end());
}

// The one action of event map n, or null after reporting none, several, or
// a failover beside another action than an outage.
const TimelineActionRow* TimelineChecker::one_action(const Node& n, const std::string& path) {
  const TimelineActionRow* action = nullptr;
  std::vector<std::string> found;
  for (const TimelineActionRow& row : timeline_actions()) {
    if (get(n, row.name) == nullptr) continue;
    action = &row;
    found.emplace_back(row.name);
  }
  if (found.size() != 1) {
    error(n, found.empty() ? path + ": expected one action: " + quoted_list(timeline_action_names())
                           : path + ": expected one action, found " + quoted_list(found));
    return nullptr;
  }
  const Node* failover = get(n, kFailoverKey);
  if (failover != nullptr && action->kind != model::TimelineKind::kOutage) {
    error(*failover, join(path, kFailoverKey) + ": only an outage, disable_region or kms_inaccessible can have a "
                                                "failover");
    return nullptr;
  }
  return action;
}

std::vector<std::pair<size_t, size_t>> TimelineChecker::all_links_of(size_t region) const {
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
// `what` says what else was expected.
bool TimelineChecker::links(const Node& n, const std::string& path, bool region_allowed, std::string_view what,
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
    const std::optional<size_t> region = regions_->region_ref(n, path);
    if (!region) return false;
    *out = all_links_of(*region);
    return true;
  }
  static const std::vector<std::string> kKeys = {"between", "from", "to"};
  if (!check_map(n, path, &kKeys, {}, what)) {
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
    const std::optional<size_t> a = regions_->region_ref(*between->items[0], index(join(path, "between"), 0));
    const std::optional<size_t> b = regions_->region_ref(*between->items[1], index(join(path, "between"), 1));
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
  const std::optional<size_t> a = regions_->region_ref(*from, join(path, "from"));
  const std::optional<size_t> b = regions_->region_ref(*to, join(path, "to"));
  if (!a || !b) return false;
  if (*a == *b) {
    error(*to, join(path, "to") + ": expected two different regions, found '" + to->text + "' as both 'from' and 'to'");
    return false;
  }
  out->emplace_back(*a, *b);
  return true;
}

}  // namespace load
