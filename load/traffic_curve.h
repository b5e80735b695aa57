// TrafficCurveChecker: a client group's `rate` when it is a curve
// (scenarios/README.md, "Traffic curves"): a map of one base, `base: N`,
// `points: {TIME: RATE, ...}` (with `repeat: none | daily`), `diurnal:
// {mean, peak_to_trough, peak_at, timezone_offset}`,
// and `steps: [{at, rate, for}, ...]` laid over it (required with `base`).
// Rates are requests per second, from 0 to 10,000,000; times are durations
// since the run's start (00:00 UTC). The curve is built by model/rate_shapes.h.
//
// Reports every problem as a Diagnostic; never throws. Determinism: a pure
// function of the tree.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "load/scenario_values.h"
#include "load/traffic_trace.h"
#include "model/rate_curve.h"
#include "model/rate_shapes.h"
#include "sim/time.h"

namespace load {

// The highest rate a client group may have, in requests per second.
inline constexpr double kRatePerSecondMax = 10'000'000;

class TrafficCurveChecker : public ValueChecker {
 public:
  // Trace files are read through *traces, which must outlive this checker.
  TrafficCurveChecker(std::string file, std::vector<model::Diagnostic>* out, TraceReader* traces)
      : ValueChecker(std::move(file), out), traces_(traces) {}

  // The curve of the map n at path, for a run of `run`; nullopt after
  // reporting. A curve that is 0 all through the run is refused.
  std::optional<model::RateCurve> curve(const Node& n, const std::string& path, sim::Duration run);

 private:
  // The base form the map names, before steps; all_known: the map has no
  // unknown key (else a missing base is not reported: the unknown key's
  // error names the one misspelt).
  std::optional<model::RateCurve> base(const Node& n, const std::string& path, sim::Duration run, bool all_known);
  std::optional<model::RateCurve> points(const Node& n, const std::string& path, bool daily,
                                         sim::Duration run);
  std::optional<model::RateCurve> diurnal(const Node& n, const std::string& path);
  std::optional<std::vector<model::RateStep>> steps(const Node& n, const std::string& path,
                                                    sim::Duration run);
  std::optional<model::RateStep> step(const Node& n, const std::string& path, sim::Duration run);
  // `repeat:`: true for daily.
  std::optional<bool> repeat(const Node& n, const std::string& path);
  // A rate in a curve: a finite number from 0 to kRatePerSecondMax.
  std::optional<double> rate_value(const Node& n, const std::string& path);

  TraceReader* traces_;
};

}  // namespace load
