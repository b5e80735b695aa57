#include "load/scenario_values.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <system_error>
#include <unordered_map>

#include "model/nearest_word.h"

namespace load {

using model::nearest_word;

namespace {

enum class NumberStatus { kOk, kNotANumber, kNotFinite };

NumberStatus parse_number(std::string_view s, double* out) {
  static const std::vector<std::string_view> kNonFinite = {
      ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN"};
  if (std::find(kNonFinite.begin(), kNonFinite.end(), s) != kNonFinite.end()) {
    return NumberStatus::kNotFinite;
  }
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  if (s.empty()) return NumberStatus::kNotANumber;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (end != s.data() + s.size()) return NumberStatus::kNotANumber;
  if (ec == std::errc::result_out_of_range) return NumberStatus::kNotFinite;
  if (ec != std::errc()) return NumberStatus::kNotANumber;
  if (!std::isfinite(value)) return NumberStatus::kNotFinite;
  *out = value;
  return NumberStatus::kOk;
}

constexpr int64_t kDurationMaxNs = 1000 * sim::Duration::kNanosecondsPerHour;
constexpr const char* kDurationExpected =
    "a duration with a unit (ns, us, ms, s, m, h), e.g. '150ms'";
constexpr const char* kSizeExpected = "a size with a unit (B, KB, MB), e.g. '1KB'";

const std::vector<std::string> kDistributionKinds = {"constant", "uniform",     "normal",   "lognormal",
                                                     "exponential", "pareto", "empirical"};

}  // namespace

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string describe(const Node& n) {
  switch (n.kind) {
    case Node::Kind::kNull:
      return "an empty value";
    case Node::Kind::kScalar:
      return "'" + n.text + "'";
    case Node::Kind::kSequence:
      return "a sequence";
    case Node::Kind::kMap:
      return "a map";
  }
  return "?";
}

std::string quoted_list(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ", ";
    out += "'" + words[i] + "'";
  }
  return out;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::optional<std::string> near = nearest_word(word, candidates);
  if (!near || *near == word) return "";
  return "; did you mean '" + *near + "'?";
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}
std::string index(const std::string& path, size_t i) { return path + "[" + std::to_string(i) + "]"; }

std::string at_path(const std::string& path) { return path.empty() ? "" : path + ": "; }

void ValueChecker::error(const Node& at, std::string message) {
  out_->push_back(diagnostic_at(file_, at.origin, at.line, at.column, std::move(message)));
}

void ValueChecker::warning(const Node& at, std::string message) {
  model::Diagnostic d = diagnostic_at(file_, at.origin, at.line, at.column, std::move(message));
  d.warning = true;
  out_->push_back(std::move(d));
}

void ValueChecker::mismatch(const Node& n, const std::string& path, std::string_view what) {
  const bool has_example = what.find("e.g.") != std::string_view::npos;
  error(n, at_path(path) + "expected " + std::string(what) + (has_example ? "; found " : ", found ") +
               describe(n));
}

bool ValueChecker::check_map(const Node& n, const std::string& path, const std::vector<std::string>* allowed,
                             const std::vector<std::string>& required, std::string_view what) {
  if (!n.is_map()) {
    mismatch(n, path, what);
    return false;
  }
  const std::string where = path.empty() ? " at the top level" : " in " + path;
  // The first key of each name: a hash map, so a map of 200,000 entries
  // (an empirical distribution) is checked in linear time.
  std::unordered_map<std::string_view, const Node*> first_of;
  first_of.reserve(n.entries.size());
  for (size_t i = 0; i < n.entries.size(); ++i) {
    const Node& key = *n.entries[i].first;
    if (!key.is_scalar()) {
      error(key, at_path(path) + "expected a key name, found " + describe(key));
      continue;
    }
    const auto [it, inserted] = first_of.emplace(key.text, &key);
    const Node* first = inserted ? nullptr : it->second;
    if (first != nullptr) {
      std::string message = "duplicate key '" + key.text + "'" + (path.empty() ? "" : " in " + path);
      if (first->origin.empty() && first->line >= 0) {
        message += " (first at line " + std::to_string(first->line + 1) + ")";
      }
      error(key, message);
      continue;
    }
    if (allowed != nullptr && std::find(allowed->begin(), allowed->end(), key.text) == allowed->end()) {
      const std::string hint = did_you_mean(key.text, *allowed);
      error(key, "unknown key '" + key.text + "'" + where +
                     (hint.empty() ? "; expected one of " + quoted_list(*allowed) : hint));
    }
  }
  for (const std::string& key : required) {
    if (get(n, key) == nullptr) error(n, "missing required key '" + key + "'" + where);
  }
  return true;
}

const Node* ValueChecker::get(const Node& map, std::string_view key) {
  for (const auto& [k, v] : map.entries) {
    if (k->is_scalar() && k->text == key) return v.get();
  }
  return nullptr;
}

bool ValueChecker::has_all(const Node& map, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (get(map, key) == nullptr) return false;
  }
  return true;
}

