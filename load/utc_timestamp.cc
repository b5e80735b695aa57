#include "load/utc_timestamp.h"

#include <cmath>

#include <fmt/format.h>

namespace load {
namespace {

constexpr int64_t kNsPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;
constexpr int kYearMin = 1970;
constexpr int kYearMax = 2199;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = y / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Reads exactly n decimal digits at *pos.
bool digits(std::string_view s, size_t* pos, size_t n, int* out) {
  if (*pos + n > s.size()) return false;
  int value = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[*pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *pos += n;
  *out = value;
  return true;
}

// ".digits": the fraction of a second in ns (at most 9 digits).
bool fraction(std::string_view s, size_t* pos, int64_t* ns, std::string* why) {
  *ns = 0;
  if (*pos >= s.size() || s[*pos] != '.') return true;
  ++*pos;
  int64_t scale = 100'000'000;
  size_t count = 0;
  for (; *pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9'; ++*pos, ++count) {
    if (count == 9) {
      *why = "finer than a nanosecond";
      return false;
    }
    *ns += (s[*pos] - '0') * scale;
    scale /= 10;
  }
  if (count == 0) *why = "no digit after '.'";
  return count > 0;
}

// Unix time: digits and an optional fraction.
std::optional<int64_t> unix_seconds(std::string_view s, std::string* why) {
  size_t pos = 0;
  int64_t seconds = 0;
  for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos) {
    if (pos == 11) break;
    seconds = seconds * 10 + (s[pos] - '0');
  }
  int64_t ns = 0;
  if (pos == 0 || !fraction(s, &pos, &ns, why) || pos != s.size()) {
    if (why->empty()) *why = "expected a timestamp";
    return std::nullopt;
  }
  if (seconds >= (days_from_civil(kYearMax + 1, 1, 1)) * kSecondsPerDay) {
    *why = fmt::format("after the year {}", kYearMax);
    return std::nullopt;
  }
  return seconds * kNsPerSecond + ns;
}

// "Z", "+HH:MM", "-HH:MM", "+HHMM" or nothing: minutes east of UTC.
bool zone(std::string_view s, size_t* pos, int* minutes, std::string* why) {
  *minutes = 0;
  if (*pos == s.size()) return true;
  if (s[*pos] == 'Z' || s[*pos] == 'z') return ++*pos, true;
  if (s[*pos] != '+' && s[*pos] != '-') return false;
  const int sign = s[*pos] == '-' ? -1 : 1;
  ++*pos;
  int hh = 0, mm = 0;
  if (!digits(s, pos, 2, &hh)) return false;
  if (*pos < s.size() && s[*pos] == ':') ++*pos;
  if (!digits(s, pos, 2, &mm)) return false;
  if (hh > 23 || mm > 59) {
    *why = fmt::format("offset {:02}:{:02} is not a time zone", hh, mm);
    return false;
  }
  *minutes = sign * (hh * 60 + mm);
  return true;
}

}  // namespace

std::optional<int64_t> parse_utc_timestamp(std::string_view s, std::string* why) {
  why->clear();
  if (s.find('-') == std::string_view::npos) return unix_seconds(s, why);
  size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, offset = 0;
  int64_t ns = 0;
  const auto separator = [&](std::string_view allowed) {
    return pos < s.size() && allowed.find(s[pos++]) != std::string_view::npos;
  };
  bool ok = digits(s, &pos, 4, &y) && separator("-") && digits(s, &pos, 2, &mo) && separator("-") &&
            digits(s, &pos, 2, &d) && separator("Tt ") && digits(s, &pos, 2, &h) && separator(":") &&
            digits(s, &pos, 2, &mi);
  if (ok && pos < s.size() && s[pos] == ':') {
    ++pos;
    ok = digits(s, &pos, 2, &sec) && fraction(s, &pos, &ns, why);
  }
  ok = ok && zone(s, &pos, &offset, why) && pos == s.size();
  if (!ok) {
    if (why->empty()) *why = "expected a timestamp";
    return std::nullopt;
  }
  if (y < kYearMin || y > kYearMax) *why = fmt::format("year {} is not {} to {}", y, kYearMin, kYearMax);
  else if (mo < 1 || mo > 12) *why = fmt::format("month {} is not 1 to 12", mo);
  else if (d < 1 || d > days_in_month(y, mo)) *why = fmt::format("day {} is not in {:04}-{:02}", d, y, mo);
  else if (h > 23 || mi > 59 || sec > 59) *why = fmt::format("{:02}:{:02}:{:02} is not a time of day", h, mi, sec);
  if (!why->empty()) return std::nullopt;
  const int64_t seconds = days_from_civil(y, mo, d) * kSecondsPerDay + h * 3600 + mi * 60 + sec - offset * 60;
  if (seconds < 0) {
    *why = "before 1970-01-01T00:00:00Z";
    return std::nullopt;
  }
  return seconds * kNsPerSecond + ns;
}

std::optional<int64_t> utc_timestamp_from_seconds(double seconds) {
  const double limit = static_cast<double>(days_from_civil(kYearMax + 1, 1, 1) * kSecondsPerDay);
  if (!std::isfinite(seconds) || seconds < 0 || seconds >= limit) return std::nullopt;
  return std::llround(seconds * 1e9);
}

std::string format_utc_timestamp(int64_t epoch_ns) {
  const int64_t seconds = epoch_ns / kNsPerSecond;
  const int64_t ns = epoch_ns % kNsPerSecond;
  const int64_t z = seconds / kSecondsPerDay + 719468;  // civil_from_days
  const int64_t era = z / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const int64_t in_day = seconds % kSecondsPerDay;
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, m, d, in_day / 3600, in_day / 60 % 60,
                                in_day % 60);
  if (ns != 0) {
    std::string frac = fmt::format("{:09}", ns);
    while (frac.back() == '0') frac.pop_back();
    out += "." + frac;
  }
  return out + "Z";
}

}  // namespace load
