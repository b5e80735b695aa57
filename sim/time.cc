#include "sim/time.h"

#include <array>
#include <cmath>
#include <cstddef>

#include <fmt/format.h>

#include "sim/int128.h"

namespace sim {

namespace {

struct Unit {
  std::string_view name;
  int64_t ns;
};

// Largest first: parse_duration requires parts in this order.
constexpr std::array<Unit, 6> kUnits = {{
    {"h", Duration::kNanosecondsPerHour},
    {"m", Duration::kNanosecondsPerMinute},
    {"s", Duration::kNanosecondsPerSecond},
    {"ms", Duration::kNanosecondsPerMillisecond},
    {"us", Duration::kNanosecondsPerMicrosecond},
    {"ns", 1},
}};

// Magnitude of INT64_MIN, the largest magnitude a negative duration can have.
constexpr uint64_t kMagnitudeNegativeMax = uint64_t{1} << 63;
constexpr uint64_t kMagnitudePositiveMax = kMagnitudeNegativeMax - 1;

// "<whole>[.<fraction>]<unit>" for magnitude / unit_ns, exact.
void append_decimal(uint64_t magnitude, uint64_t unit_ns, std::string_view unit, std::string* out) {
  *out += std::to_string(magnitude / unit_ns);
  uint64_t remainder = magnitude % unit_ns;
  if (remainder != 0) {
    // unit_ns is a power of ten here (s, ms, us), so the fraction is exact.
    std::string digits;
    for (uint64_t place = unit_ns / 10; place > 0; place /= 10) {
      digits += static_cast<char>('0' + remainder / place);
      remainder %= place;
    }
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    *out += '.';
    *out += digits;
  }
  *out += unit;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::optional<Duration> fail(std::string* error, std::string reason) {
  if (error != nullptr) *error = std::move(reason);
  return std::nullopt;
}

}  // namespace

double Duration::seconds_f() const { return static_cast<double>(ns_) / 1e9; }
double Duration::milliseconds_f() const { return static_cast<double>(ns_) / 1e6; }

namespace {

std::string format_exact(Duration d) {
  if (d.ns() == 0) return "0s";
  std::string out;
  uint64_t magnitude = 0;
  if (d.ns() < 0) {
    out += '-';
    magnitude = uint64_t{0} - static_cast<uint64_t>(d.ns());  // exact even for INT64_MIN
  } else {
    magnitude = static_cast<uint64_t>(d.ns());
  }
  const uint64_t second_ns = Duration::kNanosecondsPerSecond;
  if (magnitude >= second_ns && magnitude % second_ns == 0) {
    uint64_t seconds = magnitude / second_ns;
    const uint64_t hours = seconds / 3600;
    const uint64_t minutes = seconds / 60 % 60;
    seconds %= 60;
    if (hours != 0) out += std::to_string(hours) + "h";
    if (minutes != 0) out += std::to_string(minutes) + "m";
    if (seconds != 0) out += std::to_string(seconds) + "s";
    return out;
  }
  // kUnits[2..5] are s, ms, us, ns: pick the largest not larger than d.
  for (size_t i = 2; i < kUnits.size(); ++i) {
    const uint64_t unit_ns = static_cast<uint64_t>(kUnits[i].ns);
    if (magnitude >= unit_ns || unit_ns == 1) {
      append_decimal(magnitude, unit_ns, kUnits[i].name, &out);
      break;
    }
  }
  return out;
}

std::string format_readable(Duration d) {
  const double value = static_cast<double>(d.ns());
  const double magnitude = std::fabs(value);
  if (magnitude < 1e3) return fmt::format("{} ns", d.ns());
  if (magnitude < 1e6) return fmt::format("{:.2f} us", value / 1e3);
  if (magnitude < 1e9) return fmt::format("{:.2f} ms", value / 1e6);
  if (magnitude < 600e9) return fmt::format("{:.3f} s", value / 1e9);
  return fmt::format("{:.1f} min", value / 60e9);
}

std::string format_clock(Duration d) {
  const int64_t ms = d.ns() / Duration::kNanosecondsPerMillisecond;
  const int64_t s = ms / 1000, m = s / 60, h = m / 60;
  std::string out = h > 0 ? fmt::format("{}:{:02}:{:02}", h, m % 60, s % 60) : fmt::format("{}:{:02}", m, s % 60);
  if (ms % 1000 != 0) out += fmt::format(".{:03}", ms % 1000);
  return out;
}

}  // namespace

std::string format_duration(Duration d, DurationStyle style) {
  switch (style) {
    case DurationStyle::kExact:
      return format_exact(d);
    case DurationStyle::kReadable:
      return format_readable(d);
    case DurationStyle::kClock:
      return format_clock(d);
  }
  GTSIM_ASSERT(false);
  return "";
}

namespace {

// Reads the parts of a duration after its sign ("1h30m", "1.5ms") and sums
// them in nanoseconds.
class DurationParser {
 public:
  DurationParser(std::string_view text, size_t pos, uint64_t magnitude_max)
      : text_(text), pos_(pos), magnitude_max_(magnitude_max) {}

