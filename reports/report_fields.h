// Report fields: the schema of the report's figure sections, one table per
// section (a region, a replication pair, a client group, a latency summary
// of the timeline, the conflicts, the convergence, the strong consistency of
// a region and of a pair), and of the records the failover figures are
// summed from (an outage, a throttling window, a scaling action).
//
// Each row is one scalar the JSON report prints for the section's record:
// its key (dotted when it sits in a nested object: "clients.latency_ns.p99"),
// how to read it from the record, and, when it is a figure, its metric name
// (the last segment of its path in docs/report-paths.md) and its rank, its
// place among the section's figures in path order. The JSON writer
// (reports/json_report.cc) walks a table in row order, flatten()
// (reports/metric_paths.cc) walks its figures in rank order, and
// figures_from_report() (reports/report_diff.cc) reads the same figures back
// from the JSON at their keys, so a new figure is one new row and the three
// cannot disagree. The records' tables have no figure rows: their figures
// are per region, over the records (reports/metric_paths.h,
// RegionEventFigures), read by key from a record or from the JSON alike.
//
// Invariants: rows are in the JSON report's key order and the rows of one
// nested object are contiguous; the ranks of a table's figures are 0..n-1,
// each once; rows and ranks are appended to, never reordered or renumbered
// (the golden reports hold the key order, docs/report-paths.md the path
// order). A figure's value is an integer; units are last in its name.
//
// Determinism: constant tables; every accessor is a pure function of its
// record.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "model/run_result.h"

namespace reports {

// A scalar as the JSON report prints it: an integer or a string.
using FieldValue = std::variant<int64_t, uint64_t, std::string_view>;

template <class Record>
struct Field {
  std::string_view key;                // in the record's JSON object, '.' between nested objects
  FieldValue (*value)(const Record&);  // REQUIRES for a figure: an integer that fits int64_t
  std::string_view figure = {};        // metric name; empty: printed in the JSON report only
  int rank = -1;                       // a figure's place in path order
};

std::span<const Field<model::RegionResult>> region_fields();
std::span<const Field<model::PairResult>> pair_fields();
std::span<const Field<model::ClientGroupResult>> client_group_fields();
// A stretch's latency of one region or group (the timeline's before/after).
std::span<const Field<model::LatencySummary>> latency_summary_fields();
std::span<const Field<model::ConflictResult>> conflict_fields();
std::span<const Field<model::ConvergenceResult>> convergence_fields();
std::span<const Field<model::OutageResult>> outage_fields();
std::span<const Field<model::ThrottleWindow>> throttle_window_fields();
std::span<const Field<model::ScalingAction>> scaling_action_fields();
// Multi-Region strong consistency (RunResult::strong_consistency, an MRSC
// table only): its regions and pairs have figures, its episodes are records.
std::span<const Field<model::StrongConsistencyRegion>> strong_region_fields();
std::span<const Field<model::StrongConsistencyPair>> strong_pair_fields();
std::span<const Field<model::QuorumEpisode>> quorum_episode_fields();

// The value of `record`'s row at `key` in `fields`, or nullopt when there is none.
template <class Record>
std::optional<FieldValue> field_at(std::span<const Field<Record>> fields, const Record& record, std::string_view key) {
  for (const Field<Record>& field : fields) {
    if (field.key == key) return field.value(record);
  }
  return std::nullopt;
}

// The region figures ranked below this are in every report of
// schema_version 1; the later ones (queries, missing index errors,
// refusals, TTL, client attempts and the throttled share) were added to
// it, so older reports lack them and
// `gtsim diff` shows them as absent there. Every figure of the other
// sections is in every report.
inline constexpr int kRegionFiguresInEveryReport = 15;
// Likewise for the pairs: `coalesced` came later.
inline constexpr int kPairFiguresInEveryReport = 8;

// A figure's value as a signed integer. REQUIRES: an integer that fits.
int64_t figure_value(const FieldValue& value);

// The figure rows of `fields`, in path order.
template <class Record>
std::vector<const Field<Record>*> figures_in_path_order(std::span<const Field<Record>> fields) {
  std::vector<const Field<Record>*> figures;
  for (const Field<Record>& field : fields) {
    if (!field.figure.empty()) figures.push_back(&field);
  }
  std::sort(figures.begin(), figures.end(),
            [](const Field<Record>* a, const Field<Record>* b) { return a->rank < b->rank; });
  return figures;
}

}  // namespace reports
