#include "reports/report_fields.h"

#include <cmath>

#include "reports/result_words.h"
#include "sim/assert.h"
#include "sim/int128.h"

namespace reports {
namespace {

using model::Operation;
using model::operation_plural;

template <auto kMember, class Record>
FieldValue member(const Record& record) {
  return record.*kMember;
}

template <auto kHistogram, class Record>
FieldValue count_of(const Record& record) {
  return (record.*kHistogram).count();
}

template <auto kHistogram, class Record>
FieldValue rounded_mean_of(const Record& record) {
  return static_cast<int64_t>(std::llround((record.*kHistogram).mean()));
}

template <auto kHistogram, class Record>
FieldValue min_of(const Record& record) {
  return (record.*kHistogram).min();
}

// The quantile in thousandths: clang 14 takes no floating-point template
// argument. kPerMille / 1000.0 is the double nearest the decimal quantile,
// the same value as the literal (0.99, 0.999).
template <auto kHistogram, int kPerMille, class Record>
FieldValue quantile_of(const Record& record) {
  return (record.*kHistogram).quantile(kPerMille / 1000.0);
}

template <auto kHistogram, class Record>
FieldValue max_of(const Record& record) {
  return (record.*kHistogram).max();
}

using R = model::RegionResult;

template <Operation kOp>
FieldValue served(const R& region) {
  return region.operations[static_cast<int>(kOp)];
}

template <Operation kOp>
constexpr Field<R> served_row(int rank) {
  return {operation_plural(kOp), served<kOp>, operation_plural(kOp), rank};
}

// Throttled client attempts per million attempts, rounded half up, in
// integers (0 without attempts).
FieldValue throttled_ppm(const R& region) {
  const auto attempts = static_cast<sim::UInt128>(region.client_attempts());
  if (attempts == 0) return int64_t{0};
  const sim::UInt128 throttled = region.throttle_events;
  return static_cast<int64_t>((throttled * 2'000'000 + attempts) / (2 * attempts));
}

constexpr Field<R> kRegionFields[] = {
    {"name", member<&R::name>},
    {"writes", [](const R& r) -> FieldValue { return r.writes(); }, "writes", 0},
    served_row<Operation::kPut>(1),
    served_row<Operation::kUpdate>(2),
    served_row<Operation::kDelete>(3),
    served_row<Operation::kGet>(4),
    served_row<Operation::kQuery>(15),
    {"noop_deletes", member<&R::noop_deletes>, "noop_deletes", 5},
    {"bytes_written", member<&R::bytes_written>, "bytes_written", 6},
    {"capacity.mode", [](const R& r) -> FieldValue { return capacity_mode_word(r.capacity_mode); }},
    {"capacity.write_units", member<&R::write_units>, "write_units", 22},
    {"capacity.read_units", member<&R::read_units>, "read_units", 23},
    {"capacity.partitions", member<&R::partitions>},
    {"clients.throttle_events", member<&R::throttle_events>, "throttle_events", 7},
    {"clients.attempts", [](const R& r) -> FieldValue { return r.client_attempts(); }, "client_attempts", 24},
    {"clients.throttled_ppm", throttled_ppm, "throttled_ppm", 25},
    {"clients.retries", member<&R::retries>, "retries", 9},
    {"clients.client_errors", member<&R::client_errors>, "client_errors", 10},
    {"clients.unavailable_errors", member<&R::unavailable_errors>, "unavailable_errors", 11},
    {"clients.latency_ns.count", count_of<&R::client_latency_ns>},
    {"clients.latency_ns.p50", quantile_of<&R::client_latency_ns, 500>, "client_latency_p50_ns", 12},
    {"clients.latency_ns.p90", quantile_of<&R::client_latency_ns, 900>, "client_latency_p90_ns", 26},
    {"clients.latency_ns.p99", quantile_of<&R::client_latency_ns, 990>, "client_latency_p99_ns", 13},
    {"clients.latency_ns.max", max_of<&R::client_latency_ns>, "client_latency_max_ns", 14},
    {"clients.successful_request_latency_ns.count", count_of<&R::service_latency_ns>},
    {"clients.successful_request_latency_ns.p50", quantile_of<&R::service_latency_ns, 500>,
     "successful_request_latency_p50_ns", 27},
    {"clients.successful_request_latency_ns.p90", quantile_of<&R::service_latency_ns, 900>,
     "successful_request_latency_p90_ns", 28},
    {"clients.successful_request_latency_ns.p99", quantile_of<&R::service_latency_ns, 990>,
     "successful_request_latency_p99_ns", 29},
    {"clients.successful_request_latency_ns.max", max_of<&R::service_latency_ns>, "successful_request_latency_max_ns",
     30},
    {"replication_throttle_events", member<&R::replication_throttle_events>, "replication_throttle_events", 8},
    {"reads.stale_reads", member<&R::stale_reads>, "stale_reads", 31},
    {"reads.staleness_ns.count", count_of<&R::staleness_ns>},
    {"reads.staleness_ns.p50", quantile_of<&R::staleness_ns, 500>},
    {"reads.staleness_ns.p99", quantile_of<&R::staleness_ns, 990>},
    {"reads.staleness_ns.max", max_of<&R::staleness_ns>},
    {"missing_index_errors", member<&R::missing_index_errors>, "missing_index_errors", 16},
    {"refused_requests", member<&R::refused_requests>, "refused_requests", 17},
    {"ttl_deletes", member<&R::ttl_deletes>, "ttl_deletes", 18},
    {"ttl_replicated_write_units", member<&R::ttl_replicated_write_units>, "ttl_replicated_write_units", 19},
    {"expired_items", member<&R::expired_items>, "expired_items", 20},
    {"clobbered_writes", member<&R::clobbered_writes>, "clobbered_writes", 21},
};

using P = model::PairResult;

// The visibility buckets follow these rows in the JSON report.
constexpr Field<P> kPairFields[] = {
    {"from", member<&P::from>},
    {"to", member<&P::to>},
    {"replicated", member<&P::replicated>, "replicated", 0},
    {"lag_ns.count", count_of<&P::lag_ns>},
    {"lag_ns.mean", rounded_mean_of<&P::lag_ns>, "mean_ns", 1},
    {"lag_ns.min", min_of<&P::lag_ns>, "min_ns", 2},
    {"lag_ns.p50", quantile_of<&P::lag_ns, 500>, "p50_ns", 3},
    {"lag_ns.p90", quantile_of<&P::lag_ns, 900>, "p90_ns", 4},
    {"lag_ns.p99", quantile_of<&P::lag_ns, 990>, "p99_ns", 5},
    {"lag_ns.p999", quantile_of<&P::lag_ns, 999>, "p999_ns", 6},
    {"lag_ns.max", max_of<&P::lag_ns>, "max_ns", 7},
    {"coalesced", member<&P::coalesced>, "coalesced", 8},
};

using G = model::ClientGroupResult;

constexpr Field<G> kGroupFields[] = {
    {"region", member<&G::region>},
    {"name", member<&G::name>},
    {"served", member<&G::served>, "served", 0},
    {"moved", member<&G::moved>, "moved", 1},
    {"latency_ns.count", count_of<&G::latency_ns>},
    {"latency_ns.p50", quantile_of<&G::latency_ns, 500>, "latency_p50_ns", 2},
    {"latency_ns.p90", quantile_of<&G::latency_ns, 900>, "latency_p90_ns", 3},
    {"latency_ns.p99", quantile_of<&G::latency_ns, 990>, "latency_p99_ns", 4},
    {"latency_ns.max", max_of<&G::latency_ns>, "latency_max_ns", 5},
};

using L = model::LatencySummary;

constexpr Field<L> kLatencySummaryFields[] = {
    {"requests", member<&L::requests>, "requests", 0},
    {"p50_ns", member<&L::p50_ns>, "latency_p50_ns", 1},
    {"p90_ns", member<&L::p90_ns>, "latency_p90_ns", 2},
    {"p99_ns", member<&L::p99_ns>, "latency_p99_ns", 3},
    {"max_ns", member<&L::max_ns>, "latency_max_ns", 4},
};

using C = model::ConflictResult;

// The examples follow these rows in the JSON report.
constexpr Field<C> kConflictFields[] = {
    {"writes", member<&C::writes>, "writes", 0},
    {"concurrent_pairs", member<&C::concurrent_pairs>, "concurrent_pairs", 1},
    {"concurrent_writes", member<&C::concurrent_writes>, "concurrent_writes", 2},
    {"clobbered", member<&C::clobbered>, "clobbered", 3},
    {"skew_inversions", member<&C::skew_inversions>, "skew_inversions", 4},
    {"causal_inversions", member<&C::causal_inversions>, "causal_inversions", 5},
};

using V = model::ConvergenceResult;

constexpr Field<V> kConvergenceFields[] = {
    {"last_write_ns", member<&V::last_write_ns>, "last_write_ns", 0},
    {"drained_ns", member<&V::drained_ns>, "drained_ns", 1},
    {"drain_ns", member<&V::drain_ns>, "drain_ns", 2},
    {"items", member<&V::items>, "items", 3},
    {"divergent_items", member<&V::divergent_items>, "divergent_items", 4},
};

using O = model::OutageResult;

constexpr Field<O> kOutageFields[] = {
    {"region", member<&O::region>},
    {"scope", [](const O& o) -> FieldValue { return model::outage_scope_name(o.scope); }},
    {"cause", [](const O& o) -> FieldValue { return model::outage_cause_name(o.cause); }},
    {"failed_ns", member<&O::failed_ns>},
    {"recovered_ns", member<&O::recovered_ns>},
    {"at_risk_writes", member<&O::at_risk_writes>},
    {"oldest_at_risk_age_ns", member<&O::oldest_at_risk_age_ns>},
    {"lost_writes", member<&O::lost_writes>},
    {"unreplicated_at_end_writes", member<&O::unreplicated_at_end_writes>},
    {"backlog_drain_ns", member<&O::backlog_drain_ns>},
    {"left_group_ns", member<&O::left_group_ns>},
    {"divergent_items", member<&O::divergent_items>},
};

using W = model::ThrottleWindow;

constexpr Field<W> kThrottleWindowFields[] = {
    {"region", member<&W::region>},
    {"start_ns", member<&W::start_ns>},
    {"end_ns", member<&W::end_ns>},
    {"throttle_events", member<&W::throttle_events>},
    {"replication_throttle_events", member<&W::replication_throttle_events>},
    {"client_errors", member<&W::client_errors>},
};

using S = model::ScalingAction;

constexpr Field<S> kScalingActionFields[] = {
    {"region", member<&S::region>},
    {"dimension", [](const S& s) -> FieldValue { return dimension_word(s.dimension); }},
    {"decided_ns", member<&S::decided_ns>},
    {"effective_ns", member<&S::effective_ns>},
    {"from_units", member<&S::from_units>},
    {"to_units", member<&S::to_units>},
};

using SR = model::StrongConsistencyRegion;

constexpr Field<SR> kStrongRegionFields[] = {
    {"name", member<&SR::name>},
    {"write_conflicts", member<&SR::write_conflicts>, "write_conflicts", 0},
    {"conflict_errors", member<&SR::conflict_errors>, "conflict_errors", 1},
    {"no_quorum_errors", member<&SR::no_quorum_errors>, "no_quorum_errors", 2},
    {"catching_up_errors", member<&SR::catching_up_errors>, "catching_up_errors", 3},
    {"without_quorum_ns", member<&SR::without_quorum_ns>, "without_quorum_ns", 4},
    {"catching_up_ns", member<&SR::catching_up_ns>, "catching_up_ns", 5},
};

using SP = model::StrongConsistencyPair;

constexpr Field<SP> kStrongPairFields[] = {
    {"from", member<&SP::from>},
    {"to", member<&SP::to>},
    {"write_conflicts", member<&SP::write_conflicts>, "write_conflicts", 0},
};

using QE = model::QuorumEpisode;

constexpr Field<QE> kQuorumEpisodeFields[] = {
    {"region", member<&QE::region>},
    {"lost_ns", member<&QE::lost_ns>},
    {"regained_ns", member<&QE::regained_ns>},
    {"caught_up_ns", member<&QE::caught_up_ns>},
    {"catch_up_writes", member<&QE::catch_up_writes>},
};

}  // namespace

std::span<const Field<model::StrongConsistencyRegion>> strong_region_fields() { return kStrongRegionFields; }
std::span<const Field<model::StrongConsistencyPair>> strong_pair_fields() { return kStrongPairFields; }
std::span<const Field<model::QuorumEpisode>> quorum_episode_fields() { return kQuorumEpisodeFields; }

std::span<const Field<model::OutageResult>> outage_fields() { return kOutageFields; }
std::span<const Field<model::ThrottleWindow>> throttle_window_fields() { return kThrottleWindowFields; }
std::span<const Field<model::ScalingAction>> scaling_action_fields() { return kScalingActionFields; }

std::span<const Field<model::RegionResult>> region_fields() { return kRegionFields; }
std::span<const Field<model::PairResult>> pair_fields() { return kPairFields; }
std::span<const Field<model::ClientGroupResult>> client_group_fields() { return kGroupFields; }
std::span<const Field<model::LatencySummary>> latency_summary_fields() { return kLatencySummaryFields; }
std::span<const Field<model::ConflictResult>> conflict_fields() { return kConflictFields; }
std::span<const Field<model::ConvergenceResult>> convergence_fields() { return kConvergenceFields; }

int64_t figure_value(const FieldValue& value) {
  if (const int64_t* number = std::get_if<int64_t>(&value)) return *number;
  const uint64_t* count = std::get_if<uint64_t>(&value);
  GTSIM_ASSERT(count != nullptr && *count <= static_cast<uint64_t>(INT64_MAX));
  return static_cast<int64_t>(*count);
}

}  // namespace reports
