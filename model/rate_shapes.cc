#include "model/rate_shapes.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "sim/assert.h"

namespace model {
namespace {

struct Knot {
  int64_t at_ns;
  double per_second;
};

double seconds(int64_t ns) { return static_cast<double>(ns) / sim::kNanosecondsPerSecondDouble; }

// Straight lines through knots in time order (the first may lie before 0):
// the first knot's rate before it, the last one's after it.
RateCurve lines_through(const std::vector<Knot>& knots) {
  GTSIM_ASSERT(!knots.empty());
  std::vector<RatePiece> pieces;
  if (knots.front().at_ns > 0) pieces.push_back(RatePiece{0, knots.front().per_second, 0, 0, 0});
  for (size_t i = 0; i + 1 < knots.size(); ++i) {
    const Knot& a = knots[i];
    const Knot& b = knots[i + 1];
    GTSIM_ASSERT(b.at_ns > a.at_ns);
    if (b.at_ns <= 0) continue;
    const double slope = (b.per_second - a.per_second) / seconds(b.at_ns - a.at_ns);
    const int64_t start = std::max<int64_t>(0, a.at_ns);
    const double level = std::max(0.0, a.per_second + slope * seconds(start - a.at_ns));
    pieces.push_back(RatePiece{start, level, slope, 0, 0});
  }
  const Knot& last = knots.back();
  if (last.at_ns <= 0) {
    pieces.clear();
    pieces.push_back(RatePiece{0, last.per_second, 0, 0, 0});
  } else {
    pieces.push_back(RatePiece{last.at_ns, last.per_second, 0, 0, 0});
  }
  return RateCurve(std::move(pieces));
}

// The pieces of curve over [from, to), the first one cut to start at from.
void slice(const RateCurve& curve, int64_t from, int64_t to, std::vector<RatePiece>* out) {
  const std::vector<RatePiece>& pieces = curve.pieces();
  for (size_t k = 0; k < pieces.size(); ++k) {
    const int64_t end = k + 1 < pieces.size() ? pieces[k + 1].start_ns : INT64_MAX;
    if (end <= from || pieces[k].start_ns >= to) continue;
    RatePiece piece = pieces[k];
    if (piece.start_ns < from) {
      piece.level = std::max(0.0, piece.level + piece.slope * seconds(from - piece.start_ns));
      piece.start_ns = from;
    }
    out->push_back(piece);
  }
}

}  // namespace

RateCurve constant_rate(double per_second) {
  GTSIM_ASSERT(per_second >= 0);
  return RateCurve({RatePiece{0, per_second, 0, 0, 0}});
}

RateCurve points_rate(const std::vector<RatePoint>& points, bool repeat_daily, sim::Duration horizon) {
  GTSIM_ASSERT(!points.empty());
  std::vector<Knot> knots;
  if (!repeat_daily || points.size() == 1) {
    for (const RatePoint& p : points) knots.push_back(Knot{p.at.ns(), p.per_second});
    return lines_through(knots);
  }
  const int64_t day = sim::Duration::hours(24).ns();
  GTSIM_ASSERT(points.back().at.ns() < day);
  knots.push_back(Knot{points.back().at.ns() - day, points.back().per_second});  // yesterday's last
  for (int64_t start = 0;; start += day) {
    for (const RatePoint& p : points) knots.push_back(Knot{start + p.at.ns(), p.per_second});
    if (knots.back().at_ns >= horizon.ns()) break;
  }
  return lines_through(knots);
}

RateCurve diurnal_rate(const DiurnalRate& d) {
  GTSIM_ASSERT(d.mean_per_second > 0 && d.peak_to_trough >= 1);
  const double swing = (d.peak_to_trough - 1) / (d.peak_to_trough + 1);  // amplitude / mean
  if (swing == 0) return constant_rate(d.mean_per_second);
  // Local time = UTC + offset, so the crest in UTC is peak_at - offset, within a day.
  double crest = std::fmod(seconds((d.peak_at - d.timezone_offset).ns()), kDaySeconds);
  if (crest < 0) crest += kDaySeconds;
  return RateCurve({RatePiece{0, d.mean_per_second, 0, d.mean_per_second * swing, crest}});
}

RateCurve stepped_rate(const RateCurve& base, const std::vector<RateStep>& steps) {
  GTSIM_ASSERT(!steps.empty() && !base.empty());
  std::vector<int64_t> edges = {0};
  for (size_t i = 0; i < steps.size(); ++i) {
    GTSIM_ASSERT(steps[i].at.ns() >= 0 && steps[i].length.ns() > 0);
    GTSIM_ASSERT(i == 0 || steps[i].at > steps[i - 1].at);
    edges.push_back(steps[i].at.ns());
    if (steps[i].length != sim::Duration::max()) edges.push_back((steps[i].at + steps[i].length).ns());
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  std::vector<RatePiece> pieces;
  for (size_t e = 0; e < edges.size(); ++e) {
    const int64_t from = edges[e];
    const int64_t to = e + 1 < edges.size() ? edges[e + 1] : INT64_MAX;
    const RateStep* on = nullptr;  // the latest step in force over [from, to)
    for (const RateStep& step : steps) {
      const bool endless = step.length == sim::Duration::max();
      if (step.at.ns() <= from && (endless || from < (step.at + step.length).ns())) on = &step;
    }
    if (on != nullptr) {
      pieces.push_back(RatePiece{from, on->per_second, 0, 0, 0});
    } else {
      slice(base, from, to, &pieces);
    }
  }
  return RateCurve(std::move(pieces));
}

RateCurve period_totals_rate(const std::vector<double>& totals, sim::Duration period, double scale) {
  GTSIM_ASSERT(!totals.empty() && period.ns() > 0 && scale > 0);
  std::vector<Knot> knots;
  knots.reserve(totals.size());
  const double period_s = seconds(period.ns());
  for (size_t i = 0; i < totals.size(); ++i) {
    GTSIM_ASSERT(totals[i] >= 0);
    const int64_t middle = period.ns() * static_cast<int64_t>(i) + period.ns() / 2;
    knots.push_back(Knot{middle, totals[i] / period_s * scale});
  }
  return lines_through(knots);
}

}  // namespace model
