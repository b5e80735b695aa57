// RateCurve: a client group's request rate as a function of true time, and
// the time change that turns it into arrivals (docs/model.md, "Traffic
// curves and arrivals").
//
// True time t counts from the run's start, which is 00:00 UTC (the
// convention auto scaling's daily quota already uses). A curve is a run of
// pieces: piece k covers [start_k, start_k+1) and the last one never ends.
// Within a piece the rate, in requests per second, is
//     level + slope * s + wave * cos(2 pi (t - crest) / 24h),   s = t - start_k
// (s and t in seconds): a straight line, or a daily wave around `level`. The
// builders of the scenario's forms (points, diurnal, steps, traces) are in
// model/rate_shapes.h.
//
// Invariants (asserted by the constructor): at least one piece, the first at
// 0, starts strictly increasing; every piece is a line (wave 0) or a wave
// (slope 0, wave <= level); the rate is >= 0 everywhere (a line's ends
// within rounding); the last piece has no slope, so the rate stays bounded.
//
// Arrivals by time change: with Lambda(t) the integrated rate, a unit-rate
// process mapped through Lambda^-1 is a non-homogeneous Poisson process of
// rate r(t) exactly (unit exponential gaps), or evenly spread in Lambda
// (gaps of 1). advance() finds where the integral from a position reaches a
// given mass, walking the pieces forward: a line is inverted in closed form,
// a wave by Newton's method inside a bracket. It allocates nothing.
//
// Determinism: pure functions of the pieces. The wave calls libm's cos and
// sin (as the exponential draw calls log: byte-identical for one binary and
// libm, docs/model.md "Own sampling code").
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/time.h"

namespace model {

// The daily wave's period, 24 h, in seconds.
inline constexpr double kDaySeconds = 86'400.0;

struct RatePiece {
  int64_t start_ns = 0;  // the piece covers [start_ns, the next piece's start_ns)
  double level = 0;      // requests/s at start_ns; for a wave, the mean it swings around
  double slope = 0;      // requests/s gained per second after start_ns (0 for a wave)
  double wave = 0;       // the daily wave's amplitude, requests/s (0 for a line)
  double crest_s = 0;    // the wave peaks at true times crest_s + k * 24h, in seconds
};

// A place on a curve: a piece and the seconds since its start.
struct RatePosition {
  size_t piece = 0;
  double offset_s = 0;
};

class RateCurve {
 public:
  // No pieces: the group's rate is its constant `rate_per_second`.
  RateCurve() = default;
  explicit RateCurve(std::vector<RatePiece> pieces);

  bool empty() const { return pieces_.empty(); }
  const std::vector<RatePiece>& pieces() const { return pieces_; }

  // REQUIRES for the rest: !empty().
  // The rate at t, requests per second.
  double rate_at(sim::Instant t) const;
  // The expected requests over [from, to): the integral of the rate.
  double integral(sim::Instant from, sim::Instant to) const;
  // The highest rate over [from, to] (its supremum). REQUIRES: from <= to.
  double peak(sim::Instant from, sim::Instant to) const;

  // Moves *at forward to where the integral from it reaches `mass` (>= 0,
  // in requests). False, with *at unchanged, when the curve is 0 from *at
  // on and never gathers that much.
  bool advance(RatePosition* at, double mass) const;
  // The true time of a position, in nanoseconds since the start (a double:
  // compare it with the stop before rounding, a far position may not fit
  // int64).
  double ns_at(const RatePosition& at) const;

 private:
  // The piece covering t (the last one whose start is <= t).
  size_t piece_at(int64_t t_ns) const;
  // The length of piece k in seconds; infinite for the last.
  double length_s(size_t k) const;

  std::vector<RatePiece> pieces_;
};

}  // namespace model
