#include "reports/timeline_marks.h"

#include <cmath>

#include <fmt/format.h>

namespace reports {
namespace {

std::string capacity_label(const model::CapacityConfig& c) {
  if (c.mode == model::CapacityMode::kOnDemand) return "on demand";
  return fmt::format("provisioned {} WCU, {} RCU", c.write_units, c.read_units);
}

}  // namespace

std::vector<TimelineMark> timeline_marks(const model::Scenario& scenario) {
  std::vector<TimelineMark> marks;
  const auto name = [&](size_t region) {
    return region < scenario.regions.size() ? scenario.regions[region].name : std::string("?");
  };
  for (const model::TimelineEvent& e : scenario.timeline) {
    std::string label;
    switch (e.kind) {
      case model::TimelineKind::kOutage:
        label = "outage of " + name(e.region);
        break;
      case model::TimelineKind::kRecover:
        label = name(e.region) + " recovers";
        break;
      case model::TimelineKind::kShiftTraffic:
        label = fmt::format("{}% of {}'s traffic to {}", std::lround(e.fraction * 100), name(e.region),
                            name(e.to_region));
        break;
      case model::TimelineKind::kSetCapacity:
        label = name(e.region) + " set to " + capacity_label(e.capacity);
        break;
      default:
        label = "timeline event in " + name(e.region);
        break;
    }
    marks.push_back(TimelineMark{e.at.ns(), std::move(label)});
  }
  return marks;
}

}  // namespace reports
