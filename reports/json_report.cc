#include "reports/json_report.h"

#include <algorithm>
#include <variant>
#include <vector>

#include "model/series_resolution.h"
#include "reports/cost_report.h"
#include "reports/json_writer.h"
#include "reports/report_fields.h"
#include "reports/result_words.h"

namespace reports {

namespace {

// Writes one record's fields into the object open in a JsonWriter, opening
// and closing the nested objects that their dotted keys name.
class FieldWriter {
 public:
  explicit FieldWriter(JsonWriter* json) : json_(json) {}

  void write(std::string_view key, const FieldValue& value) {
    std::vector<std::string_view> path;  // the key's nested objects, then its own name
    for (size_t start = 0;;) {
      const size_t dot = key.find('.', start);
      path.push_back(key.substr(start, dot == std::string_view::npos ? dot : dot - start));
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    size_t common = 0;
    while (common < open_.size() && common + 1 < path.size() && open_[common] == path[common]) ++common;
    close_to(common);
    for (size_t i = common; i + 1 < path.size(); ++i) {
      json_->key(path[i]);
      json_->begin_object();
      open_.push_back(path[i]);
    }
    json_->key(path.back());
    std::visit([this](const auto& v) { json_->value(v); }, value);
  }

  // Closes the nested objects still open.
  void close() { close_to(0); }

 private:
  void close_to(size_t depth) {
    for (; open_.size() > depth; open_.pop_back()) json_->end_object();
  }

  JsonWriter* json_;
  std::vector<std::string_view> open_;  // outermost first
};

template <class Record>
void write_fields(JsonWriter& json, std::span<const Field<Record>> fields, const Record& record) {
  FieldWriter writer(&json);
  for (const Field<Record>& field : fields) writer.write(field.key, field.value(record));
  writer.close();
}

// The scenario, and how the run ended: a run stopped by a guard reports
// what it had.
void write_scenario(JsonWriter& json, const model::RunResult& result) {
  json.key("scenario");
  json.begin_object();
  json.field("name", result.scenario_name);
  if (!result.scenario_description.empty()) json.field("description", result.scenario_description);
  json.field("seed", result.seed);
  json.field("duration_ns", result.duration_ns);
  json.key("regions");
  json.begin_array();
  for (const std::string& region : result.regions) json.value(region);
  json.end_array();
  json.end_object();

  json.key("run");
  json.begin_object();
  json.field("stop", stop_word(result.stop.reason));
  json.field("stopped_at_ns", result.stop.at_ns);
  json.end_object();
}

// The regions, then the replication pairs with their visibility buckets.
void write_regions(JsonWriter& json, const model::RunResult& result) {
  json.key("regions");
  json.begin_array();
  for (const model::RegionResult& region : result.region_results) {
    json.begin_object();
    write_fields(json, region_fields(), region);
    json.end_object();
  }
  json.end_array();

  json.key("replication");
  json.begin_array();
  for (const model::PairResult& pair : result.pairs) {
    json.begin_object();
    write_fields(json, pair_fields(), pair);
    json.key("visibility");
    json.begin_array();
    for (size_t i = 0; i < model::kVisibilityBuckets; ++i) {
      json.begin_object();
      json.field("age_from_ns", model::kVisibilityGridNs[i]);
      json.field("reads", pair.visibility_reads[i]);
      json.field("seen", pair.visibility_seen[i]);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
}

void write_summary(JsonWriter& json, const model::WriteSummary& write) {
  json.begin_object();
  json.field("id", write.id);
  json.field("region", write.region);
  json.field("op", model::operation_name(write.op));
  json.field("issued_ns", write.issued_ns);
  json.field("timestamp_ns", write.timestamp_ns);
  json.end_object();
}

void write_examples(JsonWriter& json, std::string_view name,
                    const std::vector<model::ConflictExample>& examples) {
  json.key(name);
  json.begin_array();
  for (const model::ConflictExample& example : examples) {
    json.begin_object();
    json.field("key", example.key);
    json.field("replica", example.replica);
    json.field("at_ns", example.at_ns);
    json.key("loser");
    write_summary(json, example.loser);
    json.key("winner");
    write_summary(json, example.winner);
    json.end_object();
  }
  json.end_array();
}

void write_conflicts(JsonWriter& json, const model::ConflictResult& conflicts) {
  json.key("conflicts");
  json.begin_object();
  write_fields(json, conflict_fields(), conflicts);
  json.key("examples");
  json.begin_object();
  write_examples(json, "concurrent", conflicts.concurrent_examples);
  write_examples(json, "clobbered", conflicts.clobbered_examples);
  write_examples(json, "skew_inversions", conflicts.skew_inversion_examples);
  write_examples(json, "causal_inversions", conflicts.causal_inversion_examples);
  json.end_object();
  json.end_object();
}

// The throttling windows, scaling actions and outages: one object per
// record, its rows as reports/report_fields.h gives them.
template <class Record>
void write_records(JsonWriter& json, std::string_view name, std::span<const Field<Record>> fields,
                   const std::vector<Record>& records) {
  json.key(name);
  json.begin_array();
  for (const Record& record : records) {
    json.begin_object();
    write_fields(json, fields, record);
    json.end_object();
  }
  json.end_array();
}

void write_capacity_events(JsonWriter& json, const model::RunResult& result) {
  write_records(json, "throttle_windows", throttle_window_fields(), result.throttle_windows);
  write_records(json, "scaling_actions", scaling_action_fields(), result.scaling_actions);
  write_records(json, "outages", outage_fields(), result.outages);
}

void write_sessions(JsonWriter& json, const std::vector<model::SessionResult>& sessions) {
  json.key("sessions");
  json.begin_array();
  for (const model::SessionResult& session : sessions) {
    json.begin_object();
    json.field("region", session.region);
    json.field("group", session.group);
    json.field("read_region", session.read_region);
    json.key("by_delay");
    json.begin_array();
    for (size_t i = 0; i < session.delay_ns.size(); ++i) {
      json.begin_object();
      json.field("delay_ns", session.delay_ns[i]);
      json.field("reads", session.reads[i]);
      json.field("violations", session.violations[i]);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
}

void write_drift(JsonWriter& json, const model::DriftResult& drift) {
  json.key("drift");
  json.begin_object();
  json.field("settings_sync", drift.settings_sync);
  json.field("sync_delay_ns", drift.sync_delay_ns);
  json.key("settings");
  json.begin_array();
  for (const std::string& setting : drift.settings) json.value(setting);
  json.end_array();
  json.key("episodes");
  json.begin_array();
  for (const model::DriftEpisode& e : drift.episodes) {
    json.begin_object();
    json.field("setting", e.setting);
    json.field("since_ns", e.since_ns);
    json.field("until_ns", e.until_ns);
    json.key("values");
    json.begin_array();
    for (const auto& [region, value] : e.values) {
      json.begin_object();
      json.field("region", region);
      json.field("value", value);
      json.end_object();
    }
    json.end_array();
    json.field("cost", e.cost);
    json.field("cost_unit", drift_cost_unit_word(e.cost_unit));
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

// The migration estimate's fields are always there (zeros when `migration`
// is false), so every change has the same keys.
void write_replica_changes(JsonWriter& json, const std::vector<model::ReplicaChange>& changes) {
  json.key("replica_changes");
  json.begin_array();
  for (const model::ReplicaChange& c : changes) {
    json.begin_object();
    json.field("region", c.region);
    json.field("action", replica_action_word(c.action));
    json.field("at_ns", c.at_ns);
    json.field("outcome", replica_outcome_word(c.outcome));
    json.field("source", c.source);
    json.field("items", c.items);
    json.field("backfill_ns", c.backfill_ns);
    json.field("refused_requests", c.refused_requests);
    json.field("parked_writes", c.parked_writes);
    json.field("migration", c.migration);
    json.field("migration_items", c.migration_items);
    json.field("migration_bytes", c.migration_bytes);
    json.field("migration_read_units", c.migration_read_units);
    json.field("migration_write_units", c.migration_write_units);
    json.field("migration_ns", c.migration_ns);
    json.end_object();
  }
  json.end_array();
}

// An MRSC table's section: what the mode refused, per region and pair, and
// each loss of quorum (docs/report-schema.md).
void write_strong_consistency(JsonWriter& json, const model::StrongConsistencyResult& strong) {
  json.key("strong_consistency");
  json.begin_object();
  json.field("witness", strong.witness);
  json.field("write_conflict_window_ns", strong.conflict_window_ns);
  uint64_t conflicts = 0;
  for (const model::StrongConsistencyRegion& region : strong.regions) conflicts += region.write_conflicts;
  json.field("write_conflicts", conflicts);
  write_records(json, "regions", strong_region_fields(), strong.regions);
  write_records(json, "pairs", strong_pair_fields(), strong.pairs);
  write_records(json, "episodes", quorum_episode_fields(), strong.episodes);
  json.end_object();
}

// The per-minute view of a per-second series (its last point may be
// partial): each minute (5 minutes, hour: kPerMinuteResolution) its counts
// summed, its levels' largest value.
std::vector<int64_t> per_minute(const std::vector<int64_t>& seconds, bool sum) {
  return model::regroup(seconds, model::kPerSecondResolution, model::kPerMinuteResolution,
                        sum ? model::Aggregation::kSum : model::Aggregation::kMax);
}

// The segments of a group of series: [{from_s, step_s}, ...], those the run
// reached.
void write_resolution(JsonWriter& json, model::SeriesResolution resolution, int64_t span_s) {
  json.key("resolution");
  json.begin_array();
  for (const model::SeriesSegment& segment : model::segments_reached(resolution, span_s)) {
    json.begin_object();
    json.field("from_s", segment.from_s);
    json.field("step_s", segment.step_s);
    json.end_object();
  }
  json.end_array();
}

// One region's series; per minute, counts are summed, levels are their
// largest value, and the latency quantiles are added.
void write_region_series(JsonWriter& json, const model::RegionSeries& s, bool minutes) {
  const auto counts = [&](std::string_view name, const std::vector<int64_t>& v) {
    json.key(name);
    json.compact_array(minutes ? per_minute(v, true) : v);
  };
  const auto units = [&](std::string_view name, const std::vector<int64_t>& milli) {
    json.key(name);
    json.compact_milli_array(minutes ? per_minute(milli, true) : milli, 1);
  };
  const auto levels = [&](std::string_view name, const std::vector<int64_t>& v) {
    json.key(name);
    json.compact_array(minutes ? per_minute(v, false) : v);
  };
  units("consumed_write_units", s.consumed_write_milli);
  units("consumed_read_units", s.consumed_read_milli);
  units("burst_write_units", s.burst_write_milli);
  units("burst_read_units", s.burst_read_milli);
  levels("provisioned_write_units", s.provisioned_write_units);
  levels("provisioned_read_units", s.provisioned_read_units);
  counts("throttle_events", s.throttle_events);
  counts("replication_throttle_events", s.replication_throttle_events);
  counts("client_errors", s.client_errors);
  counts("unavailable_errors", s.unavailable_errors);
  counts("refused_requests", s.refused_requests);
  levels("replication_backlog", s.replication_backlog);
  if (!minutes) return;
  const auto latency = [&](std::string_view name, const std::vector<int64_t>& v) {
    json.key(name);
    json.compact_array(v, model::kNoValue);
  };
  latency("latency_p50_ns", s.latency_p50_ns);
  latency("latency_p99_ns", s.latency_p99_ns);
  latency("latency_p90_ns", s.latency_p90_ns);
  latency("latency_max_ns", s.latency_max_ns);
  latency("successful_request_latency_mean_ns", s.successful_request_latency_mean_ns);
  latency("successful_request_latency_max_ns", s.successful_request_latency_max_ns);
}

// Each client group's latency per minute (per_minute only).
void write_group_series(JsonWriter& json, const model::RunResult& result) {
  json.key("groups");
  json.begin_array();
  for (size_t g = 0; g < result.client_group_series.size(); ++g) {
    const model::ClientGroupSeries& s = result.client_group_series[g];
    json.begin_object();
    json.field("region", result.client_groups[g].region);
    json.field("name", result.client_groups[g].name);
    json.key("latency_p50_ns");
    json.compact_array(s.latency_p50_ns, model::kNoValue);
    json.key("latency_p90_ns");
    json.compact_array(s.latency_p90_ns, model::kNoValue);
    json.key("latency_p99_ns");
    json.compact_array(s.latency_p99_ns, model::kNoValue);
    json.key("latency_max_ns");
    json.compact_array(s.latency_max_ns, model::kNoValue);
    json.end_object();
  }
  json.end_array();
}

void write_pair_series(JsonWriter& json, const model::PairSeries& s, bool minutes) {
  json.key("pending_replication");
  json.compact_array(minutes ? per_minute(s.pending_replication, false) : s.pending_replication);
  if (minutes) {
    json.key("replication_latency_mean_ns");
    json.compact_array(s.replication_latency_mean_ns);
    json.key("replication_latency_max_ns");
    json.compact_array(s.replication_latency_max_ns);
  }
}

void write_series(JsonWriter& json, const model::RunResult& result) {
  json.key("series");
  json.begin_object();
  for (const bool minutes : {false, true}) {
    json.key(minutes ? "per_minute" : "per_second");
    json.begin_object();
    write_resolution(json, minutes ? model::kPerMinuteResolution : model::kPerSecondResolution,
                     result.series_seconds);
    json.key("regions");
    json.begin_array();
    for (size_t r = 0; r < result.region_series.size(); ++r) {
      json.begin_object();
      json.field("name", result.regions[r]);
      write_region_series(json, result.region_series[r], minutes);
      json.end_object();
    }
    json.end_array();
    json.key("pairs");
    json.begin_array();
    for (size_t i = 0; i < result.pair_series.size(); ++i) {
      json.begin_object();
      json.field("from", result.pairs[i].from);
      json.field("to", result.pairs[i].to);
      write_pair_series(json, result.pair_series[i], minutes);
      json.end_object();
    }
    json.end_array();
    if (minutes) write_group_series(json, result);
    json.end_object();
  }
  json.end_object();
}

void write_client_groups(JsonWriter& json, const std::vector<model::ClientGroupResult>& groups) {
  json.key("client_groups");
  json.begin_array();
  for (const model::ClientGroupResult& group : groups) {
    json.begin_object();
    write_fields(json, client_group_fields(), group);
    json.end_object();
  }
  json.end_array();
}

void write_latency_phase(JsonWriter& json, std::string_view name, const model::LatencyPhase& phase,
                         const model::RunResult& result) {
  json.key(name);
  json.begin_object();
  json.field("start_ns", phase.start_ns);
  json.field("end_ns", phase.end_ns);
  json.key("regions");
  json.begin_array();
  for (size_t r = 0; r < phase.regions.size(); ++r) {
    json.begin_object();
    json.field("name", result.regions[r]);
    write_fields(json, latency_summary_fields(), phase.regions[r]);
    json.end_object();
  }
  json.end_array();
  json.key("groups");
  json.begin_array();
  for (size_t g = 0; g < phase.groups.size(); ++g) {
    json.begin_object();
    json.field("region", result.client_groups[g].region);
    json.field("name", result.client_groups[g].name);
    write_fields(json, latency_summary_fields(), phase.groups[g]);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

// The expanded timeline, each event with the client latency before and after it.
void write_timeline(JsonWriter& json, const model::RunResult& result) {
  json.key("timeline");
  json.begin_array();
  for (const model::TimelineResult& event : result.timeline) {
    json.begin_object();
    json.field("at_ns", event.at_ns);
    json.field("action", timeline_kind_word(event.kind));
    json.field("region", event.region);
    json.field("synced", event.synced);
    write_latency_phase(json, "latency_before", event.before, result);
    write_latency_phase(json, "latency_after", event.after, result);
    json.end_object();
  }
  json.end_array();
}

}  // namespace

std::string json_report(const model::RunResult& result) {
  JsonWriter json;
  json.begin_object();
  json.field("schema_version", kJsonSchemaVersion);
  write_scenario(json, result);
  write_regions(json, result);
  write_conflicts(json, result.conflicts);
  write_capacity_events(json, result);
  write_sessions(json, result.sessions);
  write_client_groups(json, result.client_groups);
  json.key("convergence");
  json.begin_object();
  write_fields(json, convergence_fields(), result.convergence);
  json.end_object();
  write_drift(json, result.drift);
  write_replica_changes(json, result.replica_changes);
  write_timeline(json, result);
  write_cost_json(json, result);
  if (result.strong_consistency.enabled) write_strong_consistency(json, result.strong_consistency);
  write_series(json, result);
  json.end_object();
  return json.str();
}

}  // namespace reports
