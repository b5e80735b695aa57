#include "reports/svg_error_bars.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "reports/svg_chart.h"

namespace reports {
namespace {

// The error-bar chart's margin left of the plot and the category labels' band below it (px).
constexpr double kBarsLeft = 60, kBarsAxis = 40;
constexpr size_t kLabelsMax = 12;  // category labels drawn; beyond, every k-th

struct Scale {
  double bottom = 0, top = 1, step = 1;
  double plot_w = 0;
  size_t categories = 1;
  double y(double v) const { return kChartTop + kChartPlotHeight * (top - v) / (top - bottom); }
  double x(size_t c) const {
    return kBarsLeft + plot_w * (static_cast<double>(c) + 0.5) / static_cast<double>(categories);
  }
};

Scale scale_of(const ErrorBarChart& chart) {
  double lo = 0, hi = 0;
  for (const ErrorBarSeries& s : chart.series) {
    for (const std::optional<Interval>& v : s.values) {
      if (!v) continue;
      lo = std::min({lo, v->mean, v->has_interval ? v->low : v->mean});
      hi = std::max({hi, v->mean, v->has_interval ? v->high : v->mean});
    }
  }
  Scale s;
  s.step = axis_step(hi - lo);
  s.bottom = std::floor(lo / s.step) * s.step;
  s.top = std::max(s.bottom + s.step, std::ceil(hi / s.step) * s.step);
  s.plot_w = chart.width - kBarsLeft - kChartRight;
  s.categories = std::max<size_t>(1, chart.categories.size());
  return s;
}

std::string axes(const ErrorBarChart& chart, const Scale& s) {
  std::string svg;
  for (double v = s.bottom; v <= s.top + s.step / 2; v += s.step) {
    const double y = s.y(std::fabs(v) < s.step * 1e-9 ? 0 : v);
    svg += fmt::format("<line class=\"{}\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       std::fabs(v) < s.step * 1e-9 ? "axis" : "grid", kBarsLeft, chart.width - kChartRight, y, y,
                       kBarsLeft - 6, y + 4, axis_number(std::fabs(v) < s.step * 1e-9 ? 0 : v));
  }
  const size_t every = (chart.categories.size() + kLabelsMax - 1) / kLabelsMax;
  for (size_t c = 0; c < chart.categories.size(); c += std::max<size_t>(1, every)) {
    svg += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", s.x(c),
                       kChartTop + kChartPlotHeight + 16, html_escape(chart.categories[c]));
  }
  return svg;
}

// One series: dots at the means, bars over the intervals, a line joining them.
std::string series(const ErrorBarSeries& series, const Scale& s, size_t index, size_t count) {
  // Series side by side within a category, so their bars do not overlap.
  const double offset = (static_cast<double>(index) - static_cast<double>(count - 1) / 2) * 8;
  std::string svg = fmt::format("<g class=\"series\" data-key=\"{}\" data-color=\"{}\" stroke=\"{}\" fill=\"{}\">",
                                html_escape(series.key), series.color, series.color, series.color);
  std::string line;
  for (size_t c = 0; c < series.values.size(); ++c) {
    const std::optional<Interval>& v = series.values[c];
    if (!v) continue;
    const double x = s.x(c) + offset;
    if (v->has_interval) {
      svg += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke-width=\"1.6\"/>"
                         "<line x1=\"{3:.1f}\" x2=\"{4:.1f}\" y1=\"{1:.1f}\" y2=\"{1:.1f}\" stroke-width=\"1.6\"/>"
                         "<line x1=\"{3:.1f}\" x2=\"{4:.1f}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke-width=\"1.6\"/>",
                         x, s.y(v->low), s.y(v->high), x - 4, x + 4);
    }
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.2\" stroke=\"none\"/>", x, s.y(v->mean));
    line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x, s.y(v->mean));
  }
  if (series.joined && line.find(' ') != std::string::npos) {
    svg += "<polyline fill=\"none\" stroke-width=\"1\" stroke-opacity=\"0.5\" points=\"" + line + "\"/>";
  }
  return svg + "</g>\n";
}

std::string legend(const ErrorBarChart& chart, double y) {
  std::string svg = "<g class=\"legend\">";
  double x = kBarsLeft;
  for (const ErrorBarSeries& s : chart.series) {
    svg += fmt::format("<circle class=\"swatch\" data-key=\"{}\" data-color=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" "
                       "r=\"4\" fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n",
                       html_escape(s.key), s.color, x + 5, y - 4, s.color, x + 14, y, html_escape(s.label));
    x += 28 + 6.2 * static_cast<double>(s.label.size());
  }
  return svg + "<text x=\"" + fmt::format("{:.1f}", x) + "\" y=\"" + fmt::format("{:.1f}", y) +
         "\">bars: 95 % confidence interval</text></g>\n";
}

}  // namespace

std::string svg_error_bars(const ErrorBarChart& chart) {
  const Scale s = scale_of(chart);
  const double legend_y = kChartTop + kChartPlotHeight + kBarsAxis + kChartLegendRow - 4;
  const double height = legend_y + 8 + (chart.footer.empty() ? 0 : kChartFooter);
  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n",
      chart.width, height, chart.width, height);
  svg += fmt::format("<text class=\"title\" x=\"{}\" y=\"18\">{}<tspan class=\"unit\"> {}</tspan></text>\n", kBarsLeft,
                     html_escape(chart.title), html_escape(chart.unit));
  svg += axes(chart, s);
  for (size_t i = 0; i < chart.series.size(); ++i) svg += series(chart.series[i], s, i, chart.series.size());
  svg += legend(chart, legend_y);
  if (!chart.footer.empty()) {
    svg += fmt::format("<text class=\"footer\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       chart.width - kChartRight, legend_y + 8 + kChartFooter - 2, html_escape(chart.footer));
  }
  return svg + "</svg>\n";
}

}  // namespace reports
