// Rate shapes: the scenario's forms of a traffic curve (scenarios/README.md,
// "Traffic curves"), each built as a model::RateCurve (model/rate_curve.h):
// a constant; straight lines through points, once or every day; the daily
// wave; steps and spikes laid over any of them; and a trace's totals per
// period. True time 0 is 00:00 UTC.
//
// The loader checks what a user wrote (load/traffic_curve.h); these take
// values already checked and assert what they require. Determinism: pure
// functions of their arguments.
#pragma once

#include <vector>

#include "model/rate_curve.h"
#include "sim/time.h"

namespace model {

struct RatePoint {
  sim::Duration at;         // true time since the start (a time of day when repeated daily)
  double per_second = 0;    // the rate there, >= 0
};

// `diurnal: {mean, peak_to_trough, peak_at, timezone_offset}`: a cosine
// over 24 h whose highest over lowest rate is peak_to_trough, highest at
// peak_at local time, local time being UTC + timezone_offset. Its mean over
// any whole day is mean_per_second.
struct DiurnalRate {
  double mean_per_second = 0;   // > 0
  double peak_to_trough = 1;    // >= 1 (1: flat)
  sim::Duration peak_at;        // a local time of day, [0, 24h)
  sim::Duration timezone_offset;  // local minus UTC, e.g. -5h for New York in winter
};

// `{at, rate, for}`: from `at` the rate is `per_second`, for `length`
// (Duration::max(): to the end). Of two steps in force at once, the one that
// began later wins; when it ends, what lies beneath shows again.
struct RateStep {
  sim::Duration at;
  double per_second = 0;
  sim::Duration length = sim::Duration::max();
};

RateCurve constant_rate(double per_second);

// Straight lines between consecutive points; the first point's rate before
// it, the last one's after it. With repeat_daily every point is a time of day
// (< 24h) and the day repeats, its last point joined to the next day's
// first, up to `horizon` (the run's duration), from where the rate holds.
// REQUIRES: points not empty, `at` strictly increasing and >= 0.
RateCurve points_rate(const std::vector<RatePoint>& points, bool repeat_daily, sim::Duration horizon);

RateCurve diurnal_rate(const DiurnalRate& diurnal);

// The steps laid over base. REQUIRES: steps not empty, `at` strictly
// increasing and >= 0, lengths > 0.
RateCurve stepped_rate(const RateCurve& base, const std::vector<RateStep>& steps);

// A trace: totals[i] requests (or units) in the i-th period after the
// start, as CloudWatch's Sum statistic gives them; the rate of period i,
// totals[i] / period x scale, is placed at the period's middle, with straight
// lines between middles, held before the first and after the last
// (docs/model.md: the interpolation's assumption). REQUIRES: totals not
// empty, each >= 0; period > 0; scale > 0.
RateCurve period_totals_rate(const std::vector<double>& totals, sim::Duration period, double scale);

}  // namespace model
