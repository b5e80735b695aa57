// Durations and instants in whole milliseconds, the unit most tests think in,
// and the nanoseconds of a millisecond and a second: one definition for every
// test file (they compile together in unity batches).
#pragma once

#include <cstdint>

#include "sim/time.h"

namespace gtsim_test {

inline constexpr int64_t kMsNs = 1'000'000;
inline constexpr int64_t kSecondNs = 1'000'000'000;

inline sim::Duration ms(int64_t n) { return sim::Duration::milliseconds(n); }
inline sim::Instant at_ms(int64_t n) { return sim::Instant::from_ns(n * kMsNs); }

}  // namespace gtsim_test
