#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace reports {
namespace {

// The line chart's margin left of the plot and the axis labels' band below it (px).
constexpr double kLinesLeft = 52, kLinesAxis = 30;

// The largest value of each stretch of `factor` values; NaN where a stretch
// has no data at all.
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

// Whether any step of each stretch of `factor` steps holds.
std::vector<bool> reduce(const std::vector<bool>& on, size_t factor) {
  if (factor <= 1) return on;
  std::vector<bool> out;
  for (size_t i = 0; i < on.size(); i += factor) {
    bool any = false;
    for (size_t j = i; j < std::min(on.size(), i + factor); ++j) any = any || on[j];
    out.push_back(any);
  }
  return out;
}

// Where a chart's parts go: the scales of the plot and the legend's rows.
struct Frame {
  double width = 0, height = 0;
  double plot_w = 0, plot_h = kChartPlotHeight;
  size_t factor = 1;   // values per point drawn (long series are reduced)
  double step_s = 0;   // seconds per point drawn
  double x_span_s = 0;
  double y_step = 0, y_top = 0;
  double legend_bottom = 0;
  std::vector<std::pair<double, double>> legend_at;  // (x, row) of each line's, then each band's, entry
  bool no_data = true;  // no line has a value, no band holds anywhere

  double x(double s) const { return kLinesLeft + plot_w * s / x_span_s; }
  double y(double v) const { return kChartTop + plot_h * (1 - v / y_top); }
};

// Legend entries flow into rows under the axis: the lines', then the bands'.
void place_legend(const Chart& chart, Frame* f) {
  double lx = kLinesLeft, rows = 1;
  const auto place = [&](const std::string& label) {
    const double w = 28 + 6.2 * static_cast<double>(label.size());
    if (lx + w > f->width - kChartRight && lx > kLinesLeft) {
      lx = kLinesLeft;
      rows += 1;
    }
    f->legend_at.emplace_back(lx, rows);
    lx += w;
  };
  for (const ChartLine& line : chart.lines) place(line.label);
  for (const ChartBand& band : chart.bands) place(band.label);
  f->legend_bottom = kChartTop + kChartPlotHeight + kLinesAxis + rows * kChartLegendRow;
  f->height = f->legend_bottom + 4 + (chart.footer.empty() ? 0 : kChartFooter);
}

Frame frame(const Chart& chart) {
  Frame f;
  size_t points = 1;
  double y_max = 0;
  for (const ChartLine& line : chart.lines) {
    points = std::max(points, line.values.size());
    for (double v : line.values) {
      if (!std::isnan(v)) y_max = std::max(y_max, v);
      f.no_data = f.no_data && std::isnan(v);
    }
  }
  for (const ChartBand& band : chart.bands) {
    points = std::max(points, band.on.size());
    f.no_data = f.no_data && std::none_of(band.on.begin(), band.on.end(), [](bool on) { return on; });
  }
  f.factor = (points + kMaxPoints - 1) / kMaxPoints;
  f.step_s = chart.step_s * static_cast<double>(f.factor);
  f.x_span_s = std::max(chart.step_s * static_cast<double>(points), 60.0);
  f.y_step = axis_step(y_max);
  f.y_top = std::max(f.y_step, std::ceil(y_max / f.y_step) * f.y_step);
  f.width = chart.width;
  f.plot_w = f.width - kLinesLeft - kChartRight;
  place_legend(chart, &f);
  return f;
}

// The grid with the y ticks, the x ticks in minutes, the x axis.
std::string axes(const Frame& f) {
  std::string svg;
  for (double v = 0; v <= f.y_top + f.y_step / 2; v += f.y_step) {
    svg += fmt::format("<line class=\"grid\" x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\"/>"
                       "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       kLinesLeft, f.width - kChartRight, f.y(v), f.y(v), kLinesLeft - 6, f.y(v) + 4, axis_number(v));
  }
  const double x_step_min = axis_step(f.x_span_s / 60.0 * 4 / 6);
  for (double m = 0; m * 60 <= f.x_span_s + 1e-9; m += x_step_min) {
    svg += fmt::format("<line class=\"axis\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\"/>"
                       "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3:.1f}\" text-anchor=\"middle\">{4}</text>\n",
                       f.x(m * 60), kChartTop + f.plot_h, kChartTop + f.plot_h + 4, kChartTop + f.plot_h + 16,
                       axis_number(m));
  }
  svg += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">min</text>\n", kLinesLeft - 6,
                     kChartTop + f.plot_h + 16);
  svg += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\"/>\n", kLinesLeft,
                     f.width - kChartRight, kChartTop + f.plot_h);
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
                       html_escape(mark.label), mx, mx, kChartTop, kChartTop + f.plot_h, bx, kChartTop - 8, bx,
                       kChartTop - 4, mark.number);
  }
  return svg;
}

// Each band as translucent spans over the steps where it holds.
std::string bands(const Chart& chart, const Frame& f) {
  std::string svg;
  for (const ChartBand& band : chart.bands) {
    const std::vector<bool> on = reduce(band.on, f.factor);
    svg += fmt::format("<g class=\"band\" data-key=\"{}\" data-color=\"{}\" fill=\"{}\" fill-opacity=\"0.18\">",
                       html_escape(band.key), band.color, band.color);
    for (size_t i = 0; i < on.size(); ++i) {
      if (!on[i]) continue;
      size_t end = i;
      while (end + 1 < on.size() && on[end + 1]) ++end;
      const double x0 = f.x(static_cast<double>(i) * f.step_s);
      const double x1 = f.x(static_cast<double>(end + 1) * f.step_s);
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/>", x0, kChartTop,
                         std::max(1.0, x1 - x0), f.plot_h);
      i = end;
    }
    svg += "</g>\n";
  }
  return svg;
}

