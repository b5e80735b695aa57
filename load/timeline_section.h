// TimelineChecker: the scenario's `timeline` of faults and operator actions
// (scenarios/README.md, "Timeline"). Each event is a map with `at` and one
// action, read by that action's reader in the table of
// load/timeline_actions.h.
//
// The timeline is read in time order, tracking what each event changes so
// later ones are checked against it: each region's capacity (set_capacity
// overlays it), which regions have a replica (add_replica, remove_replica),
// and the index names (create_index appends new ones to
// Scenario::index_names). With settings_sync on, an administrative change
// made in one region is copied to every other region `delay` later. An
// action may expand into several primitive events (a failover is an outage
// and a later traffic shift); the timeline holds them sorted by time,
// stably. Reports every problem as a Diagnostic; never throws.
// Determinism: a pure function of the tree.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/capacity_section.h"
#include "load/consistency_section.h"
#include "load/region_section.h"
#include "load/scenario_values.h"
#include "load/timeline_actions.h"
#include "model/scenario.h"
#include "sim/time.h"

namespace load {

// The default add_replica backfill rate in items per second: the service's
// quota of 10 TB per destination Region per day (docs/sources.md,
// Replica lifecycle) over the table's mean item size (at most 400KB, the item limit).
double default_backfill_items_per_second(const model::TableConfig& table);

// What the reader of one action is given.
struct ActionInput {
  const TimelineActionRow& action;          // the action's row
  const Node& item;                         // the event's map: {at: ..., ACTION: body}
  const Node& body;                         // the action's value
  const std::string& path;                  // "timeline[i]"
  const std::string& bpath;                 // "timeline[i].ACTION"
  model::TimelineEvent event;               // its `at` and the action's kind
  std::vector<model::TimelineEvent>* also;  // more events the action expands into
};

class TimelineChecker : public ValueChecker {
 public:
  // Regions are named through *regions and capacity keys read by *capacity,
  // both of which must outlive this checker.
  TimelineChecker(std::string file, std::vector<model::Diagnostic>* out, RegionChecker* regions,
                  CapacityChecker* capacity)
      : ValueChecker(std::move(file), out), regions_(regions), capacity_(capacity) {}

  // `timeline:`: events sorted by time (stable). REQUIRES: s->regions with
  // their capacities, s->one_way_latency, s->index_names holding
  // table.indexes and s->settings_sync are read; new index names are
  // appended to s->index_names in time order.
  void timeline(const Node& n, model::Scenario* s);

  // The pause_replication events read, in file order: when each impairs
  // the table (the MRSC rules bound it, load/consistency_section.h).
  const std::vector<ImpairedSpan>& pauses() const { return pauses_; }

 private:
  // A set_capacity copied by settings_sync overlays the keys the operator
  // wrote on the region's capacity as of the copy's own time (under
  // 2019.11.21 only their per-replica part: the service synchronized the rest).
  struct SyncedCapacity {
    sim::Duration at;
    size_t event;       // its position in events_
    Node settings;      // the capacity keys written
    std::string path;   // for messages: which event, copied where and when
    bool per_replica_only;
  };

  std::vector<size_t> time_order(const Node& n, std::vector<sim::Duration>* at);
  void start(model::Scenario* s);
  void scan_index_names(const Node& n, const std::vector<size_t>& order);
  void timeline_event(const Node& n, const std::string& path);
  const TimelineActionRow* one_action(const Node& n, const std::string& path);
  void add_event(const ActionInput& in, const model::TimelineEvent& event);
  void copy_write_settings(const model::TimelineEvent& event);
  void overlay_until(sim::Duration until);
  bool links(const Node& n, const std::string& path, bool region_allowed, std::string_view what,
             std::vector<std::pair<size_t, size_t>>* out);
  std::vector<std::pair<size_t, size_t>> all_links_of(size_t region) const;

  // The readers of the actions, named by their rows (load/timeline_actions.h):
  // each returns the event read, appending any more it expands into to
  // in.also, or nullopt after reporting.
  friend std::span<const TimelineActionRow> timeline_actions();
  std::optional<model::TimelineEvent> outage(const ActionInput& in);
  std::optional<model::TimelineEvent> outage_shape(const ActionInput& in);
  bool outage_config(const ActionInput& in, model::OutageConfig* config);
  std::optional<model::TimelineEvent> region_event(const ActionInput& in);
  std::optional<model::TimelineEvent> shift_traffic(const ActionInput& in);
  std::optional<model::TimelineEvent> set_capacity(const ActionInput& in);
  std::optional<model::TimelineEvent> links_between(const ActionInput& in);
  std::optional<model::TimelineEvent> links_of(const ActionInput& in);
  std::optional<model::TimelineEvent> degrade_link(const ActionInput& in);
  std::optional<model::TimelineEvent> pause_replication(const ActionInput& in);
  std::optional<model::TimelineEvent> clock_step(const ActionInput& in);
  std::optional<model::TimelineEvent> clock_drift(const ActionInput& in);
  std::optional<model::TimelineEvent> index_event(const ActionInput& in);
  std::optional<model::TimelineEvent> ttl_event(const ActionInput& in);
  std::optional<model::TimelineEvent> add_replica(const ActionInput& in);
  std::optional<model::TimelineEvent> remove_replica(const ActionInput& in);

  RegionChecker* regions_;
  CapacityChecker* capacity_;
  model::Scenario* scenario_ = nullptr;      // the scenario whose timeline is being read
  std::vector<bool> has_replica_;            // per region, as of the event being read
  std::vector<bool> had_replica_;            // per region: had one at the start or added since
  std::vector<model::CapacityConfig> current_;  // per region, as of the event being read
  size_t region_count_ = 0;
  std::vector<model::TimelineEvent> events_;    // read so far, in reading order
  std::vector<SyncedCapacity> pending_;         // synced set_capacity copies not yet overlaid
  std::vector<ImpairedSpan> pauses_;            // pause_replication events read
};

}  // namespace load
