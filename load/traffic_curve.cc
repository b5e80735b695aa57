#include "load/traffic_curve.h"

#include <algorithm>

#include <fmt/format.h>

namespace load {

using model::RateCurve;
using model::RateStep;

namespace {

constexpr const char* kCurveExpected =
    "a curve map, e.g. {diurnal: {mean: 2000, peak_to_trough: 3, peak_at: 14h, timezone_offset: -5h}}";
const std::vector<std::string> kBases = {"base", "points", "diurnal", "trace"};
// One request per 1,000,000 s, as for a constant rate (load/workload_section.cc).
constexpr double kMeanPerSecondMin = 0.000001;
constexpr size_t kStepsMax = 10'000;
constexpr size_t kPointsMax = 100'000;

}  // namespace

std::optional<RateCurve> TrafficCurveChecker::curve(const Node& n, const std::string& path, sim::Duration run) {
  static const std::vector<std::string> kKeys = {"base", "points", "repeat", "diurnal", "trace", "steps"};
  if (!check_map(n, path, &kKeys, {}, kCurveExpected)) return std::nullopt;
  const bool all_known = std::all_of(n.entries.begin(), n.entries.end(), [](const auto& e) {
    return e.first->is_scalar() && std::find(kKeys.begin(), kKeys.end(), e.first->text) != kKeys.end();
  });
  std::optional<RateCurve> curve = base(n, path, run, all_known);
  if (const Node* s = get(n, "steps")) {
    const std::optional<std::vector<RateStep>> laid = steps(*s, join(path, "steps"), run);
    if (curve && laid) {
      curve = model::stepped_rate(*curve, *laid);
    } else {
      curve.reset();
    }
  } else if (curve && get(n, "base") != nullptr) {
    error(n, "missing required key 'steps' in " + path + ": a 'base' rate is changed by its steps (a rate that "
             "never changes is a number, e.g. rate: 1000)");
    curve.reset();
  }
  if (!curve || !all_known) return std::nullopt;
  if (curve->peak(sim::Instant::zero(), sim::Instant::zero() + run) <= 0) {
    error(n, fmt::format("{}: the curve is 0 throughout the run (0s to {}): no request would be sent", path,
                         sim::format_duration(run)));
    return std::nullopt;
  }
  return curve;
}

std::optional<RateCurve> TrafficCurveChecker::base(const Node& n, const std::string& path, sim::Duration run,
                                                   bool all_known) {
  const Node* kind = nullptr;  // the key naming the base
  for (const auto& [key, value] : n.entries) {
    if (!key->is_scalar() || std::find(kBases.begin(), kBases.end(), key->text) == kBases.end()) continue;
    if (kind != nullptr) {
      error(*key, fmt::format("{}: '{}' and '{}' cannot be combined: a curve has one base ('base', 'points', "
                              "'diurnal' or 'trace'), with 'steps' laid over it",
                              path, kind->text, key->text));
      return std::nullopt;
    }
    kind = key.get();
  }
  const Node* repeat_node = get(n, "repeat");
  if (kind == nullptr && all_known) {
    // An unknown key is most likely the base misspelt: its error says enough.
    error(n, "missing a base in " + path + ": expected one of 'base', 'points', 'diurnal' or 'trace'");
  }
  if (repeat_node != nullptr && (kind == nullptr || kind->text != "points")) {
    error(*repeat_node, join(path, "repeat") + ": only 'points' repeat" +
                            (kind != nullptr ? ", found with '" + kind->text + "'" : std::string()));
    return std::nullopt;
  }
  if (kind == nullptr) return std::nullopt;
  const Node& value = *get(n, kind->text);
  const std::string vpath = join(path, kind->text);
  if (kind->text == "base") {
    const std::optional<double> rate = rate_value(value, vpath);
    if (!rate) return std::nullopt;
    return model::constant_rate(*rate);
  }
  if (kind->text == "points") {
    const std::optional<bool> daily =
        repeat_node != nullptr ? repeat(*repeat_node, join(path, "repeat")) : std::optional<bool>(false);
    std::optional<RateCurve> curve = points(value, vpath, daily.value_or(false), run);
    if (!daily) return std::nullopt;
    return curve;
  }
  if (kind->text == "diurnal") return diurnal(value, vpath);
  return traces_->trace(value, vpath, run);
}

std::optional<bool> TrafficCurveChecker::repeat(const Node& n, const std::string& path) {
  static const std::vector<std::string> kRepeats = {"none", "daily"};
  if (n.is_scalar() && (n.text == "none" || n.text == "daily")) return n.text == "daily";
  error(n, path + ": expected 'none' or 'daily', found " + describe(n) +
               (n.is_scalar() ? did_you_mean(n.text, kRepeats) : ""));
  return std::nullopt;
}

std::optional<double> TrafficCurveChecker::rate_value(const Node& n, const std::string& path) {
  const std::optional<double> rate = number(n, path);
  if (!rate || !check_sign(n, path, *rate, Sign::kNonNegative, true)) return std::nullopt;
  if (*rate > kRatePerSecondMax) {
    error(n, path + ": must be at most 10000000 requests per second, found " + n.text);
    return std::nullopt;
  }
  return rate;
}

std::optional<RateCurve> TrafficCurveChecker::points(const Node& n, const std::string& path, bool daily,
                                                     sim::Duration run) {
  constexpr const char* kExpected = "a map of time to rate, e.g. {0h: 1000, 8h: 3000, 20h: 800}";
  if (n.is_map() && n.entries.empty()) {
    error(n, path + ": expected " + kExpected + "; found an empty map");
    return std::nullopt;
  }
  if (!check_map(n, path, nullptr, {}, kExpected)) return std::nullopt;  // also: duplicate keys  // duplicate or non-scalar keys
  if (n.entries.size() > kPointsMax) {
    error(n, fmt::format("{}: at most {} points, found {}", path, kPointsMax, n.entries.size()));
    return std::nullopt;
  }
  std::vector<model::RatePoint> out;
  bool ok = true;
  const Node* previous = nullptr;  // the key of the last time read
  sim::Duration previous_at;
  for (const auto& [key, value] : n.entries) {
    if (!key->is_scalar()) {
      ok = false;
      continue;
    }
    const std::string kpath = join(path, key->text);
    const std::optional<sim::Duration> at = duration(*key, kpath, Sign::kNonNegative);
    const std::optional<double> rate = rate_value(*value, kpath);
    ok = at && rate && ok;
    if (!at) continue;
    if (daily && *at >= sim::Duration::hours(24)) {
      error(*key, kpath + ": must be less than 24h with repeat: daily (a time of day), found '" + key->text + "'");
      ok = false;
    } else if (previous != nullptr && *at <= previous_at && previous->text != key->text) {
      error(*key, fmt::format("{}: {} is not after {}: points must be in time order", kpath, key->text,
                              previous->text));
      ok = false;
    }
    if (previous == nullptr || *at > previous_at) {
      previous = key.get();
      previous_at = *at;
    }
    if (ok) out.push_back(model::RatePoint{*at, *rate});
  }
  if (!ok) return std::nullopt;
  return model::points_rate(out, daily, run);
}

std::optional<RateCurve> TrafficCurveChecker::diurnal(const Node& n, const std::string& path) {
  static const std::vector<std::string> kKeys = {"mean", "peak_to_trough", "peak_at", "timezone_offset"};
  if (!check_map(n, path, &kKeys, {"mean", "peak_to_trough", "peak_at"},
                 "a map, e.g. {mean: 2000, peak_to_trough: 3, peak_at: 14h, timezone_offset: -5h}") ||
      !has_all(n, {"mean", "peak_to_trough", "peak_at"})) {
    return std::nullopt;
  }
  model::DiurnalRate d;
  bool ok = true;
  const Node& mean_node = *get(n, "mean");
  const std::optional<double> mean = number(mean_node, join(path, "mean"));
  if (mean && *mean < kMeanPerSecondMin) {
    error(mean_node, join(path, "mean") + ": must be at least 0.000001 requests per second, found " + mean_node.text);
    ok = false;
  }
  const Node& ratio_node = *get(n, "peak_to_trough");
  const std::optional<double> ratio = number(ratio_node, join(path, "peak_to_trough"));
  if (ratio && !(*ratio >= 1)) {
    error(ratio_node, join(path, "peak_to_trough") + ": must be at least 1 (1 is a flat rate), found " +
                          ratio_node.text);
    ok = false;
  }
  const Node& peak_node = *get(n, "peak_at");
  const std::optional<sim::Duration> peak_at = duration(peak_node, join(path, "peak_at"), Sign::kNonNegative);
  if (peak_at && *peak_at >= sim::Duration::hours(24)) {
    error(peak_node, join(path, "peak_at") + ": must be a time of day, less than 24h, found '" + peak_node.text + "'");
    ok = false;
  }
  std::optional<sim::Duration> offset = sim::Duration::zero();
  if (const Node* v = get(n, "timezone_offset")) {
    offset = duration(*v, join(path, "timezone_offset"), Sign::kAny);
    if (offset && (*offset < sim::Duration::hours(-12) || *offset > sim::Duration::hours(14))) {
      error(*v, join(path, "timezone_offset") + ": must be from -12h to 14h (UTC-12:00 to UTC+14:00), found '" +
                    v->text + "'");
      ok = false;
    }
  }
  if (!ok || !mean || !ratio || !peak_at || !offset) return std::nullopt;
  const double peak = *mean * 2 * *ratio / (1 + *ratio);
  if (peak > kRatePerSecondMax) {
    error(n, fmt::format("{}: its peak, mean x 2 x peak_to_trough / (1 + peak_to_trough) = {}, must be at most "
                         "10000000 requests per second",
                         path, peak));
    return std::nullopt;
  }
  d.mean_per_second = *mean;
  d.peak_to_trough = *ratio;
  d.peak_at = *peak_at;
  d.timezone_offset = *offset;
  return model::diurnal_rate(d);
}

std::optional<std::vector<RateStep>> TrafficCurveChecker::steps(const Node& n, const std::string& path,
                                                                sim::Duration run) {
  constexpr const char* kExpected = "a non-empty sequence of steps, e.g. [{at: 10m, rate: 5000, for: 2m}]";
  if (n.is_sequence() && n.items.empty()) {
    error(n, path + ": expected " + kExpected + "; found an empty sequence");
    return std::nullopt;
  }
  if (!n.is_sequence()) {
    mismatch(n, path, kExpected);
    return std::nullopt;
  }
  if (n.items.size() > kStepsMax) {
    error(n, fmt::format("{}: at most {} steps, found {}", path, kStepsMax, n.items.size()));
    return std::nullopt;
  }
  std::vector<RateStep> out;
  bool ok = true;
  for (size_t i = 0; i < n.items.size(); ++i) {
    const std::optional<RateStep> s = step(*n.items[i], index(path, i), run);
    if (!s) {
      ok = false;
      continue;
    }
    if (!out.empty() && s->at <= out.back().at) {
      error(*get(*n.items[i], "at"),
            fmt::format("{}: {} is not after the step before it ({}): steps must be in time order",
                        join(index(path, i), "at"), sim::format_duration(s->at), sim::format_duration(out.back().at)));
      ok = false;
      continue;
    }
    out.push_back(*s);
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<RateStep> TrafficCurveChecker::step(const Node& n, const std::string& path, sim::Duration run) {
  static const std::vector<std::string> kKeys = {"at", "rate", "for"};
  if (!check_map(n, path, &kKeys, {"at", "rate"}, "a step map, e.g. {at: 10m, rate: 5000, for: 2m}") ||
      !has_all(n, {"at", "rate"})) {
    return std::nullopt;
  }
  RateStep s;
  const Node& at_node = *get(n, "at");
  std::optional<sim::Duration> at = duration(at_node, join(path, "at"), Sign::kNonNegative);
  if (at && *at > run) {
    error(at_node, fmt::format("{}: {} is after the end of the run (duration {})", join(path, "at"),
                               sim::format_duration(*at), sim::format_duration(run)));
    at.reset();
  }
  const std::optional<double> rate = rate_value(*get(n, "rate"), join(path, "rate"));
  std::optional<sim::Duration> length = sim::Duration::max();
  if (const Node* v = get(n, "for")) length = duration(*v, join(path, "for"), Sign::kPositive);
  if (!at || !rate || !length) return std::nullopt;
  s.at = *at;
  s.per_second = *rate;
  s.length = *length;
  return s;
}

}  // namespace load
