#include "model/money.h"

#include <cmath>

#include <fmt/format.h>

namespace model {
namespace {

std::string with_separators(uint64_t whole) {
  const std::string digits = fmt::format("{}", whole);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace

std::string format_usd_exact(int64_t micro) {
  const uint64_t magnitude = micro < 0 ? 0 - static_cast<uint64_t>(micro) : static_cast<uint64_t>(micro);
  return fmt::format("{}{}.{:06}", micro < 0 ? "-" : "", magnitude / kMicroPerDollar, magnitude % kMicroPerDollar);
}

std::string format_usd_cents(int64_t micro) {
  const uint64_t magnitude = micro < 0 ? 0 - static_cast<uint64_t>(micro) : static_cast<uint64_t>(micro);
  const uint64_t cents = (magnitude + 5'000) / 10'000;
  return fmt::format("{}${}.{:02}", micro < 0 && cents > 0 ? "-" : "", with_separators(cents / 100), cents % 100);
}

std::string format_usd_cents(double micro) {
  if (!std::isfinite(micro) || std::fabs(micro) > 9e18) return fmt::format("${}", micro / 1e6);
  return format_usd_cents(static_cast<int64_t>(std::llround(micro)));
}

std::optional<int64_t> parse_usd_micro(std::string_view text) {
  if (!text.empty() && text.front() == '$') text.remove_prefix(1);
  return parse_fixed_decimal(text, 6, kUsdMicroMax);
}

}  // namespace model
