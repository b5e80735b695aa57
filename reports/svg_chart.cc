#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace reports {
namespace {

constexpr double kPlotHeight = 170;
constexpr double kLeft = 52, kRight = 14, kTop = 34, kAxis = 30, kLegendRow = 16;
constexpr const char* kPalette[] = {"#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#4b5563"};

// 1, 2 or 5 times a power of ten, at least value / 4.
double nice_step(double max) {
  if (max <= 0) return 1;
  const double raw = max / 4;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

std::string number(double v) {
  if (v == 0) return "0";
  const double a = std::fabs(v);
  if (a >= 1e6) return fmt::format("{:g}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:g}k", v / 1e3);
  return fmt::format("{:g}", v);
}

// The largest value of each stretch of `factor` values; a stretch with no
// value at all (NaN) stays NaN.
std::vector<double> reduce(const std::vector<double>& values, size_t factor) {
  if (factor <= 1) return values;
  std::vector<double> out;
  for (size_t i = 0; i < values.size(); i += factor) {
    double largest = std::nan("");
    for (size_t j = i; j < std::min(values.size(), i + factor); ++j) {
      if (!std::isnan(values[j]) && (std::isnan(largest) || values[j] > largest)) largest = values[j];
    }
    out.push_back(largest);
  }
  return out;
}

// Where a chart's parts go: the scales of the plot and the legend's rows.
struct Frame {
  double width = 0, height = 0;
  double plot_w = 0, plot_h = kPlotHeight;
  size_t factor = 1;   // values per point drawn (long series are reduced)
  double step_s = 0;   // seconds per point drawn
  double x_span_s = 0;
  double y_step = 0, y_top = 0;
  std::vector<std::pair<double, double>> legend_at;  // (x, row) of each line's legend entry

  double x(double s) const { return kLeft + plot_w * s / x_span_s; }
  double y(double v) const { return kTop + plot_h * (1 - v / y_top); }
};

Frame frame(const Chart& chart) {
  Frame f;
  size_t points = 1;
  double y_max = 0;
  for (const ChartLine& line : chart.lines) {
    points = std::max(points, line.values.size());
    for (double v : line.values) {
      if (!std::isnan(v)) y_max = std::max(y_max, v);
    }
  }
  f.factor = (points + kMaxPoints - 1) / kMaxPoints;
  f.step_s = chart.step_s * static_cast<double>(f.factor);
  f.x_span_s = std::max(chart.step_s * static_cast<double>(points), 60.0);
  f.y_step = nice_step(y_max);
  f.y_top = std::max(f.y_step, std::ceil(y_max / f.y_step) * f.y_step);
  // Legend entries flow into rows under the axis.
  f.width = chart.width;
  double lx = kLeft, rows = 1;
  for (const ChartLine& line : chart.lines) {
    const double w = 28 + 6.2 * static_cast<double>(line.label.size());
    if (lx + w > f.width - kRight && lx > kLeft) {
      lx = kLeft;
      rows += 1;
    }
    f.legend_at.emplace_back(lx, rows);
    lx += w;
  }
  f.height = kTop + kPlotHeight + kAxis + rows * kLegendRow + 4;
  f.plot_w = f.width - kLeft - kRight;
  return f;
}

// The grid with the y ticks, the x ticks in minutes, the x axis.
std::string axes(const Frame& f) {
  std::string svg;
  for (double v = 0; v <= f.y_top + f.y_step / 2; v += f.y_step) {
    svg += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       kLeft, f.width - kRight, f.y(v), f.y(v), kLeft - 6, f.y(v) + 4, number(v));
  }
  const double x_step_min = nice_step(f.x_span_s / 60.0 * 4 / 6);
  for (double m = 0; m * 60 <= f.x_span_s + 1e-9; m += x_step_min) {
    svg += fmt::format("<line class=\"axis\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>"
                       "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>\n",
                       f.x(m * 60), kTop + f.plot_h, kTop + f.plot_h + 4, kTop + f.plot_h + 16, number(m));
  }
  svg += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">min</text>\n", kLeft - 6,
                     kTop + f.plot_h + 16);
  svg += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>\n", kLeft,
                     f.width - kRight, kTop + f.plot_h);
  return svg;
}

