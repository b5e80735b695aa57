// 128-bit integers for exact intermediate products (clock drift, sums of
// nanoseconds, probability thresholds out of 2^64). A GCC/Clang extension,
// named once here so -Wpedantic stays quiet everywhere else.
#pragma once

namespace sim {
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;
}  // namespace sim
