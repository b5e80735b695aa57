// TableChecker: the scenario's `table` section (scenarios/README.md,
// "Table"): how many keys and how they are drawn, item sizes, whether the
// table starts populated, its global secondary indexes, its TTL, the
// service's response time per operation, and the capacity every replica
// starts from (read by the capacity section).
//
// Index names are shared with the timeline (create_index, delete_index)
// and a client group's `index`, so their rules live here: is_index_name and
// at most kIndexNamesMax names in a scenario. Reports every problem as a
// Diagnostic; never throws. Determinism: a pure function of the tree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/capacity_section.h"
#include "load/scenario_values.h"
#include "model/scenario.h"

namespace load {

// At most this many global secondary index names in a scenario (table.indexes
// and create_index together): a replica's indexes are a 64-bit set.
inline constexpr size_t kIndexNamesMax = 64;

// 3 to 255 letters, digits, '_' and '-'. DynamoDB also allows '.', left out
// because index names become segments of report paths.
bool is_index_name(std::string_view name);
inline constexpr const char* kIndexNameExpected = "an index name (3 to 255 letters, digits, '_' and '-')";

class TableChecker : public ValueChecker {
 public:
  // table.capacity is read by *capacity, which must outlive this checker.
  TableChecker(std::string file, std::vector<model::Diagnostic>* out, CapacityChecker* capacity)
      : ValueChecker(std::move(file), out), capacity_(capacity) {}

  // `table:` into *t, and its `capacity` overlaid on *table_capacity.
  void table(const Node& n, model::TableConfig* t, model::CapacityConfig* table_capacity);

 private:
  void indexes(const Node& n, std::vector<std::string>* out);
  void ttl(const Node& n, model::TtlConfig* t);
  void service_latency(const Node& n, model::ServiceLatencyConfig* s);
  void key_distribution(const Node& n, model::KeyDistribution* k);

  CapacityChecker* capacity_;
  std::vector<size_t> index_positions_;  // table.indexes item of each kept index name
};

}  // namespace load
