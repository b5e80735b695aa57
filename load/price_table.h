// The built-in price table: what DynamoDB charges in each region of the
// region catalogue, as data compiled into the binary, with its date and
// sources (docs/sources.md, Prices). One row per region; each price is
// written as the decimal US-dollar figure of the pricing page and held in
// nano-dollars (model/pricing.h).
//
// us-east-1's figures are AWS's published prices after the November 2024
// reductions (on-demand throughput -50 %, global tables' replicated writes
// priced like single-region writes); the other regions' are assumptions,
// marked so (`checked` false) and listed in docs/model.md, "Cost": a
// scenario's `pricing:` or `--pricing FILE` replaces any of them.
//
// Determinism: constant data; the lookups are pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "model/money.h"
#include "model/pricing.h"

namespace load {

inline constexpr std::string_view kPriceTableDate = "2026-12-01";
// Its source as the reports name it (docs/sources.md, Prices, gives the pages):
// https://aws.amazon.com/dynamodb/pricing/on-demand/ and .../provisioned/.
inline constexpr std::string_view kPriceTableSource =
    "aws.amazon.com/dynamodb/pricing/on-demand/ and /provisioned/, after the November 2024 reductions";

struct TablePrices {
  std::string_view region;
  model::RegionPrices prices;
  bool checked;  // us-east-1 only: checked against AWS's pages; the others are assumptions
};

// Every row, in the region catalogue's order.
std::span<const TablePrices> price_table();

// The row of `region`, or null when the table has none.
const TablePrices* table_prices(std::string_view region);

// The largest price a scenario may give: a million US dollars, in nano-dollars.
inline constexpr int64_t kPriceMaxNano = 1'000'000'000'000'000;

// A price in US dollars, "0.00065": decimal digits with at most one point
// and at most 9 digits after it, at most kPriceMaxNano; in nano-dollars.
// nullopt for anything else (a sign, an exponent, ".5", "1.").
constexpr std::optional<int64_t> parse_usd_nano(std::string_view text) {
  return model::parse_fixed_decimal(text, 9, kPriceMaxNano);
}

}  // namespace load
