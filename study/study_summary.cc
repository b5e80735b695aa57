#include "study/study_summary.h"

#include <algorithm>

#include <fmt/format.h>

#include "model/money.h"
#include "sim/assert.h"

namespace study {
namespace {

bool is_duration(const std::string& path) { return path.ends_with("_ns"); }

// A value for the terminal, in the figure's display unit.
std::string shown(const std::string& path, double value) {
  if (model::is_money_path(path)) return model::format_usd_cents(value);  // micro-dollars
  return is_duration(path) ? fmt::format("{:.3f} ms", value / 1e6) : fmt::format("{:.2f}", value);
}

std::string shown_interval(const std::string& path, const Estimate& e) {
  return e.has_interval() ? fmt::format("± {}", shown(path, e.ci95_half)) : std::string("-");
}

std::string csv_number(double value) { return fmt::format("{:.3f}", value); }

size_t metric_width(const SweepPlan& plan) {
  size_t width = 6;
  for (const std::string& metric : plan.metrics) width = std::max(width, metric.size());
  return width;
}

std::string seeds_label(const SweepPlan& plan) {
  return plan.seed_count() == 1 ? fmt::format("seed {}", plan.first_seed)
                                : fmt::format("{} seeds ({}..{})", plan.seed_count(), plan.first_seed,
                                              plan.last_seed);
}

}  // namespace

std::string sweep_summary_text(const SweepPlan& plan, const StudyTally& tally) {
  const size_t width = metric_width(plan);
  std::string out = fmt::format("sweep of {}: {} point{} x {} = {} runs\n", plan.scenario_file,
                                plan.points.size(), plan.points.size() == 1 ? "" : "s", seeds_label(plan),
                                plan.run_count());
  for (size_t point = 0; point < plan.points.size(); ++point) {
    out += fmt::format("\npoint {} of {}: {}\n", point + 1, plan.points.size(), plan.point_label(point));
    out += fmt::format("  {:<{}}  {:>5}  {:>16}  {:>18}\n", "figure", width, "runs", "mean", "95% CI");
    for (size_t m = 0; m < plan.metrics.size(); ++m) {
      const std::string& path = plan.metrics[m];
      const Estimate e = tally.estimate(point, m);
      if (e.n == 0) {
        out += fmt::format("  {:<{}}  {:>5}  {:>16}  {:>18}\n", path, width, 0, "-", "-");
        continue;
      }
      out += fmt::format("  {:<{}}  {:>5}  {:>16}  {:>18}\n", path, width, e.n, shown(path, e.mean),
                         shown_interval(path, e));
    }
  }
  return out;
}

std::string sweep_summary_csv(const SweepPlan& plan, const StudyTally& tally) {
  std::string out = "point";
  for (const std::string& parameter : plan.parameters) out += fmt::format(",{}", csv_field(parameter));
  out += ",figure,n,mean,ci95_half,low,high\n";
  for (size_t point = 0; point < plan.points.size(); ++point) {
    std::string prefix = fmt::format("{}", point);
    for (const std::string& parameter : plan.parameters) {
      const std::string* value = plan.value_of(point, parameter);
      prefix += fmt::format(",{}", value ? csv_field(*value) : std::string());
    }
    for (size_t m = 0; m < plan.metrics.size(); ++m) {
      const Estimate e = tally.estimate(point, m);
      out += fmt::format("{},{},{}", prefix, csv_field(plan.metrics[m]), e.n);
      out += e.n == 0 ? std::string(",") : fmt::format(",{}", csv_number(e.mean));
      out += e.has_interval() ? fmt::format(",{},{},{}", csv_number(e.ci95_half), csv_number(e.low()),
                                            csv_number(e.high()))
                              : std::string(",,,");
      out += '\n';
    }
  }
  return out;
}

std::string compare_summary_text(const SweepPlan& plan, const StudyTally& tally) {
  GTSIM_ASSERT(plan.kind == StudyKind::kCompare && plan.points.size() == 2);
  const size_t width = metric_width(plan);
  std::string out = fmt::format("compare on {}, {}, paired by seed\n  a: {}\n  b: {}\n\n", plan.scenario_file,
                                seeds_label(plan), plan.point_label(0), plan.point_label(1));
  out += fmt::format("  {:<{}}  {:>16} {:>16}  {:>16} {:>16}  {:>16} {:>16}\n", "figure", width, "a mean",
                     "95% CI", "b mean", "95% CI", "b - a", "paired 95% CI");
  for (size_t m = 0; m < plan.metrics.size(); ++m) {
    const std::string& path = plan.metrics[m];
    const Estimate a = tally.estimate(0, m);
    const Estimate b = tally.estimate(1, m);
    const Estimate d = tally.paired(m);
    auto mean = [&](const Estimate& e) { return e.n == 0 ? std::string("-") : shown(path, e.mean); };
    out += fmt::format("  {:<{}}  {:>16} {:>16}  {:>16} {:>16}  {:>16} {:>16}\n", path, width, mean(a),
                       shown_interval(path, a), mean(b), shown_interval(path, b), mean(d),
                       shown_interval(path, d));
  }
  return out;
}

std::string compare_summary_csv(const SweepPlan& plan, const StudyTally& tally) {
  std::string out =
      "figure,pairs,a_mean,a_ci95_half,b_mean,b_ci95_half,diff_mean,diff_ci95_half,diff_low,diff_high\n";
  for (size_t m = 0; m < plan.metrics.size(); ++m) {
    const Estimate a = tally.estimate(0, m);
    const Estimate b = tally.estimate(1, m);
    const Estimate d = tally.paired(m);
    auto mean = [](const Estimate& e) { return e.n == 0 ? std::string() : csv_number(e.mean); };
    auto half = [](const Estimate& e) { return e.has_interval() ? csv_number(e.ci95_half) : std::string(); };
    out += fmt::format("{},{},{},{},{},{},{},{}", csv_field(plan.metrics[m]), d.n, mean(a), half(a), mean(b),
                       half(b), mean(d), half(d));
    out += d.has_interval() ? fmt::format(",{},{}", csv_number(d.low()), csv_number(d.high())) : std::string(",,");
    out += '\n';
  }
  return out;
}

}  // namespace study
