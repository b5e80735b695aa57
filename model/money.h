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

// A decimal number "12.345" (digits, at most one point, at most `scale`
// digits after it) as a count of 10^-scale units, at most `max`: "1.5" at
// scale 6 is 1,500,000. nullopt for anything else (a sign, an exponent,
// ".5", "1."). REQUIRES: 0 <= scale <= 18, 0 < max <= 10^18.
constexpr std::optional<int64_t> parse_fixed_decimal(std::string_view text, int scale, int64_t max) {
  int64_t unit = 1;
  for (int d = 0; d < scale; ++d) unit *= 10;
  int64_t whole = 0;
  size_t i = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (whole > max / unit) return std::nullopt;
    whole = whole * 10 + (text[i] - '0');
  }
  if (i == 0) return std::nullopt;
  int64_t fraction = 0;
  int decimals = 0;
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, ++decimals) {
      if (decimals == scale) return std::nullopt;
      fraction = fraction * 10 + (text[i] - '0');
    }
    if (decimals == 0) return std::nullopt;
  }
  if (i != text.size() || whole > max / unit) return std::nullopt;
  for (; decimals < scale; ++decimals) fraction *= 10;
  const int64_t units = whole * unit + fraction;
  if (units > max) return std::nullopt;
  return units;
}

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
