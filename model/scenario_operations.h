// OperationsChecker: the scenario sections about capacity, client retries
// and the timeline of faults and operator actions (scenarios/README.md,
// "Capacity", "Retries", "Timeline"). Built on ValueChecker like the main
// section checker, which calls it; region names are resolved by a function
// the caller passes, so both report unknown regions the same way.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "model/scenario_values.h"

namespace model {

class OperationsChecker : public ValueChecker {
 public:
  using RegionResolver = std::function<std::optional<size_t>(const Node&, const std::string&)>;

  OperationsChecker(std::string file, std::vector<Diagnostic>* out, RegionResolver resolve)
      : ValueChecker(std::move(file), out), resolve_(std::move(resolve)) {}

  // `capacity:` at `path`, overlaid on *c (keys not given keep their value).
  bool capacity(const Node& n, const std::string& path, CapacityConfig* c);
  // `retry:` at `path`, overlaid on *r.
  bool retry(const Node& n, const std::string& path, RetryConfig* r);
  // A client group's `sessions:` (read-your-writes redirects).
  bool sessions(const Node& n, const std::string& path, SessionConfig* out);
  // `timeline:`: events sorted by time (stable). Capacity changes overlay the
  // region's settings as of that point in the timeline.
  void timeline(const Node& n, Scenario* s);

 private:
  bool auto_scaling(const Node& n, const std::string& path, AutoScalingConfig* a);
  std::optional<int64_t> units(const Node& n, const std::string& path, int64_t min, int64_t max);
  std::optional<TimelineEvent> timeline_event(const Node& n, const std::string& path,
                                              std::vector<CapacityConfig>* current, std::vector<TimelineEvent>* also);
  bool links(const Node& n, const std::string& path, bool region_allowed,
             std::vector<std::pair<size_t, size_t>>* out);
  std::vector<std::pair<size_t, size_t>> all_links_of(size_t region) const;

  RegionResolver resolve_;
  size_t region_count_ = 0;
  std::function<sim::LatencyModel(size_t, size_t)> latency_of_;
};

}  // namespace model
