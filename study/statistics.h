// Statistics across seeds: the mean of a figure and its 95 % confidence
// interval, for independent runs and for paired differences.
//
// The interval is Student's: mean +- t(0.975, n - 1) * s / sqrt(n), with s
// the sample standard deviation. It assumes the per-seed values are
// independent draws from one distribution (seeds give independent random
// streams) and is sound for means of sums of many events (counts, lags)
// even when those are not normal. For a paired comparison (`gtsim compare`)
// the values are the per-seed differences b - a of runs that share a seed,
// and therefore the same client traffic (common random numbers).
//
// Determinism: plain double arithmetic in the order the values are given,
// the t quantile from our own code (no libm beyond log, exp, sqrt, lgamma),
// so the same values in the same order give the same bits. A study's tables
// take their mean and variance from exact integer sums instead
// (study/moments.h), rows being streamed, not kept; estimate() below is the
// two-pass reference they are tested against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace study {

// Quantile p of Student's t distribution with df degrees of freedom,
// found by bisection on the CDF (regularized incomplete beta function),
// accurate to ~1e-12 relative. REQUIRES: 0 < p < 1, df >= 1.
double student_t_quantile(double p, double df);

// Cumulative distribution of Student's t with df degrees of freedom.
double student_t_cdf(double t, double df);

struct Estimate {
  size_t n = 0;
  double mean = 0.0;        // 0 when n == 0
  double stddev = 0.0;      // sample standard deviation; 0 when n < 2
  double ci95_half = 0.0;   // half-width of the 95 % interval; valid only when n >= 2
  bool has_interval() const { return n >= 2; }
  double low() const { return mean - ci95_half; }
  double high() const { return mean + ci95_half; }
};

// The estimate of n values of this mean and sample variance (the interval
// from them). REQUIRES: variance >= 0.
Estimate make_estimate(size_t n, double mean, double variance);

// Two passes over the values: the mean, then the squared deviations from it.
Estimate estimate(const std::vector<double>& values);

// Paired difference b[i] - a[i]. REQUIRES: a.size() == b.size().
Estimate paired_difference(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace study
