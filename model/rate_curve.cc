#include "model/rate_curve.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

#include "sim/assert.h"

namespace model {
namespace {

constexpr double kOmega = 2.0 * std::numbers::pi / kDaySeconds;  // the wave's angular speed, rad/s
constexpr double kInfinity = std::numeric_limits<double>::infinity();

double start_s(const RatePiece& p) { return static_cast<double>(p.start_ns) / sim::kNanosecondsPerSecondDouble; }

// The rate s seconds after the piece's start (not clamped).
double piece_rate(const RatePiece& p, double s) {
  double rate = p.level + p.slope * s;
  if (p.wave != 0) rate += p.wave * std::cos(kOmega * ((start_s(p) - p.crest_s) + s));
  return rate;
}

// The integral of the rate over [a, a + d] seconds after the piece's start.
// The wave's part is sin(x + d) - sin(x) written as 2 cos(x + d/2) sin(d/2),
// which keeps its precision for a short d late in a long piece.
double piece_mass(const RatePiece& p, double a, double d) {
  double mass = p.level * d + p.slope * (a * d + 0.5 * d * d);
  if (p.wave != 0) {
    mass += p.wave * (2.0 / kOmega) * std::cos(kOmega * ((start_s(p) - p.crest_s) + a + 0.5 * d)) *
            std::sin(0.5 * kOmega * d);
  }
  return mass;
}

// A line: the d with level' d + slope d^2 / 2 = mass, level' the rate at a,
// in the form that is stable for either sign of slope; at most cap.
double solve_line(const RatePiece& p, double a, double mass, double cap) {
  if (mass <= 0) return 0;
  const double r0 = std::max(0.0, p.level + p.slope * a);
  if (p.slope == 0) return r0 > 0 ? std::min(mass / r0, cap) : cap;
  const double disc = std::max(0.0, r0 * r0 + 2.0 * p.slope * mass);
  const double denominator = r0 + std::sqrt(disc);
  return denominator > 0 ? std::min(2.0 * mass / denominator, cap) : cap;
}

// A wave: the d in [0, cap] with piece_mass(p, a, d) = mass, by Newton's
// method kept inside a bracket (the mass is increasing in d: its derivative
// is the rate, >= level - wave >= 0). A fixed rule, so deterministic.
double solve_wave(const RatePiece& p, double a, double mass, double cap) {
  if (mass <= 0) return 0;
  const double trough = p.level - p.wave;
  double lo = 0;
  double hi = trough > 0 ? mass / trough : mass / p.level;
  for (int i = 0; i < 200 && trough <= 0 && piece_mass(p, a, hi) < mass; ++i) hi *= 2;
  hi = std::min(hi, cap);
  double x = std::clamp(mass / p.level, lo, hi);
  for (int i = 0; i < 100; ++i) {
    const double f = piece_mass(p, a, x) - mass;
    if (f == 0) break;
    (f < 0 ? lo : hi) = x;
    const double slope = piece_rate(p, a + x);
    double next = slope > 0 ? x - f / slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const bool settled = std::fabs(next - x) <= 1e-12 * std::max(x, 1e-9);
    x = next;
    if (settled) break;
  }
  return x;
}

double solve(const RatePiece& p, double a, double mass, double cap) {
  return p.wave != 0 ? solve_wave(p, a, mass, cap) : solve_line(p, a, mass, cap);
}

}  // namespace

RateCurve::RateCurve(std::vector<RatePiece> pieces) : pieces_(std::move(pieces)) {
  GTSIM_ASSERT(!pieces_.empty());
  GTSIM_ASSERT(pieces_.front().start_ns == 0);
  for (size_t k = 0; k < pieces_.size(); ++k) {
    const RatePiece& p = pieces_[k];
    GTSIM_ASSERT(std::isfinite(p.level) && std::isfinite(p.slope) && std::isfinite(p.wave));
    GTSIM_ASSERT(p.wave == 0 || (p.slope == 0 && p.wave > 0 && p.wave <= p.level));
    GTSIM_ASSERT(p.level >= 0);
    if (k + 1 < pieces_.size()) {
      GTSIM_ASSERT(pieces_[k + 1].start_ns > p.start_ns);
      const double end = p.level + p.slope * length_s(k);
      GTSIM_ASSERT(end >= -1e-9 * std::max(1.0, p.level));
    }
  }
  GTSIM_ASSERT(pieces_.back().slope == 0);
}

size_t RateCurve::piece_at(int64_t t_ns) const {
  const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), t_ns,
                                      [](int64_t t, const RatePiece& p) { return t < p.start_ns; });
  return after == pieces_.begin() ? 0 : static_cast<size_t>(after - pieces_.begin()) - 1;
}