// The timeline marks: numbered badges on dashed lines.
std::string marks(const Chart& chart, const Frame& f) {
  std::string svg;
  double last_badge = -1e9;
  for (const ChartMark& mark : chart.marks) {
    const double mx = f.x(mark.at_s);
    // Badges of close marks sit side by side; the lines stay exact.
    const double bx = std::max(mx, last_badge + 15);
    last_badge = bx;
    svg += fmt::format("<g class=\"mark\"><title>{}</title><line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{:.1f}\"/>"
                       "<circle cx=\"{:.1f}\" cy=\"{}\" r=\"7\"/><text x=\"{:.1f}\" y=\"{}\" "
                       "text-anchor=\"middle\">{}</text></g>\n",
                       html_escape(mark.label), mx, mx, kTop, kTop + f.plot_h, bx, kTop - 8, bx, kTop - 4,
                       mark.number);
  }
  return svg;
}

// A line's values as polylines, broken where a value is missing (NaN: a gap,
// not a 0); a value alone between gaps is a dot.
std::string polylines(const std::vector<double>& values, const Frame& f, const char* color, bool dashed) {
  std::string svg;
  const auto at = [&](size_t i) { return (static_cast<double>(i) + 0.5) * f.step_s; };
  for (size_t start = 0; start < values.size();) {
    if (std::isnan(values[start])) {
      ++start;
      continue;
    }
    size_t end = start;
    while (end < values.size() && !std::isnan(values[end])) ++end;
    if (end - start == 1) {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2\" fill=\"{}\"/>\n", f.x(at(start)),
                         f.y(values[start]), color);
    } else {
      svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.6\"{} points=\"", color,
                         dashed ? " stroke-dasharray=\"5 3\"" : "");
      for (size_t i = start; i < end; ++i) {
        svg += fmt::format("{}{:.1f},{:.1f}", i == start ? "" : " ", f.x(at(i)), f.y(values[i]));
      }
      svg += "\"/>\n";
    }
    start = end;
  }
  return svg;
}

// Each line as polylines, or as bars from 0.
std::string data(const Chart& chart, const Frame& f) {
  std::string svg;
  for (const ChartLine& line : chart.lines) {
    const std::vector<double> values = reduce(line.values, f.factor);
    const char* color = kPalette[static_cast<size_t>(line.color) % std::size(kPalette)];
    if (line.bars) {
      const double w = std::max(1.0, f.plot_w * f.step_s / f.x_span_s);
      svg += fmt::format("<g fill=\"{}\" fill-opacity=\"0.55\">", color);
      for (size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i]) || values[i] <= 0) continue;
        svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/>",
                           f.x(static_cast<double>(i) * f.step_s), f.y(values[i]), w, kTop + f.plot_h - f.y(values[i]));
      }
      svg += "</g>\n";
      continue;
    }
    svg += polylines(values, f, color, line.dashed);
  }
  return svg;
}

// The legend under the axis.
std::string legend(const Chart& chart, const Frame& f) {
  std::string svg;
  for (size_t i = 0; i < chart.lines.size(); ++i) {
    const ChartLine& line = chart.lines[i];
    const char* color = kPalette[static_cast<size_t>(line.color) % std::size(kPalette)];
    const double x0 = f.legend_at[i].first;
    const double ly = kTop + f.plot_h + kAxis + f.legend_at[i].second * kLegendRow - 4;
    if (line.bars) {
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"8\" fill=\"{}\" fill-opacity=\"0.55\"/>",
                         x0, ly - 7, color);
    } else {
      svg += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                         "stroke-width=\"2\"{}/>",
                         x0, x0 + 14, ly - 3, ly - 3, color, line.dashed ? " stroke-dasharray=\"4 2\"" : "");
    }
    svg += fmt::format("<text class=\"legend\" x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x0 + 18, ly,
                       html_escape(line.label));
  }
  return svg;
}

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string svg_chart(const Chart& chart) {
  const Frame f = frame(chart);
  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n",
      f.width, f.height, f.width, f.height);
  svg += fmt::format("<text class=\"title\" x=\"{}\" y=\"18\">{}<tspan class=\"unit\"> {}</tspan></text>\n", kLeft,
                     html_escape(chart.title), html_escape(chart.unit));
  svg += axes(f);
  svg += marks(chart, f);  // under the data
  svg += data(chart, f);
  svg += legend(chart, f);
  svg += "</svg>\n";
  return svg;
}

}  // namespace reports
