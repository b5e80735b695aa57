// ValueChecker: reads the typed values of a scenario (strings, integers,
// numbers, percentages, durations, sizes, distributions, latencies) from
// YAML tree nodes, reporting every problem as a Diagnostic with the key path,
// what was expected and what was found. The scenario loader's section
// checker builds on it; the schema is in scenarios/README.md.
//
// Each reader returns nullopt after reporting, never throws, and reads only
// the nodes it is given. Determinism: a pure function of the tree.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "load/yaml_tree.h"
#include "model/diagnostic.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace load {

enum class Sign { kAny, kNonNegative, kPositive };

// What a distribution is over: a duration (values in ns) or a size (bytes).
enum class Quantity { kDuration, kSize };

// Text helpers for messages and key paths.
std::string_view trim(std::string_view s);          // of spaces and tabs
std::string describe(const Node& n);                // "'text'", "a map", ...
std::string quoted_list(const std::vector<std::string>& words);  // "'a', 'b'"
// "; did you mean 'WORD'?" for the nearest candidate, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);
std::string join(const std::string& path, std::string_view key);  // "path.key"
std::string index(const std::string& path, size_t i);             // "path[i]"
std::string at_path(const std::string& path);  // "PATH: " before a message about PATH

class ValueChecker {
 public:
  // Diagnostics about file are appended to *out.
  ValueChecker(std::string file, std::vector<model::Diagnostic>* out) : file_(std::move(file)), out_(out) {}

  const std::string& file() const { return file_; }
  std::vector<model::Diagnostic>* diagnostics() const { return out_; }

  void error(const Node& at, std::string message);
  // A setting that does nothing: reported, never blocking the load (load/ignored_settings.h).
  void warning(const Node& at, std::string message);

  // "PATH: expected WHAT, found X"; an expectation carrying an example
  // ("e.g.") is separated from what was found by a semicolon.
  void mismatch(const Node& n, const std::string& path, std::string_view what);

  // Checks that n is a map whose keys are scalars, unique, among allowed
  // (unless allowed is null) and include every required one. Returns false,
  // after reporting, only when n is not a map.
  bool check_map(const Node& n, const std::string& path, const std::vector<std::string>* allowed,
                 const std::vector<std::string>& required = {}, std::string_view what = "a map");

  // The value of the first entry with this key, or null.
  static const Node* get(const Node& map, std::string_view key);

  // True when the map has every key. check_map reports a missing required
  // key and goes on; readers that dereference required keys check with this.
  static bool has_all(const Node& map, std::initializer_list<const char*> keys);

  // The map without the entries whose key is one of keys (its other settings).
  static Node without_keys(const Node& map, std::initializer_list<const char*> keys);

  std::optional<std::string> string(const Node& n, const std::string& path);
  std::optional<uint64_t> integer(const Node& n, const std::string& path, uint64_t min, uint64_t max);
  std::optional<double> number(const Node& n, const std::string& path);
  // `true` or `false`.
  std::optional<bool> boolean(const Node& n, const std::string& path);

  // A percentage: a number or "80%"; returned in percent (80, not 0.8).
  // open_low excludes 0, open_high excludes 100.
  std::optional<double> percentage(const Node& n, const std::string& path, bool open_low = false,
                                   bool open_high = false);

  // Numbers are shown bare ("found 0"), durations and sizes quoted ("found '0s'").
  bool check_sign(const Node& n, const std::string& path, double value, Sign sign, bool is_number = false);

  // A duration with a unit, within +-1000h.
  std::optional<sim::Duration> duration(const Node& n, const std::string& path, Sign sign);

  // A size in bytes: a number and a unit B, KB (1024 B) or MB (1024 KB).
  std::optional<double> size_bytes(const Node& n, const std::string& path, Sign sign);

  // A duration in ns or a size in bytes, as a double.
  std::optional<double> quantity(const Node& n, const std::string& path, Quantity q, Sign sign);

  // A scalar (constant) or a map naming exactly one distribution kind.
  // extra_keys are other keys the caller accepts beside the kinds (for the
  // suggestions only).
  std::optional<sim::Distribution> distribution(const Node& n, const std::string& path, Quantity q,
                                                const std::vector<std::string>& extra_keys = {});

  // A latency: a duration (constant), a distribution, or {base, jitter}.
  std::optional<sim::LatencyModel> latency(const Node& n, const std::string& path);

 private:
  std::optional<sim::Distribution> distribution_params(const std::string& kind, const Node& p,
                                                       const std::string& path, Quantity q);
  // {percentile: value, ...}: percentiles from 0 to 100 strictly increasing
  // in file order, values non-decreasing.
  std::optional<sim::Distribution> empirical(const Node& p, const std::string& path, Quantity q);

  std::string file_;
  std::vector<model::Diagnostic>* out_;
};

}  // namespace load