Node ValueChecker::without_keys(const Node& map, std::initializer_list<const char*> keys) {
  Node rest = map;
  rest.entries.erase(std::remove_if(rest.entries.begin(), rest.entries.end(),
                                    [&](const auto& e) {
                                      return e.first->is_scalar() &&
                                             std::any_of(keys.begin(), keys.end(),
                                                         [&](const char* k) { return e.first->text == k; });
                                    }),
                     rest.entries.end());
  return rest;
}

std::optional<std::string> ValueChecker::string(const Node& n, const std::string& path) {
  if (!n.is_scalar()) {
    mismatch(n, path, "a string");
    return std::nullopt;
  }
  return n.text;
}

std::optional<uint64_t> ValueChecker::integer(const Node& n, const std::string& path, uint64_t min, uint64_t max) {
  const char* what = min >= 1 ? "a positive integer" : "a non-negative integer";
  const bool digits = n.is_scalar() && !n.text.empty() &&
                      std::all_of(n.text.begin(), n.text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) {
    mismatch(n, path, what);
    return std::nullopt;
  }
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(n.text.data(), n.text.data() + n.text.size(), value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc() && value > max)) {
    error(n, at_path(path) + "must be at most " + std::to_string(max) + ", found " + n.text);
    return std::nullopt;
  }
  if (ec != std::errc() || end != n.text.data() + n.text.size() || value < min) {
    mismatch(n, path, what);
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ValueChecker::boolean(const Node& n, const std::string& path) {
  if (n.is_scalar() && (n.text == "true" || n.text == "false")) return n.text == "true";
  mismatch(n, path, "true or false");
  return std::nullopt;
}

std::optional<double> ValueChecker::number(const Node& n, const std::string& path) {
  double value = 0;
  const NumberStatus status = n.is_scalar() ? parse_number(n.text, &value) : NumberStatus::kNotANumber;
  if (status == NumberStatus::kNotFinite) {
    mismatch(n, path, "a finite number");
    return std::nullopt;
  }
  if (status != NumberStatus::kOk) {
    mismatch(n, path, "a number");
    return std::nullopt;
  }
  return value;
}

std::optional<double> ValueChecker::percentage(const Node& n, const std::string& path, bool open_low,
                                               bool open_high) {
  double value = 0;
  NumberStatus status = NumberStatus::kNotANumber;
  if (n.is_scalar()) {
    std::string_view text = n.text;
    if (!text.empty() && text.back() == '%') text = trim(text.substr(0, text.size() - 1));
    status = parse_number(text, &value);
  }
  if (status != NumberStatus::kOk) {
    mismatch(n, path, status == NumberStatus::kNotFinite ? "a finite percentage"
                                                         : "a percentage, e.g. 80 or '80%'");
    return std::nullopt;
  }
  const bool low_ok = open_low ? value > 0 : value >= 0;
  const bool high_ok = open_high ? value < 100 : value <= 100;
  if (!low_ok || !high_ok) {
    const std::string range = open_low || open_high
                                  ? "greater than 0 and less than 100"  // the only open range we use
                                  : "between 0 and 100";
    error(n, at_path(path) + "percentage must be " + range + ", found " + n.text);
    return std::nullopt;
  }
  return value;
}

bool ValueChecker::check_sign(const Node& n, const std::string& path, double value, Sign sign, bool is_number) {
  const std::string found = is_number ? n.text : describe(n);
  if (sign == Sign::kPositive && !(value > 0)) {
    error(n, at_path(path) + "must be positive, found " + found);
    return false;
  }
  if (sign == Sign::kNonNegative && value < 0) {
    error(n, at_path(path) + "must not be negative, found " + found);
    return false;
  }
  return true;
}

std::optional<sim::Duration> ValueChecker::duration(const Node& n, const std::string& path, Sign sign) {
  if (!n.is_scalar()) {
    mismatch(n, path, kDurationExpected);
    return std::nullopt;
  }
  const std::string range = sign == Sign::kAny ? "between -1000h and 1000h" : "at most 1000h";
  std::string reason;
  const std::optional<sim::Duration> d = sim::parse_duration(n.text, &reason);
  if (!d) {
    if (reason == "overflows 64-bit nanoseconds") {
      error(n, at_path(path) + "must be " + range + ", found " + describe(n));
    } else if (reason == "not a whole number of nanoseconds") {
      error(n, at_path(path) + "must be a whole number of nanoseconds, found " + describe(n));
    } else if (reason.rfind("unknown unit", 0) == 0) {
      error(n, at_path(path) + "expected " + kDurationExpected + "; found " + describe(n) + " (" +
                   reason + ")");
    } else {
      mismatch(n, path, kDurationExpected);
    }
    return std::nullopt;
  }
  if (!check_sign(n, path, static_cast<double>(d->ns()), sign)) return std::nullopt;
  if (d->ns() > kDurationMaxNs || d->ns() < -kDurationMaxNs) {
    error(n, at_path(path) + "must be " + range + ", found " + describe(n));
    return std::nullopt;
  }
  return d;
}

// A size in bytes: a number and a unit B, KB (1024 B) or MB (1024 KB).
std::optional<double> ValueChecker::size_bytes(const Node& n, const std::string& path, Sign sign) {
  std::optional<double> bytes;
  if (n.is_scalar()) {
    std::string_view text = n.text;
    double unit = 0;
    if (text.size() >= 2 && text.substr(text.size() - 2) == "KB") {
      unit = 1024;
      text.remove_suffix(2);
    } else if (text.size() >= 2 && text.substr(text.size() - 2) == "MB") {
      unit = 1024 * 1024;
      text.remove_suffix(2);
    } else if (!text.empty() && text.back() == 'B') {
      unit = 1;
      text.remove_suffix(1);
    }
    double value = 0;
    if (unit > 0 && parse_number(text, &value) == NumberStatus::kOk && std::isfinite(value * unit)) {
      bytes = value * unit;
    }
  }
  if (!bytes) {
    mismatch(n, path, kSizeExpected);
    return std::nullopt;
  }
  if (!check_sign(n, path, *bytes, sign)) return std::nullopt;
  return bytes;
}

std::optional<double> ValueChecker::quantity(const Node& n, const std::string& path, Quantity q, Sign sign) {
  if (q == Quantity::kSize) return size_bytes(n, path, sign);
  const std::optional<sim::Duration> d = duration(n, path, sign);
  if (!d) return std::nullopt;
  return static_cast<double>(d->ns());
}

std::optional<sim::Distribution> ValueChecker::distribution(const Node& n, const std::string& path, Quantity q,
                                              const std::vector<std::string>& extra_keys) {
  const Sign constant_sign = q == Quantity::kSize ? Sign::kPositive : Sign::kNonNegative;
  if (n.is_scalar()) {
    const std::optional<double> v = quantity(n, path, q, constant_sign);
    if (!v) return std::nullopt;
    return sim::Distribution::constant(*v);
  }
  std::vector<std::string> allowed = kDistributionKinds;
  allowed.insert(allowed.end(), extra_keys.begin(), extra_keys.end());
  const std::string kinds = "one of " + quoted_list(kDistributionKinds);
  if (!n.is_map()) {
    mismatch(n, path, q == Quantity::kSize ? "a size, e.g. '1KB', or a map naming a distribution"
                                           : "a duration, e.g. '35ms', or a map naming a distribution");
    return std::nullopt;
  }
  if (n.entries.empty()) {
    error(n, at_path(path) + "expected a distribution (" + kinds + "), found an empty map");
    return std::nullopt;
  }
  check_map(n, path, &allowed);
  const Node* kind_key = nullptr;
  const Node* params = nullptr;
  for (const auto& [key, value] : n.entries) {
    if (!key->is_scalar() ||
        std::find(kDistributionKinds.begin(), kDistributionKinds.end(), key->text) == kDistributionKinds.end()) {
      continue;
    }
    if (kind_key == nullptr) {
      kind_key = key.get();
      params = value.get();
    } else if (key->text != kind_key->text) {
      error(*key, at_path(path) + "expected exactly one distribution, found '" + kind_key->text + "' and '" +
                      key->text + "'");
      return std::nullopt;
    }
  }
  if (kind_key == nullptr) {
    if (std::none_of(n.entries.begin(), n.entries.end(), [](const auto& e) { return e.first->is_scalar(); })) {
      error(n, at_path(path) + "expected a distribution (" + kinds + ")");
    }
    return std::nullopt;
  }
  return distribution_params(kind_key->text, *params, join(path, kind_key->text), q);
}

std::optional<sim::Distribution> ValueChecker::distribution_params(const std::string& kind, const Node& p,
                                                     const std::string& path, Quantity q) {
  const Sign constant_sign = q == Quantity::kSize ? Sign::kPositive : Sign::kNonNegative;
  if (kind == "constant") {
    const std::optional<double> v = quantity(p, path, q, constant_sign);
    if (!v) return std::nullopt;
    return sim::Distribution::constant(*v);
  }
  if (kind == "empirical") return empirical(p, path, q);
  static const std::map<std::string, std::vector<std::string>> kParams = {
      {"uniform", {"min", "max"}},     {"normal", {"mean", "stddev"}},   {"lognormal", {"median", "p99"}},
      {"exponential", {"mean"}},       {"pareto", {"scale", "shape"}},
  };
  const std::vector<std::string>& names = kParams.at(kind);
  if (!check_map(p, path, &names, names)) return std::nullopt;
  auto param = [&](const std::string& name, Sign sign) -> std::optional<double> {
    const Node* v = get(p, name);
    if (v == nullptr) return std::nullopt;
    return quantity(*v, join(path, name), q, sign);
  };
  if (kind == "uniform") {
    const std::optional<double> min = param("min", Sign::kNonNegative);
    const std::optional<double> max = param("max", Sign::kNonNegative);
    if (!min || !max) return std::nullopt;
    if (*min > *max) {
      error(p, at_path(path) + "min must not exceed max, found min " + describe(*get(p, "min")) + " and max " +
                   describe(*get(p, "max")));
      return std::nullopt;
    }
    return sim::Distribution::uniform(*min, *max);
  }
  if (kind == "normal") {
    const std::optional<double> mean = param("mean", Sign::kPositive);
    const std::optional<double> stddev = param("stddev", Sign::kNonNegative);
    if (!mean || !stddev) return std::nullopt;
    return sim::Distribution::normal(*mean, *stddev);
  }
  if (kind == "lognormal") {
    const std::optional<double> median = param("median", Sign::kPositive);
    const std::optional<double> p99 = param("p99", Sign::kPositive);
    if (!median || !p99) return std::nullopt;
    if (!(*p99 > *median)) {
      error(p, at_path(path) + "p99 must be greater than median, found median " + describe(*get(p, "median")) +
                   " and p99 " + describe(*get(p, "p99")));
      return std::nullopt;
    }
    return sim::Distribution::lognormal_median_p99(*median, *p99);
  }
  if (kind == "exponential") {
    const std::optional<double> mean = param("mean", Sign::kPositive);
    if (!mean) return std::nullopt;
    return sim::Distribution::exponential(*mean);
  }
  // pareto
  const std::optional<double> scale = param("scale", Sign::kPositive);
  std::optional<double> shape;
  if (const Node* s = get(p, "shape")) {
    shape = number(*s, join(path, "shape"));
    if (shape && !check_sign(*s, join(path, "shape"), *shape, Sign::kPositive, true)) shape.reset();
  }
  if (!scale || !shape) return std::nullopt;
  return sim::Distribution::pareto(*scale, *shape);
}

// {percentile: value, ...}: percentiles from 0 to 100 strictly increasing
// in file order, values non-decreasing.
std::optional<sim::Distribution> ValueChecker::empirical(const Node& p, const std::string& path, Quantity q) {
  if (!check_map(p, path, nullptr, {}, "a map of percentile to value, e.g. {0: 30ms, 50: 40ms, 100: 90ms}")) {
    return std::nullopt;
  }
  std::vector<std::pair<double, double>> points;
  bool ok = true;
  const Node* previous_value = nullptr;
  const Node* previous_key = nullptr;
  for (const auto& [key, value] : p.entries) {
    if (!key->is_scalar()) {
      ok = false;  // reported by check_map
      continue;
    }
    const std::optional<double> percentile = percentage(*key, path);
    const std::optional<double> v = quantity(*value, join(path, key->text), q, Sign::kNonNegative);
    if (!percentile || !v) {
      ok = false;
      continue;
    }
    if (!points.empty() && !(*percentile > points.back().first)) {
      error(*key, at_path(path) + "percentiles must be strictly increasing, found " + key->text + " after " +
                      previous_key->text);
      ok = false;
    } else if (!points.empty() && *v < points.back().second) {
      error(*value, at_path(path) + "values must not decrease, found " + describe(*value) + " at " +
                        key->text + " after " + describe(*previous_value) + " at " + previous_key->text);
      ok = false;
    }
    points.emplace_back(*percentile, *v);
    previous_key = key.get();
    previous_value = value.get();
  }
  if (!ok) return std::nullopt;
  if (points.empty() || points.front().first != 0 || points.back().first != 100) {
    error(p, at_path(path) + "percentiles must start at 0 and end at 100");
    return std::nullopt;
  }
  return sim::Distribution::empirical(std::move(points));
}

std::optional<sim::LatencyModel> ValueChecker::latency(const Node& n, const std::string& path) {
  if (n.is_scalar()) {
    const std::optional<sim::Duration> d = duration(n, path, Sign::kNonNegative);
    if (!d) return std::nullopt;
    return sim::LatencyModel::fixed(*d);
  }
  if (n.is_map() && (get(n, "base") != nullptr || get(n, "jitter") != nullptr)) {
    static const std::vector<std::string> kKeys = {"base", "jitter"};
    check_map(n, path, &kKeys);
    bool ok = true;
    sim::Duration base;
    if (const Node* b = get(n, "base")) {
      const std::optional<sim::Duration> d = duration(*b, join(path, "base"), Sign::kNonNegative);
      ok = d.has_value();
      if (d) base = *d;
    }
    std::optional<sim::Distribution> jitter;
    if (const Node* j = get(n, "jitter")) {
      jitter = distribution(*j, join(path, "jitter"), Quantity::kDuration);
      ok = ok && jitter.has_value();
    }
    if (!ok) return std::nullopt;
    return sim::LatencyModel(base, std::move(jitter));
  }
  if (n.is_map() && n.entries.size() == 1) {
    if (const Node* c = get(n, "constant")) {
      const std::optional<sim::Duration> d = duration(*c, join(path, "constant"), Sign::kNonNegative);
      if (!d) return std::nullopt;
      return sim::LatencyModel::fixed(*d);
    }
  }
  std::optional<sim::Distribution> d = distribution(n, path, Quantity::kDuration, {"base", "jitter"});
  if (!d) return std::nullopt;
  return sim::LatencyModel(sim::Duration::zero(), std::move(d));
}

}  // namespace load