double RateCurve::length_s(size_t k) const {
  if (k + 1 >= pieces_.size()) return kInfinity;
  return static_cast<double>(pieces_[k + 1].start_ns - pieces_[k].start_ns) / sim::kNanosecondsPerSecondDouble;
}

double RateCurve::rate_at(sim::Instant t) const {
  GTSIM_ASSERT(!empty());
  const RatePiece& p = pieces_[piece_at(t.ns())];
  return std::max(0.0, piece_rate(p, static_cast<double>(t.ns() - p.start_ns) / sim::kNanosecondsPerSecondDouble));
}

double RateCurve::integral(sim::Instant from, sim::Instant to) const {
  GTSIM_ASSERT(!empty());
  double total = 0;
  for (size_t k = piece_at(from.ns()); k < pieces_.size() && pieces_[k].start_ns < to.ns(); ++k) {
    const int64_t begin = std::max(from.ns(), pieces_[k].start_ns);
    const int64_t end = k + 1 < pieces_.size() ? std::min(to.ns(), pieces_[k + 1].start_ns) : to.ns();
    if (end <= begin) continue;
    const double a = static_cast<double>(begin - pieces_[k].start_ns) / sim::kNanosecondsPerSecondDouble;
    total += piece_mass(pieces_[k], a, static_cast<double>(end - begin) / sim::kNanosecondsPerSecondDouble);
  }
  return total;
}

double RateCurve::peak(sim::Instant from, sim::Instant to) const {
  GTSIM_ASSERT(!empty() && from <= to);
  double best = 0;
  for (size_t k = piece_at(from.ns()); k < pieces_.size() && pieces_[k].start_ns <= to.ns(); ++k) {
    const RatePiece& p = pieces_[k];
    const int64_t begin = std::max(from.ns(), p.start_ns);
    const int64_t end = k + 1 < pieces_.size() ? std::min(to.ns(), pieces_[k + 1].start_ns) : to.ns();
    const double a = static_cast<double>(begin - p.start_ns) / sim::kNanosecondsPerSecondDouble;
    const double b = static_cast<double>(end - p.start_ns) / sim::kNanosecondsPerSecondDouble;
    best = std::max({best, piece_rate(p, a), piece_rate(p, b)});
    if (p.wave != 0) {
      // The first crest at or after the segment's start.
      const double t0 = start_s(p) + a;
      const double crest = p.crest_s + std::ceil((t0 - p.crest_s) / kDaySeconds) * kDaySeconds;
      if (crest <= start_s(p) + b) best = std::max(best, p.level + p.wave);
    }
  }
  return best;
}

bool RateCurve::advance(RatePosition* at, double mass) const {
  GTSIM_ASSERT(!empty() && mass >= 0);
  RatePosition pos = *at;
  double left = mass;
  for (;;) {
    const RatePiece& p = pieces_[pos.piece];
    const double room = length_s(pos.piece) - pos.offset_s;
    if (std::isinf(room)) {
      if (p.level <= 0 && left > 0) return false;  // 0 from here on
      pos.offset_s += solve(p, pos.offset_s, left, room);
      break;
    }
    const double available = room > 0 ? piece_mass(p, pos.offset_s, room) : 0;
    if (left <= available) {
      pos.offset_s += solve(p, pos.offset_s, left, room);
      break;
    }
    left -= available;
    ++pos.piece;
    pos.offset_s = 0;
  }
  *at = pos;
  return true;
}

double RateCurve::ns_at(const RatePosition& at) const {
  return static_cast<double>(pieces_[at.piece].start_ns) + at.offset_s * sim::kNanosecondsPerSecondDouble;
}

}  // namespace model
