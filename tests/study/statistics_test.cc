// study/statistics.h: Student's t quantiles against published tables,
// means and intervals against hand computation.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "study/statistics.h"

TEST_CASE("Statistics: t quantiles match the published table (p 0.975, df 1 to 1000)") {
  // Two-sided 95 % critical values, e.g. NIST/SEMATECH e-Handbook table 1.3.6.7.2.
  const std::vector<std::pair<double, double>> table = {
      {1, 12.7062047}, {2, 4.3026527}, {3, 3.1824463}, {4, 2.7764451}, {5, 2.5705818},
      {9, 2.2621572},  {10, 2.2281389}, {19, 2.0930241}, {29, 2.0452296}, {30, 2.0422725},
      {60, 2.0002978}, {100, 1.9839715}, {1000, 1.9623391}};
  for (const auto& [df, t] : table) {
    CAPTURE(df);
    CHECK(study::student_t_quantile(0.975, df) == Approx(t).epsilon(1e-7));
  }
}

TEST_CASE("Statistics: t quantiles at other levels, symmetry, and the normal limit") {
  CHECK(study::student_t_quantile(0.995, 10) == Approx(3.1692727).epsilon(1e-7));
  CHECK(study::student_t_quantile(0.95, 5) == Approx(2.0150484).epsilon(1e-7));
  CHECK(study::student_t_quantile(0.025, 7) == Approx(-study::student_t_quantile(0.975, 7)));
  CHECK(study::student_t_quantile(0.5, 3) == 0.0);
  CHECK(study::student_t_quantile(0.975, 1e7) == Approx(1.9599640).epsilon(1e-6));
  // df 1 is the Cauchy distribution: quantile tan(pi (p - 1/2)).
  CHECK(study::student_t_quantile(0.9, 1) == Approx(std::tan(M_PI * 0.4)).epsilon(1e-9));
}

TEST_CASE("Statistics: mean and 95 % interval of a small sample") {
  const study::Estimate e = study::estimate({2, 4, 4, 4, 5, 5, 7, 9});
  CHECK(e.n == 8);
  CHECK(e.mean == 5.0);
  CHECK(e.stddev == Approx(std::sqrt(32.0 / 7.0)));
  CHECK(e.ci95_half == Approx(2.3646243 * std::sqrt(32.0 / 7.0) / std::sqrt(8.0)).epsilon(1e-7));
  CHECK(e.low() == Approx(e.mean - e.ci95_half));
}

TEST_CASE("Statistics: no interval below two values") {
  CHECK_FALSE(study::estimate({}).has_interval());
  const study::Estimate one = study::estimate({3});
  CHECK(one.mean == 3.0);
  CHECK_FALSE(one.has_interval());
}

TEST_CASE("Statistics: a paired difference removes what both variants share") {
  // b = a + 10 exactly: the paired interval has zero width, the independent ones do not.
  const std::vector<double> a = {100, 250, 80, 400, 170};
  const std::vector<double> b = {110, 260, 90, 410, 180};
  const study::Estimate d = study::paired_difference(a, b);
  CHECK(d.mean == 10.0);
  CHECK(d.ci95_half == 0.0);
  CHECK(study::estimate(a).ci95_half > 100.0);
}
