// GTSIM_ASSERT: a programmer error, checked in every build type.
//
// Bad user input is never asserted: it is a Diagnostic (model/diagnostic.h).
// An assertion that fires means gtsim itself is wrong; it prints the failed
// condition with its place and aborts, so a sanitizer or debugger shows why.
#pragma once

#include <cstdio>
#include <cstdlib>

#define GTSIM_ASSERT(condition)                                                   \
  do {                                                                            \
    if (!(condition)) [[unlikely]] {                                              \
      std::fprintf(stderr, "gtsim: internal error: %s:%d: assertion failed: %s\n", \
                   __FILE__, __LINE__, #condition);                               \
      std::abort();                                                               \
    }                                                                             \
  } while (false)
