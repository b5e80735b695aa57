// Tests for model/rate_curve.h and model/rate_shapes.h: each form of a
// traffic curve evaluated at hand-computed places (rate, integral, peak),
// and the time change that places arrivals on it.
//
// The values are sums and products of a few doubles, so they are compared
// within 1e-12 relative (Approx's epsilon), not bit for bit.
#include "model/rate_curve.h"

#include <catch2/catch.hpp>

#include <vector>

#include "model/rate_shapes.h"

namespace model {
namespace {

using sim::Duration;
using sim::Instant;

Instant at_h(double hours) { return Instant::from_ns(static_cast<int64_t>(hours * 3600e9)); }
Instant at_s(int64_t seconds) { return Instant::from_ns(seconds * 1'000'000'000); }
Approx near(double value) { return Approx(value).epsilon(1e-12).margin(1e-9); }

const Duration kHorizon = Duration::hours(72);

RateCurve three_points(bool daily) {
  return points_rate({{Duration::hours(0), 1000}, {Duration::hours(8), 3000}, {Duration::hours(20), 800}}, daily,
                     kHorizon);
}

TEST_CASE("Rate curve: points are joined by straight lines, held before the first and after the last",
          "[model][rate_curve]") {
  const RateCurve c = three_points(false);
  CHECK(c.rate_at(at_h(0)) == near(1000));
  CHECK(c.rate_at(at_h(4)) == near(2000));
  CHECK(c.rate_at(at_h(8)) == near(3000));
  CHECK(c.rate_at(at_h(14)) == near(1900));  // 3000 + (800 - 3000) * 6 / 12
  CHECK(c.rate_at(at_h(20)) == near(800));
  CHECK(c.rate_at(at_h(50)) == near(800));
  CHECK(c.integral(at_h(0), at_h(8)) == near(2000.0 * 8 * 3600));  // the trapezoid's mean, 2000/s
  CHECK(c.peak(at_h(0), at_h(30)) == near(3000));
  CHECK(c.peak(at_h(10), at_h(12)) == near(3000 - 2200.0 * 2 / 12));
  const RateCurve late = points_rate({{Duration::hours(2), 50}, {Duration::hours(3), 150}}, false, kHorizon);
  CHECK(late.rate_at(at_h(1)) == near(50));
  CHECK(late.integral(at_h(0), at_h(4)) == near(50.0 * 7200 + 100.0 * 3600 + 150.0 * 3600));
}

TEST_CASE("Rate curve: daily points repeat every 24h, the last joined to the next day's first",
          "[model][rate_curve]") {
  const RateCurve c = three_points(true);
  CHECK(c.rate_at(at_h(22)) == near(900));  // halfway from 800 at 20h to 1000 at 24h
  CHECK(c.rate_at(at_h(24)) == near(1000));
  CHECK(c.rate_at(at_h(28)) == near(2000));
  CHECK(c.rate_at(at_h(24 + 14)) == near(1900));
  CHECK(c.integral(at_h(0), at_h(24)) == near(c.integral(at_h(24), at_h(48))));
  // A day that does not start with a point starts on the line from yesterday's last one.
  const RateCurve d = points_rate({{Duration::hours(6), 100}, {Duration::hours(18), 300}}, true, kHorizon);
  CHECK(d.rate_at(at_h(0)) == near(200));   // from 300 at -6h to 100 at 6h
  CHECK(d.rate_at(at_h(24)) == near(200));
  CHECK(d.rate_at(at_h(12)) == near(200));
  CHECK(d.rate_at(at_h(18)) == near(300));
}

TEST_CASE("Rate curve: the diurnal wave peaks at peak_at local time and has its mean over a day",
          "[model][rate_curve]") {
  // New York (UTC-5) peaking at 14:00 local is 19:00 UTC; peak / trough = 3
  // around 2000 gives 3000 and 1000, the trough 12 hours from the crest.
  const RateCurve c = diurnal_rate(DiurnalRate{2000, 3, Duration::hours(14), Duration::hours(-5)});
  CHECK(c.rate_at(at_h(19)) == near(3000));
  CHECK(c.rate_at(at_h(7)) == near(1000));
  CHECK(c.rate_at(at_h(1)) == near(2000));  // a quarter day before the crest
  CHECK(c.rate_at(at_h(19 + 24)) == near(3000));
  CHECK(c.integral(at_h(0), at_h(24)) == near(2000.0 * 86400));
  // A quarter day rising to the crest: the mean's share plus amplitude / (2 pi / 24h).
  CHECK(c.integral(at_h(13), at_h(19)) == near(2000.0 * 21600 + 1000.0 * 86400 / (2 * 3.141592653589793)));
  CHECK(c.integral(at_h(7), at_h(19)) == near(2000.0 * 43200));  // trough to crest: as much below as above
  CHECK(c.peak(at_h(0), at_h(24)) == near(3000));
  CHECK(c.peak(at_h(8), at_h(12)) == near(c.rate_at(at_h(12))));  // rising: the end is the highest
  // Tokyo (UTC+9) at 14:00 local is 05:00 UTC; a flat ratio is a constant.
  CHECK(diurnal_rate(DiurnalRate{10, 2, Duration::hours(14), Duration::hours(9)}).rate_at(at_h(5)) ==
        near(10.0 * 4 / 3));
  CHECK(diurnal_rate(DiurnalRate{10, 1, Duration::hours(14), Duration::hours(9)}).pieces().size() == 1);
}

TEST_CASE("Rate curve: steps replace the rate beneath while in force, the later step winning",
          "[model][rate_curve]") {
  const std::vector<RateStep> steps = {
      {Duration::minutes(10), 5000, Duration::minutes(2)},   // a spike
      {Duration::seconds(660), 0, Duration::seconds(30)},     // inside it, a pause
      {Duration::minutes(20), 2000, Duration::max()},         // a step for good
  };
  const RateCurve c = stepped_rate(constant_rate(1000), steps);
  CHECK(c.rate_at(at_s(599)) == near(1000));
  CHECK(c.rate_at(at_s(630)) == near(5000));
  CHECK(c.rate_at(at_s(675)) == near(0));
  CHECK(c.rate_at(at_s(700)) == near(5000));  // the pause is over, the spike still on
  CHECK(c.rate_at(at_s(720)) == near(1000));
  CHECK(c.rate_at(at_s(5000)) == near(2000));
  CHECK(c.integral(at_s(0), at_s(1800)) == near(1000.0 * 600 + 5000.0 * 60 + 5000.0 * 30 + 1000.0 * 480 +
                                                   2000.0 * 600));
  // Over a line, the rate beneath resumes where the line is by then.
  const RateCurve ramp = stepped_rate(points_rate({{Duration::zero(), 0}, {Duration::seconds(100), 100}}, false,
                                                  kHorizon),
                                      {{Duration::seconds(10), 500, Duration::seconds(20)}});
  CHECK(ramp.rate_at(at_s(20)) == near(500));
  CHECK(ramp.rate_at(at_s(30)) == near(30));
  CHECK(ramp.rate_at(at_s(50)) == near(50));
  // Over a wave, the wave goes on beneath the step.
  const RateCurve wave = diurnal_rate(DiurnalRate{2000, 3, Duration::hours(14), Duration::hours(-5)});
  const RateCurve spiked = stepped_rate(wave, {{Duration::hours(18), 9000, Duration::hours(2)}});
  CHECK(spiked.rate_at(at_h(19)) == near(9000));
  CHECK(spiked.rate_at(at_h(21)) == near(wave.rate_at(at_h(21))));
}

TEST_CASE("Rate curve: a trace's period totals become rates at the periods' middles; the total is kept",
          "[model][rate_curve]") {
  // 600, 1200 and 0 writes in three minutes: 10/s, 20/s, 0/s at 30s, 90s, 150s.
  const RateCurve c = period_totals_rate({600, 1200, 0}, Duration::minutes(1), 1.0);
  CHECK(c.rate_at(at_s(0)) == near(10));
  CHECK(c.rate_at(at_s(60)) == near(15));
  CHECK(c.rate_at(at_s(120)) == near(10));
  CHECK(c.rate_at(at_s(150)) == near(0));
  CHECK(c.rate_at(at_s(1000)) == near(0));
  CHECK(c.integral(at_s(0), at_s(180)) == near(1800));
  const RateCurve scaled = period_totals_rate({600, 1200, 0}, Duration::minutes(1), 0.5);
  CHECK(scaled.rate_at(at_s(90)) == near(10));
  CHECK(period_totals_rate({3000}, Duration::minutes(5), 2.0).rate_at(at_s(7)) == near(20));
}

TEST_CASE("Rate curve: advance finds where the integrated rate reaches a mass", "[model][rate_curve]") {
  // 0 to 10/s over 10 s: Lambda(t) = t^2 / 2, then 10/s.
  const RateCurve ramp = points_rate({{Duration::zero(), 0}, {Duration::seconds(10), 10}}, false, kHorizon);
  RatePosition at;
  REQUIRE(ramp.advance(&at, 8));
  CHECK(ramp.ns_at(at) == near(4e9));
  REQUIRE(ramp.advance(&at, 52));  // 42 more to the ramp's end at 10 s, then 1 s at 10/s
  CHECK(ramp.ns_at(at) == near(11e9));
  REQUIRE(ramp.advance(&at, 0));
  CHECK(ramp.ns_at(at) == near(11e9));
  // On a wave, the integral up to the place found is the mass asked for.
  const RateCurve wave = diurnal_rate(DiurnalRate{50, 4, Duration::hours(14), Duration::hours(3)});
  RatePosition w;
  for (const double mass : {0.5, 1000.0, 1e6, 3e6}) {
    RatePosition from = w;
    const double before = wave.ns_at(from);
    REQUIRE(wave.advance(&w, mass));
    const auto start = Instant::from_ns(static_cast<int64_t>(before));
    const auto end = Instant::from_ns(static_cast<int64_t>(wave.ns_at(w)));
    CHECK(wave.integral(start, end) == Approx(mass).epsilon(1e-6));
  }
  // A curve that is 0 from some time on never gathers more.
  const RateCurve stops = stepped_rate(constant_rate(100), {{Duration::seconds(1), 0, Duration::max()}});
  RatePosition s;
  REQUIRE(stops.advance(&s, 50));
  CHECK(stops.ns_at(s) == near(0.5e9));
  CHECK_FALSE(stops.advance(&s, 51));
  CHECK(stops.ns_at(s) == near(0.5e9));  // unchanged
}

}  // namespace
}  // namespace model
