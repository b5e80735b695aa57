#include "study/statistics.h"

#include <cmath>

#include "sim/assert.h"

namespace study {
namespace {

// Continued fraction of the incomplete beta function, modified Lentz
// (Numerical Recipes, 3rd ed., section 6.4).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-16;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= 10000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return h;
}

// Regularized incomplete beta I_x(a, b).
double incomplete_beta(double a, double b, double x) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

}  // namespace

double student_t_cdf(double t, double df) {
  GTSIM_ASSERT(df > 0.0);
  const double tail = 0.5 * incomplete_beta(0.5 * df, 0.5, df / (df + t * t));
  return t >= 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double df) {
  GTSIM_ASSERT(p > 0.0 && p < 1.0 && df >= 1.0);
  if (p < 0.5) return -student_t_quantile(1.0 - p, df);
  if (p == 0.5) return 0.0;
  double low = 0.0, high = 1.0;
  while (student_t_cdf(high, df) < p) {
    low = high;
    high *= 2.0;
    GTSIM_ASSERT(high < 1e300);
  }
  for (int i = 0; i < 200 && high - low > 1e-13 * high; ++i) {
    const double mid = 0.5 * (low + high);
    (student_t_cdf(mid, df) < p ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

Estimate make_estimate(size_t n, double mean, double variance) {
  GTSIM_ASSERT(variance >= 0.0);
  Estimate e;
  e.n = n;
  e.mean = n == 0 ? 0.0 : mean;
  if (n < 2) return e;
  const double count = static_cast<double>(n);
  e.stddev = std::sqrt(variance);
  e.ci95_half = student_t_quantile(0.975, count - 1.0) * e.stddev / std::sqrt(count);
  return e;
}

Estimate estimate(const std::vector<double>& values) {
  const size_t n = values.size();
  if (n == 0) return Estimate{};
  double sum = 0.0;
  for (const double v : values) sum += v;
  const double mean = sum / static_cast<double>(n);
  if (n < 2) return make_estimate(n, mean, 0.0);
  double squares = 0.0;
  for (const double v : values) squares += (v - mean) * (v - mean);
  return make_estimate(n, mean, squares / (static_cast<double>(n) - 1.0));
}

Estimate paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  GTSIM_ASSERT(a.size() == b.size());
  std::vector<double> differences(a.size());
  for (size_t i = 0; i < a.size(); ++i) differences[i] = b[i] - a[i];
  return estimate(differences);
}

}  // namespace study
