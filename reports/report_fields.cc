#include "reports/report_fields.h"

#include <cmath>

#include "sim/assert.h"

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

template <auto kHistogram, double kQuantile, class Record>
FieldValue quantile_of(const Record& record) {
  return (record.*kHistogram).quantile(kQuantile);
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
    {"capacity.mode", member<&R::capacity_mode>},
    {"capacity.write_units", member<&R::write_units>},
    {"capacity.read_units", member<&R::read_units>},
    {"capacity.partitions", member<&R::partitions>},
    {"clients.throttle_events", member<&R::throttle_events>, "throttle_events", 7},
    {"clients.retries", member<&R::retries>, "retries", 9},
    {"clients.client_errors", member<&R::client_errors>, "client_errors", 10},
    {"clients.unavailable_errors", member<&R::unavailable_errors>, "unavailable_errors", 11},
    {"clients.latency_ns.count", count_of<&R::client_latency_ns>},
    {"clients.latency_ns.p50", quantile_of<&R::client_latency_ns, 0.50>, "client_latency_p50_ns", 12},
    {"clients.latency_ns.p90", quantile_of<&R::client_latency_ns, 0.90>, "client_latency_p90_ns", 21},
    {"clients.latency_ns.p99", quantile_of<&R::client_latency_ns, 0.99>, "client_latency_p99_ns", 13},
    {"clients.latency_ns.max", max_of<&R::client_latency_ns>, "client_latency_max_ns", 14},
    {"clients.successful_request_latency_ns.count", count_of<&R::service_latency_ns>},
    {"clients.successful_request_latency_ns.p50", quantile_of<&R::service_latency_ns, 0.50>,
     "successful_request_latency_p50_ns", 22},
    {"clients.successful_request_latency_ns.p90", quantile_of<&R::service_latency_ns, 0.90>,
     "successful_request_latency_p90_ns", 23},
    {"clients.successful_request_latency_ns.p99", quantile_of<&R::service_latency_ns, 0.99>,
     "successful_request_latency_p99_ns", 24},
    {"clients.successful_request_latency_ns.max", max_of<&R::service_latency_ns>, "successful_request_latency_max_ns",
     25},
    {"replication_throttle_events", member<&R::replication_throttle_events>, "replication_throttle_events", 8},
    {"reads.stale_reads", member<&R::stale_reads>},
    {"reads.staleness_ns.count", count_of<&R::staleness_ns>},
    {"reads.staleness_ns.p50", quantile_of<&R::staleness_ns, 0.50>},
    {"reads.staleness_ns.p99", quantile_of<&R::staleness_ns, 0.99>},
    {"reads.staleness_ns.max", max_of<&R::staleness_ns>},
    {"missing_index_errors", member<&R::missing_index_errors>, "missing_index_errors", 16},
    {"refused_requests", member<&R::refused_requests>, "refused_requests", 17},
    {"ttl_deletes", member<&R::ttl_deletes>, "ttl_deletes", 18},
    {"ttl_replicated_write_units", member<&R::ttl_replicated_write_units>, "ttl_replicated_write_units", 19},
    {"expired_items", member<&R::expired_items>, "expired_items", 20},
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
    {"lag_ns.p50", quantile_of<&P::lag_ns, 0.50>, "p50_ns", 3},
    {"lag_ns.p90", quantile_of<&P::lag_ns, 0.90>, "p90_ns", 4},
    {"lag_ns.p99", quantile_of<&P::lag_ns, 0.99>, "p99_ns", 5},
    {"lag_ns.p999", quantile_of<&P::lag_ns, 0.999>, "p999_ns", 6},
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
    {"latency_ns.p50", quantile_of<&G::latency_ns, 0.50>, "latency_p50_ns", 2},
    {"latency_ns.p90", quantile_of<&G::latency_ns, 0.90>, "latency_p90_ns", 3},
    {"latency_ns.p99", quantile_of<&G::latency_ns, 0.99>, "latency_p99_ns", 4},
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

}  // namespace

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
