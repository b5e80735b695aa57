// OperationsChecker: the scenario sections about capacity, client retries
// and the timeline of faults and operator actions (scenarios/README.md,
// "Capacity", "Retries", "Timeline"). Built on ValueChecker like the main
// section checker, which calls it; region names are resolved by a function
// the caller passes, so both report unknown regions the same way.
//
// The timeline is read in time order, tracking what each event changes so
// later ones are checked against it: each region's capacity (set_capacity
// overlays it), which regions have a replica (add_replica, remove_replica),
// and the index names (create_index appends new ones to
// Scenario::index_names). With settings_sync on, an administrative change
// made in one region is copied to every other region `delay` later.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/scenario_values.h"
#include "model/scenario.h"

namespace load {

// At most this many global secondary index names in a scenario (table.indexes
// and create_index together): a replica's indexes are a 64-bit set.
inline constexpr size_t kIndexNamesMax = 64;

// 3 to 255 letters, digits, '_' and '-'. DynamoDB also allows '.', left out
// because index names become segments of report paths.
bool is_index_name(std::string_view name);

// The default add_replica backfill rate in items per second: the service's
// quota of 10 TB per destination Region per day (research/dynamodb-facts.md
// section 5) over the table's mean item size (at most 400KB, the item limit).
double default_backfill_items_per_second(const model::TableConfig& table);

class OperationsChecker : public ValueChecker {
 public:
  using RegionResolver = std::function<std::optional<size_t>(const Node&, const std::string&)>;

  OperationsChecker(std::string file, std::vector<model::Diagnostic>* out, RegionResolver resolve)
      : ValueChecker(std::move(file), out), resolve_(std::move(resolve)) {}

  // `capacity:` at `path`, overlaid on *c (keys not given keep their value).
  bool capacity(const Node& n, const std::string& path, model::CapacityConfig* c);
  // `retry:` at `path`, overlaid on *r.
  bool retry(const Node& n, const std::string& path, model::RetryConfig* r);
  // A client group's `sessions:` (read-your-writes redirects).
  bool sessions(const Node& n, const std::string& path, model::SessionConfig* out);
  // `timeline:`: events sorted by time (stable). Capacity changes overlay the
  // region's settings as of that point in the timeline. REQUIRES:
  // s->index_names holds table.indexes and s->settings_sync is read; new
  // index names are appended to s->index_names in time order.
  void timeline(const Node& n, model::Scenario* s);

 private:
  bool auto_scaling(const Node& n, const std::string& path, model::AutoScalingConfig* a);
  std::optional<int64_t> units(const Node& n, const std::string& path, int64_t min, int64_t max);
  std::optional<model::TimelineEvent> timeline_event(const Node& n, const std::string& path,
                                                     std::vector<model::CapacityConfig>* current,
                                                     std::vector<model::TimelineEvent>* also);
  bool links(const Node& n, const std::string& path, bool region_allowed,
             std::vector<std::pair<size_t, size_t>>* out);
  std::vector<std::pair<size_t, size_t>> all_links_of(size_t region) const;
  std::optional<model::TimelineEvent> index_event(const Node& body, const std::string& bpath, model::TimelineEvent event);
  std::optional<model::TimelineEvent> ttl_event(const Node& body, const std::string& bpath, model::TimelineEvent event);
  std::optional<model::TimelineEvent> add_replica(const Node& body, const std::string& bpath, model::TimelineEvent event);
  std::optional<model::TimelineEvent> remove_replica(const Node& body, const std::string& bpath, model::TimelineEvent event);
  void scan_index_names(const Node& n, const std::vector<size_t>& order);

  RegionResolver resolve_;
  model::Scenario* scenario_ = nullptr;      // the scenario whose timeline is being read
  std::vector<bool> has_replica_;     // per region, as of the event being read
  std::vector<bool> had_replica_;     // per region: had one at the start or added since
  size_t region_count_ = 0;
  std::function<sim::LatencyModel(size_t, size_t)> latency_of_;
};

}  // namespace load
