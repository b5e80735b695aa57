// SvgErrorBars: estimates with their 95 % confidence intervals against a
// categorical axis (a sweep's points, a comparison's a, b and b - a), as
// one inline <svg>: a dot at each mean, a vertical bar with caps from the
// interval's low to its high, the points of a series joined by a thin line
// when `joined`. The y axis includes 0 (a difference's sign must show) and
// ends at round numbers; a zero line is drawn when the range crosses it.
// An estimate without an interval (one seed) is a dot alone; a category
// without an estimate is left empty.
//
// Like reports/svg_chart.h: every series carries a key and a colour
// (data-key, data-color, for the page's self-check), the chart its title
// and a footer naming the run. Determinism: fixed-precision coordinates.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace reports {

struct Interval {
  double mean = 0;
  double low = 0;
  double high = 0;
  bool has_interval = false;  // one run: a mean alone
};

struct ErrorBarSeries {
  std::string label;
  std::string color;
  std::string key;
  std::vector<std::optional<Interval>> values;  // one per category
  bool joined = true;
};

struct ErrorBarChart {
  std::string title;
  std::string unit;
  std::vector<std::string> categories;
  std::vector<ErrorBarSeries> series;
  std::string footer;
  double width = 540;
};

std::string svg_error_bars(const ErrorBarChart& chart);

}  // namespace reports
