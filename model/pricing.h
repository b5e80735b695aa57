// Pricing: what DynamoDB charges in each region of a scenario, as the cost
// report reads it (reports/cost_breakdown.h).
//
// Prices are integers of nano-dollars (1e-9 USD) per billing quantity, so a
// price written in a scenario ("0.00065") is held exactly and every cost is
// integer arithmetic (docs/model.md, "Cost"). The loader fills one entry per
// region of the scenario from the built-in price table
// (load/price_table.h), then the scenario's `pricing:` section and
// `--pricing FILE` overlay it (load/pricing_section.h). A Scenario built by
// hand has no entries: its regions cost nothing.
//
// Determinism: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace model {

// One region's prices, in nano-dollars. A GB is 2^30 bytes.
struct RegionPrices {
  int64_t write_requests_nano = 0;             // `write_requests`: a million write request units (WRU), on demand
  int64_t read_requests_nano = 0;              // `read_requests`: a million read request units (RRU), on demand
  int64_t replicated_write_requests_nano = 0;  // `replicated_write_requests`: a million replicated WRU (rWRU)
  int64_t write_capacity_hour_nano = 0;        // `write_capacity_hour`: one WCU held an hour (a table with one replica)
  int64_t read_capacity_hour_nano = 0;         // `read_capacity_hour`: one RCU held an hour
  int64_t replicated_write_capacity_hour_nano = 0;  // `replicated_write_capacity_hour`: one rWCU held an hour
  int64_t storage_gb_month_nano = 0;           // `storage_gb_month`: one GB stored a month (Standard table class)
  int64_t transfer_gb_nano = 0;                // `transfer_gb`: one GB sent to another region
};

// The price of a map of `pricing:` by its key, in the order of
// scenarios/README.md, "Pricing" (the JSON report's order too).
struct PriceField {
  std::string_view key;
  int64_t RegionPrices::*nano;
};
inline constexpr PriceField kPriceFields[] = {
    {"write_requests", &RegionPrices::write_requests_nano},
    {"read_requests", &RegionPrices::read_requests_nano},
    {"replicated_write_requests", &RegionPrices::replicated_write_requests_nano},
    {"write_capacity_hour", &RegionPrices::write_capacity_hour_nano},
    {"read_capacity_hour", &RegionPrices::read_capacity_hour_nano},
    {"replicated_write_capacity_hour", &RegionPrices::replicated_write_capacity_hour_nano},
    {"storage_gb_month", &RegionPrices::storage_gb_month_nano},
    {"transfer_gb", &RegionPrices::transfer_gb_nano},
};

// Where a region's prices come from.
enum class PriceBasis : uint8_t {
  kPublished,   // the built-in table's figures, checked against AWS's pricing pages (docs/sources.md)
  kAssumed,     // the built-in table's figures, not checked (docs/model.md lists them)
  kFallback,    // a region the table lacks: priced as us-east-1, an assumption
  kOverridden,  // at least one price set by the scenario's `pricing:` or `--pricing FILE`
  kUnpriced,    // no entry (a Scenario built by hand): every price 0
};

inline constexpr std::string_view kPriceBasisNames[] = {"aws", "assumed", "us-east-1 fallback", "override",
                                                        "unpriced"};
inline std::string_view price_basis_name(PriceBasis basis) { return kPriceBasisNames[static_cast<int>(basis)]; }

// How provisioned capacity is billed over the hours it was held [KNOB:
// `pricing.capacity_billing`; AWS bills capacity "per hour" and says no more
// in our sources].
enum class CapacityBilling : uint8_t {
  kProRata,     // `pro_rata` (default): units x time held, to the nanosecond
  kHourlyPeak,  // `hourly_peak`: each clock hour of the run at the most units held in it
};

inline constexpr std::string_view kCapacityBillingNames[] = {"pro_rata", "hourly_peak"};
inline std::string_view capacity_billing_name(CapacityBilling billing) {
  return kCapacityBillingNames[static_cast<int>(billing)];
}

struct RegionPricing {
  RegionPrices prices;
  PriceBasis basis = PriceBasis::kUnpriced;
};

struct Pricing {
  std::string date;    // of the built-in table, "YYYY-MM-DD"
  std::string source;  // where the prices come from; `pricing.source` replaces it
  CapacityBilling capacity_billing = CapacityBilling::kProRata;
  std::vector<RegionPricing> regions;  // in region order; may be shorter (unpriced)
};

}  // namespace model
