#include "reports/timeline_marks.h"

#include <cmath>

#include <fmt/format.h>

namespace reports {
namespace {

std::string capacity_label(const model::CapacityConfig& c) {
  if (c.mode == model::CapacityMode::kOnDemand) return "on demand";
  return fmt::format("provisioned {} WCU, {} RCU", c.write_units, c.read_units);
}

// "us-east-1->eu-west-1, eu-west-1->us-east-1", or "N links" when there are many.
template <class Name>
std::string links_label(const model::TimelineEvent& e, const Name& name) {
  if (e.links.size() > 4) return fmt::format("{} links", e.links.size());
  std::string out;
  for (const auto& [from, to] : e.links) out += (out.empty() ? "" : ", ") + name(from) + "->" + name(to);
  return out;
}

// "outage of R", "endpoint outage of R (30% failing)", "R disabled", ...
std::string outage_label(const model::OutageConfig& o, const std::string& region) {
  if (o.cause == model::OutageCause::kRegionDisabled) return region + " disabled";
  if (o.cause == model::OutageCause::kKmsInaccessible) return region + "'s KMS key inaccessible";
  std::string label = o.scope == model::OutageScope::kFull
                          ? "outage of " + region
                          : fmt::format("{} outage of {}", model::outage_scope_name(o.scope), region);
  if (o.scope != model::OutageScope::kReplication && o.failing_fraction < 1.0) {
    label += fmt::format(" ({}% failing)", std::lround(o.failing_fraction * 100));
  }
  return label;
}

}  // namespace

std::vector<TimelineMark> timeline_marks(const model::Scenario& scenario) {
  std::vector<TimelineMark> marks;
  const auto name = [&](size_t region) {
    return region < scenario.regions.size() ? scenario.regions[region].name : std::string("?");
  };
  const auto index_name = [&](size_t index) {
    return index < scenario.index_names.size() ? scenario.index_names[index] : std::string("?");
  };
  for (const model::TimelineEvent& e : scenario.timeline) {
    std::string label;
    switch (e.kind) {
      case model::TimelineKind::kOutage:
        label = outage_label(e.outage, name(e.region));
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
      case model::TimelineKind::kCutLinks:
        label = "links cut: " + links_label(e, name);
        break;
      case model::TimelineKind::kRestoreLinks:
        label = "links restored: " + links_label(e, name);
        break;
      case model::TimelineKind::kSetLatency:
        label = "latency changed: " + links_label(e, name);
        break;
      case model::TimelineKind::kClockStep:
        label = name(e.region) + "'s clock steps by " + sim::format_duration(e.clock_step);
        break;
      case model::TimelineKind::kClockDrift:
        label = fmt::format("{}'s clock drifts {} ppm", name(e.region), e.drift_ppm);
        break;
      case model::TimelineKind::kCreateIndex:
        label = "index " + index_name(e.index) + " created in " + name(e.region);
        break;
      case model::TimelineKind::kDeleteIndex:
        label = "index " + index_name(e.index) + " deleted in " + name(e.region);
        break;
      case model::TimelineKind::kEnableTtl:
        label = "TTL enabled in " + name(e.region);
        break;
      case model::TimelineKind::kDisableTtl:
        label = "TTL disabled in " + name(e.region);
        break;
      case model::TimelineKind::kAddReplica:
        label = "replica added in " + name(e.region);
        break;
      case model::TimelineKind::kRemoveReplica:
        label = "replica removed in " + name(e.region);
        break;
    }
    if (e.synced) label += " (synced)";
    std::vector<std::pair<std::string, std::string>> links;
    for (const auto& [from, to] : e.links) links.emplace_back(name(from), name(to));
    marks.push_back(TimelineMark{e.at.ns(), std::move(label), e.kind, std::move(links)});
  }
  return marks;
}

}  // namespace reports
