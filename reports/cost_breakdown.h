// CostBreakdown: what a run's world would be billed, per region and
// component, over the run's span and projected to a month (docs/model.md,
// "Cost"; prices: model/pricing.h; usage: model/billing.h).
//
// The span is the traffic's duration (to where a guard stopped the run, if
// it did). Requests are billed whenever they were served, so the
// replicated writes applied while replication drained after the traffic
// count with it; provisioned capacity is billed over the span only. A month
// is 30.4 days x 24 h; each component's monthly figure is its span cost x
// month / span, storage's the month's price of the bytes stored at the end.
//
// Components, each billed in the region where it happens:
//   local_writes       its clients' write request units, on demand
//   replicated_writes  replicated write request units applied there, on demand
//   reads              its clients' read request units, on demand
//   write_capacity     provisioned WCU held: as rWCU while the table has two
//                      replicas or more, as WCU while it has one
//   read_capacity      provisioned RCU held
//   storage            item bytes its replica holds at the end
//   transfer           item bytes of its writes applied in other regions
// A region without a replica (never added, or removed) holds no capacity
// and stores nothing, so costs nothing while it has none: MRSC's witness is
// such a region.
//
// Exactness: every component is computed in integer atto-dollars (1e-18
// USD, 128 bits) from integer usage and nano-dollar prices, and rounded
// once, half up, to the micro-dollar; totals are sums of the rounded
// components. Printed to the cent (model/money.h), written exactly.
//
// Determinism: a pure function of the result; no floating point.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/pricing.h"
#include "model/run_result.h"

namespace reports {

enum class CostComponent : uint8_t {
  kLocalWrites, kReplicatedWrites, kReads, kWriteCapacity, kReadCapacity, kStorage, kTransfer
};
inline constexpr size_t kCostComponentCount = 7;
// Their names in report paths (`cost.regions.R.<name>_usd`), JSON and CSV, in enum order.
inline constexpr std::string_view kCostComponentNames[kCostComponentCount] = {
    "local_writes", "replicated_writes", "reads", "write_capacity", "read_capacity", "storage", "transfer"};

// A month: 30.4 days of 24 hours (2,626,560 s), in nanoseconds.
inline constexpr int64_t kMonthNs = 2'626'560LL * 1'000'000'000;

using CostAmounts = std::array<int64_t, kCostComponentCount>;  // micro-dollars, by component

struct RegionCost {
  std::string name;
  model::PriceBasis basis = model::PriceBasis::kUnpriced;
  model::RegionPrices prices;
  CostAmounts span_micro{};      // over the run's span
  CostAmounts monthly_micro{};   // projected to a month
  int64_t span_total_micro = 0;
  int64_t monthly_total_micro = 0;
  // What was billed, for the report: request units x 1000, capacity held
  // in unit-hours x 1e6 (rounded), bytes.
  int64_t local_write_milli = 0;
  int64_t replicated_write_milli = 0;
  int64_t read_milli = 0;
  int64_t write_unit_hours_micro = 0;             // WCU-hours, the table having one replica
  int64_t replicated_write_unit_hours_micro = 0;  // rWCU-hours, two replicas or more
  int64_t read_unit_hours_micro = 0;
  uint64_t stored_bytes = 0;
  uint64_t transfer_bytes = 0;
};

struct CostBreakdown {
  int64_t span_ns = 0;
  int64_t month_ns = kMonthNs;
  std::vector<RegionCost> regions;   // in region order
  CostAmounts span_micro{};          // summed over the regions
  CostAmounts monthly_micro{};
  int64_t span_total_micro = 0;
  int64_t monthly_total_micro = 0;
};

CostBreakdown cost_breakdown(const model::RunResult& result);

}  // namespace reports
