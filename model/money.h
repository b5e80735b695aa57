// Money: US dollars as integers of micro-dollars (1e-6 USD), the unit of
// every report figure whose name ends in `_usd` (docs/report-paths.md), as
// nanoseconds are of those ending in `_ns`. Formatting and parsing here are
// shared by the loader (expectations) and the reports, so a value reads
// back as it was written.
//
// Determinism: integer arithmetic only; no locale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace model {

inline constexpr int64_t kMicroPerDollar = 1'000'000;

// The largest amount parse_usd_micro accepts: a trillion dollars.
inline constexpr int64_t kUsdMicroMax = 1'000'000'000'000 * kMicroPerDollar;

// Whether the figure at `path` is money: its name ends in `_usd`.
inline bool is_money_path(std::string_view path) { return path.ends_with("_usd"); }

// "12.345678": dollars with all six decimals, exact ("-0.000001" below zero).
std::string format_usd_exact(int64_t micro);

// "$1,234.57", "-$0.01": rounded half away from zero to the cent, with
// thousands separators.
std::string format_usd_cents(int64_t micro);
// The same for a mean or interval of micro-dollars (a study's).
std::string format_usd_cents(double micro);

// "12", "12.5", "$12.50", "0.000625": dollars >= 0, at most 6 decimals, at
// most kUsdMicroMax; in micro-dollars. nullopt otherwise.
std::optional<int64_t> parse_usd_micro(std::string_view text);

}  // namespace model
