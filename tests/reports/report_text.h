// Test helpers the report tests share (they compile together in unity
// batches): how often a fragment occurs in a report's text, whether it
// occurs, and a figure's value by its path.
#pragma once

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "model/run_result.h"
#include "reports/metric_paths.h"

namespace gtsim_test {

// How many times `what` occurs in `text`, overlaps included.
inline size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Whether `text` holds `fragment`.
inline bool has(const std::string& text, const std::string& fragment) {
  INFO(fragment);
  return text.find(fragment) != std::string::npos;
}

// The value of the figure at `path`; fails the test if there is none.
inline int64_t figure(const std::vector<reports::Figure>& figures, const std::string& path) {
  for (const reports::Figure& f : figures) {
    if (f.path == path) return f.value;
  }
  FAIL("no figure " << path);
  return 0;
}

inline int64_t figure(const model::RunResult& result, const std::string& path) {
  return figure(reports::flatten(result), path);
}

}  // namespace gtsim_test
