#include "model/run_recorder.h"

#include <algorithm>

#include <fmt/format.h>

namespace model {
namespace {

std::string dimension_value(const char* unit, int64_t units, const AutoScalingConfig& scaling) {
  if (!scaling.enabled) return fmt::format("{} {}", units, unit);
  return fmt::format("{} auto scaling {}-{} at {}%", unit, scaling.min_units, scaling.max_units,
                     scaling.target_percent);
}

// A capacity setting as the drift report shows it. Auto scaling's current
// units float per replica by design and are not a setting (docs/design.md).
std::string capacity_value(const CapacityConfig& c) {
  if (c.mode == CapacityMode::kOnDemand) {
    return fmt::format("on demand, max {} WRU / {} RRU", c.table_max_write_units, c.table_max_read_units);
  }
  return "provisioned, " + dimension_value("WCU", c.write_units, c.write_scaling) + ", " +
         dimension_value("RCU", c.read_units, c.read_scaling);
}

SessionResult session_result(const std::vector<std::string>& region_names, size_t region,
                             const ClientGroupConfig& group) {
  SessionResult session;
  session.region = region_names[region];
  session.group = group.name;
  session.read_region = region_names[group.sessions.read_region];
  for (const sim::Duration delay : group.sessions.delays) session.delay_ns.push_back(delay.ns());
  session.reads.assign(group.sessions.delays.size(), 0);
  session.violations.assign(group.sessions.delays.size(), 0);
  return session;
}

size_t group_count(const Scenario& scenario) {
  size_t groups = 0;
  for (const std::vector<ClientGroupConfig>& region : scenario.workload) groups += region.size();
  return groups;
}

TimelineResult timeline_result(const std::vector<std::string>& region_names, const TimelineEvent& event) {
  TimelineResult result;
  result.at_ns = event.at.ns();
  result.kind = event.kind;
  const bool links = event.kind == TimelineKind::kCutLinks || event.kind == TimelineKind::kRestoreLinks ||
                     event.kind == TimelineKind::kSetLatency;
  if (!links) result.region = region_names[event.region];
  result.synced = event.synced;
  return result;
}

}  // namespace

RunRecorder::RunRecorder(const Scenario& scenario, const std::vector<std::string>& region_names)
    : region_count_(region_names.size()),
      index_count_(scenario.index_names.size()),
      metrics_(region_names),
      latency_(region_names.size(), group_count(scenario), scenario.timeline.size()),
      drift_(region_names),
      conflicts_(region_names) {
  result_.scenario_name = scenario.name;
  result_.scenario_description = scenario.description;
  result_.scenario_file = scenario.file;
  result_.seed = scenario.seed;
  result_.duration_ns = scenario.duration.ns();
  result_.regions = region_names;
  result_.pricing = scenario.pricing;
  for (size_t r = 0; r < region_count_; ++r) {
    result_.region_results.emplace_back();
    result_.region_results.back().name = region_names[r];
  }
  for (size_t from = 0; from < region_count_; ++from) {
    for (size_t to = 0; to < region_count_; ++to) {
      if (from != to) result_.pairs.push_back(PairResult{region_names[from], region_names[to], 0, {}});
    }
  }
  for (size_t r = 0; r < region_count_; ++r) {
    for (const ClientGroupConfig& group : scenario.workload[r]) {
      if (group.sessions.enabled) result_.sessions.push_back(session_result(region_names, r, group));
      ClientGroupResult client_group;
      client_group.region = region_names[r];
      client_group.name = group.name;
      result_.client_groups.push_back(std::move(client_group));
    }
  }
  for (const TimelineEvent& event : scenario.timeline) result_.timeline.push_back(timeline_result(region_names, event));
  const std::vector<std::string> names = drift_setting_names(scenario.index_names);
  capacity_setting_ = drift_.add_setting(names[0], DriftCostUnit::kThrottleEvents);
  ttl_setting_ = drift_.add_setting(names[1], DriftCostUnit::kReplicatedWriteUnits);
  first_index_setting_ = ttl_setting_ + 1;
  for (size_t i = 2; i < names.size(); ++i) drift_.add_setting(names[i], DriftCostUnit::kQueriesRefused);
  drift_.set_sync(scenario.settings_sync.enabled, scenario.settings_sync.delay.ns());
}

void RunRecorder::note_settings(size_t region, const ReplicaSettings& settings, sim::Instant now) {
  const bool in_group = settings.in_group;
  const auto value = [&](const char* text) { return in_group ? std::string(text) : std::string(); };
  drift_.set(capacity_setting_, region, in_group ? capacity_value(*settings.capacity) : std::string(), now);
  drift_.set(ttl_setting_, region, value(settings.ttl_enabled ? "enabled" : "disabled"), now);
  for (size_t i = 0; i < index_count_; ++i) {
    drift_.set(first_index_setting_ + i, region, value((settings.indexes >> i) & 1 ? "present" : "absent"), now);
  }
}

size_t RunRecorder::add_outage(const OutageResult& outage) {
  result_.outages.push_back(outage);
  return result_.outages.size() - 1;
}

size_t RunRecorder::add_replica_change(const ReplicaChange& change) {
  result_.replica_changes.push_back(change);
  return result_.replica_changes.size() - 1;
}

RunResult RunRecorder::finish(sim::Instant now, uint64_t events) {
  const auto closed_s = static_cast<int64_t>(seconds_closed_);
  if (closed_s > 0 && closed_s % step_at(kPerMinuteResolution, closed_s - 1) != 0) {
    metrics_.end_minute();
    latency_.end_minute();
  }
  result_.series_seconds = closed_s;
  metrics_.finish(result_);
  latency_.finish(now.ns(), result_);
  result_.stop.at_ns = now.ns();
  result_.events = events;
  result_.drift = drift_.result();
  result_.conflicts = conflicts_.result();
  for (size_t r = 0; r < region_count_; ++r) result_.region_results[r].clobbered_writes = conflicts_.clobbered_from(r);
  ConvergenceResult& convergence = result_.convergence;
  convergence.last_write_ns = last_write_ns_;
  convergence.drained_ns = std::max(last_apply_ns_, last_write_ns_);
  convergence.drain_ns = convergence.drained_ns - last_write_ns_;
  return std::move(result_);
}

}  // namespace model
