// ConsistencyChecker: multi-Region strong consistency (MRSC), the table's
// `multi_region_consistency`, `witness` and `write_conflict_window`
// (scenarios/README.md, "Multi-Region strong consistency"), and the rules
// the service sets for such a table over the rest of the scenario
// (docs/sources.md, Multi-Region strong consistency): exactly three regions,
// all of one region set; three replicas, or two and a witness; version
// 2019.11.21; no TTL, no transactions; no client group, session read or
// traffic shift served by the witness, which serves no requests; FIS
// pause-replication impairing the table at most 5,040 minutes in any 7
// days. (Replicas cannot be added or removed one by one: the timeline's
// add_replica and remove_replica readers refuse them.)
//
// Reports every problem as a Diagnostic, at the node that breaks the rule,
// naming the rule; never throws. Determinism: a pure function of the tree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/region_section.h"
#include "load/scenario_values.h"
#include "model/scenario.h"
#include "sim/time.h"

namespace load {

// FIS may impair an MRSC table at most this long in any rolling window of
// kFisWindow (docs/sources.md, Failures and fault injection).
inline constexpr sim::Duration kFisImpairedMax = sim::Duration::minutes(5040);
inline constexpr sim::Duration kFisWindow = sim::Duration::hours(7 * 24);

// One pause_replication of the timeline: the table is impaired from its
// `at` to `at + duration`.
struct ImpairedSpan {
  sim::Duration from;
  sim::Duration to;
  const Node* node;   // the action's value, where a refusal is reported
  std::string path;   // "timeline[i].pause_replication"
};

// The region set (US, EU or AP) a region name belongs to, or "" for none.
std::string_view mrsc_region_set(std::string_view region);

// The longest impairment within any window of kFisWindow by the union of
// `spans` (several regions paused at once impair the table once), and the
// span (index into `spans`, which are in any order) that first brings a
// window above kFisImpairedMax, by start time; spans.size() if none.
struct FisBudget {
  sim::Duration impaired;
  sim::Duration window_from;
  size_t over = 0;
};
FisBudget fis_budget(const std::vector<ImpairedSpan>& spans);

class ConsistencyChecker : public ValueChecker {
 public:
  // Regions are named through *regions, which must outlive this checker.
  ConsistencyChecker(std::string file, std::vector<model::Diagnostic>* out, RegionChecker* regions)
      : ValueChecker(std::move(file), out), regions_(regions) {}

  // The keys of the `table` map n into s->consistency; the witness's region
  // gets no replica. REQUIRES: s->regions read.
  void table_keys(const Node& n, model::Scenario* s);

  // The rules of an MRSC table over the whole scenario, once every section
  // is read (nothing for an MREC table). `pauses`: the timeline's pauses.
  void check(const Node& root, const model::Scenario& s, const std::vector<ImpairedSpan>& pauses);

 private:
  void regions_rule(const Node& root, const model::Scenario& s);
  void region_set_rule(const Node& regions, const model::Scenario& s);
  void workload_rules(const Node& root, const model::Scenario& s);
  void timeline_rules(const Node& root, const model::Scenario& s);
  void fis_rule(const std::vector<ImpairedSpan>& pauses);
  // "table.witness: ..." when the witness is set; "" otherwise.
  std::string witness_name(const model::Scenario& s) const;

  RegionChecker* regions_;
};

}  // namespace load
