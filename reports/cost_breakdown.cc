#include "reports/cost_breakdown.h"

#include <algorithm>
#include <limits>

#include "sim/int128.h"

namespace reports {
namespace {

using model::CapacityHeld;
using sim::Int128;

constexpr Int128 kAttoPerMicro = 1'000'000'000'000;  // atto-dollars in a micro-dollar
constexpr Int128 kAttoPerNano = 1'000'000'000;       // atto-dollars in a nano-dollar
constexpr int64_t kHourNs = 3'600'000'000'000;
constexpr Int128 kGbBytes = Int128{1} << 30;
// A component above $10 billion is held there, so that 64 regions' totals still fit.
constexpr int64_t kComponentMicroMax = 10'000'000'000LL * 1'000'000;
constexpr Int128 kAttoMax = Int128{kComponentMicroMax} * kAttoPerMicro;

// a * b / c, floored, for a, b >= 0 and c > 0, held at kAttoMax where it is larger.
Int128 mul_div(Int128 a, Int128 b, Int128 c) {
  Int128 whole = 0;
  Int128 part = 0;
  if (__builtin_mul_overflow(a / c, b, &whole) || __builtin_mul_overflow(a % c, b, &part)) return kAttoMax;
  return std::min(kAttoMax, whole + part / c);
}

int64_t micro_of(Int128 atto) {
  return static_cast<int64_t>(std::min(kAttoMax, atto + kAttoPerMicro / 2) / kAttoPerMicro);
}

// Provisioned capacity held over the span, in unit-nanoseconds.
struct Held {
  Int128 write_single = 0;  // the table having one replica: WCU
  Int128 write_global = 0;  // two replicas or more: rWCU
  Int128 read = 0;
};

// The record of `records` in force at `t` (the last at or before it).
const CapacityHeld* in_force(const std::vector<CapacityHeld>& records, int64_t t) {
  const CapacityHeld* found = nullptr;
  for (const CapacityHeld& record : records) {
    if (record.at_ns > t) break;
    found = &record;
  }
  return found;
}

// Every instant in [0, span) at which some region's capacity or replica changed, from 0.
std::vector<int64_t> boundaries(const model::RunResult& result, int64_t span) {
  std::vector<int64_t> at = {0};
  for (const model::RegionResult& region : result.region_results) {
    for (const CapacityHeld& record : region.billing.capacity) {
      if (record.at_ns > 0 && record.at_ns < span) at.push_back(record.at_ns);
    }
  }
  std::sort(at.begin(), at.end());
  at.erase(std::unique(at.begin(), at.end()), at.end());
  return at;
}

// The hours [h, h + 1) of the run that [start, end) overlaps, each with its overlap.
template <class Each>
void for_each_hour(int64_t start, int64_t end, Each&& each) {
  for (int64_t hour = start / kHourNs; hour * kHourNs < end; ++hour) {
    const int64_t from = std::max(start, hour * kHourNs);
    const int64_t to = std::min(end, (hour + 1) * kHourNs);
    if (to > from) each(static_cast<size_t>(hour), to - from);
  }
}

// Each region's capacity held: pro rata, or each clock hour at its peak.
std::vector<Held> capacity_held(const model::RunResult& result, int64_t span, model::CapacityBilling billing) {
  const size_t regions = result.region_results.size();
  std::vector<Held> held(regions);
  if (span <= 0) return held;
  const std::vector<int64_t> at = boundaries(result, span);
  const size_t hours = static_cast<size_t>((span + kHourNs - 1) / kHourNs);
  struct Peak {
    int64_t write = 0, read = 0;
    bool global = false;
  };
  std::vector<std::vector<Peak>> peaks(regions, std::vector<Peak>(billing == model::CapacityBilling::kHourlyPeak ? hours : 0));
  for (size_t i = 0; i < at.size(); ++i) {
    const int64_t start = at[i];
    const int64_t end = i + 1 < at.size() ? at[i + 1] : span;
    std::vector<const CapacityHeld*> state(regions);
    int replicas = 0;
    for (size_t r = 0; r < regions; ++r) {
      state[r] = in_force(result.region_results[r].billing.capacity, start);
      replicas += state[r] != nullptr && state[r]->replica ? 1 : 0;
    }
    const bool global = replicas >= 2;
    for (size_t r = 0; r < regions; ++r) {
      if (state[r] == nullptr) continue;
      const CapacityHeld& s = *state[r];
      if (billing == model::CapacityBilling::kProRata) {
        (global ? held[r].write_global : held[r].write_single) += Int128{s.write_units} * (end - start);
        held[r].read += Int128{s.read_units} * (end - start);
        continue;
      }
      for_each_hour(start, end, [&](size_t hour, int64_t) {
        Peak& peak = peaks[r][hour];
        peak.write = std::max(peak.write, s.write_units);
        peak.read = std::max(peak.read, s.read_units);
        peak.global = peak.global || (global && s.write_units > 0);
      });
    }
  }
  for (size_t r = 0; r < regions && billing == model::CapacityBilling::kHourlyPeak; ++r) {
    for_each_hour(0, span, [&](size_t hour, int64_t length) {
      const Peak& peak = peaks[r][hour];
      (peak.global ? held[r].write_global : held[r].write_single) += Int128{peak.write} * length;
      held[r].read += Int128{peak.read} * length;
    });
  }
  return held;
}

// Item bytes for a month at a price per GB-month (or sent once at a price per GB).
Int128 per_gb_atto(uint64_t bytes, int64_t price_nano) {
  return mul_div(Int128{bytes} * kAttoPerNano, price_nano, kGbBytes);
}

// One region's components in atto-dollars: over the span, and storage per month.
struct Atto {
  Int128 span[kCostComponentCount] = {};
  Int128 storage_monthly = 0;
};

Atto region_atto(const model::RegionResult& region, const model::RegionPrices& p, const Held& held, int64_t span) {
  const model::BilledUsage& b = region.billing;
  Atto a;
  const auto at = [&](CostComponent c) -> Int128& { return a.span[static_cast<size_t>(c)]; };
  // Request units x 1000 times nano-dollars per million units: atto-dollars.
  at(CostComponent::kLocalWrites) = Int128{b.local_write_milli} * p.write_requests_nano;
  at(CostComponent::kReplicatedWrites) = Int128{b.replicated_write_milli} * p.replicated_write_requests_nano;
  at(CostComponent::kReads) = Int128{b.read_milli} * p.read_requests_nano;
  // Unit-nanoseconds times nano-dollars per unit-hour: x 1e9 / 3.6e12 = / 3600.
  at(CostComponent::kWriteCapacity) = std::min(kAttoMax, mul_div(held.write_single, p.write_capacity_hour_nano, 3600) +
                                                            mul_div(held.write_global, p.replicated_write_capacity_hour_nano, 3600));
  at(CostComponent::kReadCapacity) = mul_div(held.read, p.read_capacity_hour_nano, 3600);
  a.storage_monthly = per_gb_atto(b.stored_bytes, p.storage_gb_month_nano);
  at(CostComponent::kStorage) = mul_div(a.storage_monthly, span, kMonthNs);
  at(CostComponent::kTransfer) = per_gb_atto(b.replicated_out_bytes, p.transfer_gb_nano);
  return a;
}

int64_t unit_hours_micro(Int128 unit_ns) { return static_cast<int64_t>(std::min<Int128>(std::numeric_limits<int64_t>::max(), (unit_ns + 1'800'000) / 3'600'000)); }

RegionCost region_cost(const model::RunResult& result, size_t r, const Held& held, int64_t span) {
  const model::RegionResult& region = result.region_results[r];
  RegionCost cost;
  cost.name = region.name;
  if (r < result.pricing.regions.size()) {
    cost.basis = result.pricing.regions[r].basis;
    cost.prices = result.pricing.regions[r].prices;
  }
  const Atto atto = region_atto(region, cost.prices, held, span);
  for (size_t c = 0; c < kCostComponentCount; ++c) {
    cost.span_micro[c] = micro_of(atto.span[c]);
    const bool storage = c == static_cast<size_t>(CostComponent::kStorage);
    cost.monthly_micro[c] = micro_of(storage ? atto.storage_monthly : span > 0 ? mul_div(atto.span[c], kMonthNs, span) : 0);
    cost.span_total_micro += cost.span_micro[c];
    cost.monthly_total_micro += cost.monthly_micro[c];
  }
  const model::BilledUsage& b = region.billing;
  cost.local_write_milli = b.local_write_milli;
  cost.replicated_write_milli = b.replicated_write_milli;
  cost.read_milli = b.read_milli;
  cost.write_unit_hours_micro = unit_hours_micro(held.write_single);
  cost.replicated_write_unit_hours_micro = unit_hours_micro(held.write_global);
  cost.read_unit_hours_micro = unit_hours_micro(held.read);
  cost.stored_bytes = b.stored_bytes;
  cost.transfer_bytes = b.replicated_out_bytes;
  return cost;
}

}  // namespace

CostBreakdown cost_breakdown(const model::RunResult& result) {
  CostBreakdown breakdown;
  const bool completed = result.stop.reason == model::StopReason::kCompleted;
  breakdown.span_ns = std::max<int64_t>(0, completed ? result.duration_ns : std::min(result.duration_ns, result.stop.at_ns));
  const std::vector<Held> held = capacity_held(result, breakdown.span_ns, result.pricing.capacity_billing);
  for (size_t r = 0; r < result.region_results.size(); ++r) {
    RegionCost cost = region_cost(result, r, held[r], breakdown.span_ns);
    for (size_t c = 0; c < kCostComponentCount; ++c) {
      breakdown.span_micro[c] += cost.span_micro[c];
      breakdown.monthly_micro[c] += cost.monthly_micro[c];
    }
    breakdown.span_total_micro += cost.span_total_micro;
    breakdown.monthly_total_micro += cost.monthly_total_micro;
    breakdown.regions.push_back(std::move(cost));
  }
  return breakdown;
}

}  // namespace reports
