#include "reports/json_report.h"

#include <cmath>

#include "reports/json_writer.h"

namespace reports {
namespace {

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

void write_lag(JsonWriter& json, const sim::Histogram& lag) {
  json.begin_object();
  json.field("count", lag.count());
  json.field("mean", static_cast<int64_t>(std::llround(lag.mean())));
  json.field("min", lag.min());
  json.field("p50", lag.quantile(0.50));
  json.field("p90", lag.quantile(0.90));
  json.field("p99", lag.quantile(0.99));
  json.field("p999", lag.quantile(0.999));
  json.field("max", lag.max());
  json.end_object();
}

}  // namespace

std::string_view stop_name(model::StopReason reason) {
  switch (reason) {
    case model::StopReason::kCompleted:
      return "completed";
    case model::StopReason::kMaxEvents:
      return "max_events";
    case model::StopReason::kStopped:
      return "stopped";
  }
  return "?";
}

std::string json_report(const model::RunResult& result) {
  JsonWriter json;
  json.begin_object();
  json.field("schema_version", kJsonSchemaVersion);

  json.key("scenario");
  json.begin_object();
  json.field("name", result.scenario_name);
  json.field("seed", result.seed);
  json.field("duration_ns", result.duration_ns);
  json.key("regions");
  json.begin_array();
  for (const std::string& region : result.regions) json.value(region);
  json.end_array();
  json.end_object();

  // How the run ended: a run stopped by a guard reports what it had.
  json.key("run");
  json.begin_object();
  json.field("stop", stop_name(result.stop.reason));
  json.field("stopped_at_ns", result.stop.at_ns);
  json.end_object();

  json.key("regions");
  json.begin_array();
  for (const model::RegionResult& region : result.region_results) {
    json.begin_object();
    json.field("name", region.name);
    json.field("writes", region.writes());
    for (int op = 0; op < model::kOperationCount; ++op) {
      json.field(std::string(model::operation_name(static_cast<model::Operation>(op))) + "s",
                 region.operations[op]);
    }
    json.field("noop_deletes", region.noop_deletes);
    json.field("bytes_written", region.bytes_written);
    json.end_object();
  }
  json.end_array();

  json.key("replication");
  json.begin_array();
  for (const model::PairResult& pair : result.pairs) {
    json.begin_object();
    json.field("from", pair.from);
    json.field("to", pair.to);
    json.field("replicated", pair.replicated);
    json.key("lag_ns");
    write_lag(json, pair.lag_ns);
    json.end_object();
  }
  json.end_array();

  const model::ConflictResult& conflicts = result.conflicts;
  json.key("conflicts");
  json.begin_object();
  json.field("writes", conflicts.writes);
  json.field("concurrent_pairs", conflicts.concurrent_pairs);
  json.field("concurrent_writes", conflicts.concurrent_writes);
  json.field("clobbered", conflicts.clobbered);
  json.field("skew_inversions", conflicts.skew_inversions);
  json.field("causal_inversions", conflicts.causal_inversions);
  json.key("examples");
  json.begin_object();
  write_examples(json, "concurrent", conflicts.concurrent_examples);
  write_examples(json, "clobbered", conflicts.clobbered_examples);
  write_examples(json, "skew_inversions", conflicts.skew_inversion_examples);
  write_examples(json, "causal_inversions", conflicts.causal_inversion_examples);
  json.end_object();
  json.end_object();

  const model::ConvergenceResult& convergence = result.convergence;
  json.key("convergence");
  json.begin_object();
  json.field("last_write_ns", convergence.last_write_ns);
  json.field("drained_ns", convergence.drained_ns);
  json.field("drain_ns", convergence.drain_ns);
  json.field("items", convergence.items);
  json.field("divergent_items", convergence.divergent_items);
  json.end_object();

  json.end_object();
  return json.str();
}

}  // namespace reports
