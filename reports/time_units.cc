#include "reports/time_units.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "sim/time.h"

namespace reports {
namespace {

struct UnitInfo {
  const char* name;
  double ns;
  int decimals;
};

constexpr UnitInfo kUnits[] = {
    {"ns", 1, 0}, {"us", 1e3, 2}, {"ms", 1e6, 2}, {"s", 1e9, 3}, {"min", 60e9, 2}, {"h", 3600e9, 2},
};

const UnitInfo& info(TimeUnit unit) { return kUnits[static_cast<int>(unit)]; }

}  // namespace

TimeUnit unit_for(int64_t largest_ns) {
  const double magnitude = std::fabs(static_cast<double>(largest_ns));
  if (magnitude < 1e3) return TimeUnit::kNs;
  if (magnitude < 1e6) return TimeUnit::kUs;
  if (magnitude < 1e9) return TimeUnit::kMs;
  if (magnitude < 600e9) return TimeUnit::kS;
  if (magnitude < 36000e9) return TimeUnit::kMin;
  return TimeUnit::kH;
}

TimeUnit unit_for(const std::vector<int64_t>& values_ns) {
  double largest = 0;
  int64_t at = 0;
  for (int64_t v : values_ns) {
    const double magnitude = std::fabs(static_cast<double>(v));
    if (magnitude > largest) {
      largest = magnitude;
      at = v;
    }
  }
  return unit_for(at);
}

TimeUnit unit_for(std::initializer_list<int64_t> values_ns) { return unit_for(std::vector<int64_t>(values_ns)); }

std::string readable(int64_t ns) {
  return sim::format_duration(sim::Duration::nanoseconds(ns), sim::DurationStyle::kReadable);
}

std::string in_unit(int64_t ns, TimeUnit unit) {
  const UnitInfo& u = info(unit);
  if (ns == 0) return fmt::format("0 {}", u.name);
  if (unit == TimeUnit::kNs) return fmt::format("{} ns", ns);
  return fmt::format("{:.{}f} {}", static_cast<double>(ns) / u.ns, u.decimals, u.name);
}

const char* unit_name(TimeUnit unit) { return info(unit).name; }
double unit_ns(TimeUnit unit) { return info(unit).ns; }

}  // namespace reports