  bool done() const { return pos_ >= text_.size(); }
  bool overflow() const { return overflow_; }
  uint64_t magnitude() const { return static_cast<uint64_t>(total_); }

  // Reads the part at the current position and adds it: nullopt, or why
  // it is malformed.
  std::optional<std::string> part() {
    if (done() || !is_digit(text_[pos_])) {
      if (!done() && previous_unit_ != 0) return unexpected();
      return "expected a number";
    }
    const UInt128 whole_part = whole();
    std::string_view fraction_digits;
    if (std::optional<std::string> reason = fraction(&fraction_digits)) return reason;
    size_t index = 0;
    if (std::optional<std::string> reason = unit(&index)) return reason;
    const UInt128 unit_ns = static_cast<UInt128>(kUnits[index].ns);

    // The fraction must contribute a whole number of ns. Every unit is at most
    // 3.6e12 ns, so more than 12 significant fraction digits can never be exact.
    if (fraction_digits.size() > 12) return "not a whole number of nanoseconds";
    UInt128 numerator = 0;
    UInt128 denominator = 1;
    for (char c : fraction_digits) {
      numerator = numerator * 10 + static_cast<unsigned>(c - '0');
      denominator *= 10;
    }
    numerator *= unit_ns;  // < 1e12 * 3.6e12: fits easily
    if (numerator % denominator != 0) return "not a whole number of nanoseconds";

    // whole_part <= 2^64 and unit_ns < 2^42, so the product fits in 128 bits.
    total_ += whole_part * unit_ns + numerator / denominator;
    if (total_ > magnitude_max_) {
      overflow_ = true;
      total_ = UInt128{magnitude_max_} + 1;
    }
    return std::nullopt;
  }

 private:
  // The digits of the whole part; saturates at 2^64, which already exceeds
  // every limit.
  UInt128 whole() {
    UInt128 value = 0;
    while (!done() && is_digit(text_[pos_])) {
      value = value * 10 + static_cast<unsigned>(text_[pos_] - '0');
      if (value > UINT64_MAX) {
        value = UInt128{UINT64_MAX} + 1;
        overflow_ = true;
      }
      ++pos_;
    }
    return value;
  }

  // An optional '.' and its digits, trailing zeros dropped.
  std::optional<std::string> fraction(std::string_view* digits) {
    if (done() || text_[pos_] != '.') return std::nullopt;
    const size_t start = ++pos_;
    while (!done() && is_digit(text_[pos_])) ++pos_;
    if (pos_ == start) return "expected digits after '.'";
    *digits = text_.substr(start, pos_ - start);
    while (!digits->empty() && digits->back() == '0') digits->remove_suffix(1);
    return std::nullopt;
  }

  // The unit's name; sets *index into kUnits.
  std::optional<std::string> unit(size_t* index) {
    const size_t start = pos_;
    while (!done() && is_letter(text_[pos_])) ++pos_;
    const std::string_view name = text_.substr(start, pos_ - start);
    if (name.empty()) return done() ? std::string("missing unit") : unexpected();
    size_t i = 0;
    while (i < kUnits.size() && kUnits[i].name != name) ++i;
    if (i == kUnits.size()) return "unknown unit '" + std::string(name) + "'";
    if (i + 1 <= previous_unit_) return "units must go from larger to smaller";
    previous_unit_ = i + 1;
    *index = i;
    return std::nullopt;
  }

  std::string unexpected() const { return std::string("unexpected character '") + text_[pos_] + "'"; }

  std::string_view text_;
  size_t pos_;
  uint64_t magnitude_max_;
  UInt128 total_ = 0;         // the parts so far, in ns; at most magnitude_max_ + 1, so 128 bits never overflow
  size_t previous_unit_ = 0;  // index into kUnits of the last part's unit, + 1
  bool overflow_ = false;
};

}  // namespace

std::optional<Duration> parse_duration(std::string_view text, std::string* error) {
  if (text.empty()) return fail(error, "empty duration");
  const bool negative = text[0] == '-';
  DurationParser parser(text, negative ? 1 : 0, negative ? kMagnitudeNegativeMax : kMagnitudePositiveMax);
  do {
    if (std::optional<std::string> reason = parser.part()) return fail(error, std::move(*reason));
  } while (!parser.done());
  if (parser.overflow()) return fail(error, "overflows 64-bit nanoseconds");
  // Two's complement negation in unsigned arithmetic: exact for INT64_MIN.
  const uint64_t magnitude = parser.magnitude();
  const uint64_t bits = negative ? uint64_t{0} - magnitude : magnitude;
  return Duration::nanoseconds(static_cast<int64_t>(bits));
}

}  // namespace sim
