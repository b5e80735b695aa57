// PricingChecker: the `pricing:` section of a scenario and the file of
// `--pricing FILE` (scenarios/README.md, "Pricing"), which has the same
// keys at its top level. Both overlay the prices the scenario already has:
// the built-in table's (load/price_table.h, default_pricing), then the
// section's, then the file's. In each, `all` sets a price in every region
// of the scenario before a region's own map does.
//
//   pricing:
//     source: "our 2027 rates"          # replaces the table's source in the report
//     capacity_billing: pro_rata        # or hourly_peak [KNOB]
//     all: {transfer_gb: 0.01}
//     us-east-1: {write_requests: 0.5, storage_gb_month: 0.25}
//
// A region key must be a region of the scenario or of the price table (a
// shared file may price regions a scenario does not use); anything else is
// an unknown key with the nearest word. Prices are US dollars written as
// decimals (at most 9 decimals, at most a million), held exactly.
//
// Reports every problem as a Diagnostic at its file:line:column; never
// throws. Determinism: a pure function of the tree (and the file's bytes).
#pragma once

#include <string>
#include <vector>

#include "load/scenario_values.h"
#include "model/diagnostic.h"
#include "model/scenario.h"

namespace load {

// The built-in table's prices for each region of `regions`: its row, or
// us-east-1's for a region it lacks (PriceBasis::kFallback).
model::Pricing default_pricing(const std::vector<model::RegionConfig>& regions);

class PricingChecker : public ValueChecker {
 public:
  PricingChecker(std::string file, std::vector<model::Diagnostic>* out) : ValueChecker(std::move(file), out) {}

  // A pricing map at `path` ("pricing", or "" at a --pricing file's top
  // level), overlaid on s->pricing (whose regions are s->regions').
  void pricing(const Node& n, const std::string& path, model::Scenario* s);

 private:
  // One price map onto the prices of the regions in `targets`.
  void prices(const Node& n, const std::string& path, const std::vector<size_t>& targets, model::Pricing* p);
};

// Reads `--pricing FILE` onto s->pricing: the section's keys at its top
// level, or the section itself (a file whose one key is `pricing`); every
// problem of the file as a diagnostic (none: applied). A file that cannot be read gives one
// diagnostic with no position ("FILE: error: cannot read: REASON").
std::vector<model::Diagnostic> apply_pricing_file(const std::string& path, model::Scenario* s);

}  // namespace load