// A line as bars from 0 (no bar where there is no data or nothing).
std::string bar_series(const ChartLine& line, const std::vector<double>& values, const Frame& f) {
  const double w = std::max(1.0, f.plot_w * f.step_s / f.x_span_s);
  std::string svg = fmt::format("<g class=\"series\" data-key=\"{}\" data-color=\"{}\" fill=\"{}\" fill-opacity=\"0.55\">",
                                html_escape(line.key), line.color, line.color);
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i]) || values[i] <= 0) continue;
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/>",
                       f.x(static_cast<double>(i) * f.step_s), f.y(values[i]), w,
                       kChartTop + f.plot_h - f.y(values[i]));
  }
  return svg + "</g>\n";
}

// A line as polylines, broken where there is no data.
std::string line_series(const ChartLine& line, const std::vector<double>& values, const Frame& f) {
  std::string svg = fmt::format("<g class=\"series\" data-key=\"{}\" data-color=\"{}\" fill=\"none\" stroke=\"{}\" "
                                "stroke-width=\"1.6\"{}>",
                                html_escape(line.key), line.color, line.color,
                                line.dashed ? " stroke-dasharray=\"5 3\"" : "");
  std::string points;
  size_t count = 0;
  const auto flush = [&] {
    // A point alone between gaps is drawn as a dot, or it would not show.
    if (count == 1) {
      const size_t comma = points.find(',');
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"1.8\" fill=\"{}\" stroke=\"none\"/>", points.substr(0, comma),
                         points.substr(comma + 1), line.color);
    } else if (count > 1) {
      svg += "<polyline points=\"" + points + "\"/>";
    }
    points.clear();
    count = 0;
  };
  for (size_t i = 0; i < values.size(); ++i) {
    if (std::isnan(values[i])) {
      flush();
      continue;
    }
    points += fmt::format("{}{:.1f},{:.1f}", count == 0 ? "" : " ", f.x((static_cast<double>(i) + 0.5) * f.step_s),
                          f.y(values[i]));
    ++count;
  }
  flush();
  return svg + "</g>\n";
}

std::string data(const Chart& chart, const Frame& f) {
  std::string svg;
  for (const ChartLine& line : chart.lines) {
    const std::vector<double> values = reduce(line.values, f.factor);
    svg += line.bars ? bar_series(line, values, f) : line_series(line, values, f);
  }
  return svg;
}

// The legend under the axis, each swatch with its series' key and colour.
std::string legend(const Chart& chart, const Frame& f) {
  std::string svg = "<g class=\"legend\">";
  size_t entry = 0;
  const auto position = [&]() {
    const auto [x0, row] = f.legend_at[entry++];
    return std::pair(x0, kChartTop + f.plot_h + kLinesAxis + row * kChartLegendRow - 4);
  };
  const auto label = [](double x0, double ly, const std::string& text) {
    return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>\n", x0 + 18, ly, html_escape(text));
  };
  for (const ChartLine& line : chart.lines) {
    const auto [x0, ly] = position();
    if (line.bars) {
      svg += fmt::format("<rect class=\"swatch\" data-key=\"{}\" data-color=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" "
                         "width=\"14\" height=\"8\" fill=\"{}\" fill-opacity=\"0.55\"/>",
                         html_escape(line.key), line.color, x0, ly - 7, line.color);
    } else {
      svg += fmt::format("<line class=\"swatch\" data-key=\"{}\" data-color=\"{}\" x1=\"{:.1f}\" x2=\"{:.1f}\" "
                         "y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"2\"{}/>",
                         html_escape(line.key), line.color, x0, x0 + 14, ly - 3, ly - 3, line.color,
                         line.dashed ? " stroke-dasharray=\"4 2\"" : "");
    }
    svg += label(x0, ly, line.label);
  }
  for (const ChartBand& band : chart.bands) {
    const auto [x0, ly] = position();
    svg += fmt::format("<rect class=\"swatch\" data-key=\"{}\" data-color=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" "
                       "width=\"14\" height=\"10\" fill=\"{}\" fill-opacity=\"0.25\"/>",
                       html_escape(band.key), band.color, x0, ly - 8, band.color) +
           label(x0, ly, band.label);
  }
  return svg + "</g>\n";
}

}  // namespace

// 1, 2 or 5 times a power of ten, at least value / 4.
double axis_step(double max) {
  if (max <= 0) return 1;
  const double raw = max / 4;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= raw) return m * power;
  }
  return 10 * power;
}

std::string axis_number(double v) {
  if (v == 0) return "0";
  const double a = std::fabs(v);
  if (a >= 1e6) return fmt::format("{:g}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:g}k", v / 1e3);
  return fmt::format("{:g}", v);
}

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
  svg += fmt::format("<text class=\"title\" x=\"{}\" y=\"18\">{}<tspan class=\"unit\"> {}</tspan></text>\n", kLinesLeft,
                     html_escape(chart.title), html_escape(chart.unit));
  svg += axes(f);
  svg += bands(chart, f);  // under the marks and the data
  svg += marks(chart, f);
  svg += data(chart, f);
  if (f.no_data) {
    svg += fmt::format("<text class=\"nodata\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">no data in this run"
                       "</text>\n",
                       kLinesLeft + f.plot_w / 2, kChartTop + f.plot_h / 2);
  }
  svg += legend(chart, f);
  if (!chart.footer.empty()) {
    svg += fmt::format("<text class=\"footer\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       f.width - kChartRight, f.legend_bottom + kChartFooter - 2, html_escape(chart.footer));
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace reports
