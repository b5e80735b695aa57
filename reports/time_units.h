// One time unit per column or line of a report (issue 17): a line that says
// "from 2.000 s to 64.9 min" makes the reader convert; "from 0.0 min to
// 64.9 min" does not. unit_for() picks the unit sim::format_duration's
// kReadable style would pick for the largest value of the line (from 10 h
// on, hours), and in_unit() writes every value of the line in it, with the
// unit's fixed decimals: ns 0, us 2, ms 2, s 3, min 2, h 2 ("0.503 s",
// "11.50 min"). A zero is "0 s": exact, whatever the unit.
//
// Determinism: pure functions; fixed-precision formatting only.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace reports {

enum class TimeUnit { kNs, kUs, kMs, kS, kMin, kH };

// The unit for a line whose largest magnitude is `largest_ns`.
TimeUnit unit_for(int64_t largest_ns);
// The unit for a line of these values (the largest magnitude decides).
TimeUnit unit_for(std::initializer_list<int64_t> values_ns);
TimeUnit unit_for(const std::vector<int64_t>& values_ns);

// "0.503 s", "11.5 min", "812 ns", "0 s".
std::string in_unit(int64_t ns, TimeUnit unit);
// A measured duration alone, in the unit that suits it: "43.47 ms"
// (sim::format_duration's kReadable style).
std::string readable(int64_t ns);

const char* unit_name(TimeUnit unit);  // "ns", "us", "ms", "s", "min", "h"
double unit_ns(TimeUnit unit);         // nanoseconds in one unit: 1, 1e3, ..., 3.6e12

}  // namespace reports
