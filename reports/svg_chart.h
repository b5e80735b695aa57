// SvgChart: a line (or bar) chart over time as one inline <svg> element, for
// the HTML reports. No script, no external font or file: it renders offline.
//
// x is time in seconds from the start of the run, shown in minutes; y starts
// at 0 and ends at a round number above the largest value. Long series are
// reduced to at most kMaxPoints points, each the largest value of its
// stretch, so peaks survive. A value that is NaN is "no data": the line has
// a gap there, never a 0 (a minute in which no write was replicated has no
// latency). Bands shade the steps where something holds (burst capacity in
// use). Timeline marks are numbered dashed lines, their labels in a <title>
// (hover) and in the report's timeline table.
//
// Every series has a `key` ("region:us-east-1", "pair:us-east-1->eu-west-1")
// and a colour, printed on its elements and its legend swatch as data-key
// and data-color: the page's self-check holds one colour per key across
// every chart (reports/html_page.h). The chart carries its title (with its
// figure number) and a footer naming the run, so that a chart copied alone
// can be traced.
//
// Determinism: coordinates are printed with fixed precision.
#pragma once

#include <string>
#include <vector>

namespace reports {

struct ChartLine {
  std::string label;
  std::vector<double> values;  // one per step, from time 0; NaN: no data
  std::string color;           // "#2563eb"
  std::string key;             // the series' identity across charts
  bool dashed = false;
  bool bars = false;           // drawn as thin bars from 0 (counts, shares)
};

// Steps where something holds, shaded over the plot.
struct ChartBand {
  std::string label;
  std::vector<bool> on;        // one per step, from time 0
  std::string color;
  std::string key;
};

struct ChartMark {
  double at_s = 0;
  std::string label;
  int number = 0;              // shown on the chart; 1-based
};

struct Chart {
  std::string title;
  std::string unit;            // shown after the title: "ms", "units/s", "% of attempts"
  double step_s = 1;           // seconds per value
  std::vector<ChartLine> lines;
  std::vector<ChartMark> marks;
  double width = 540;          // pixels; the height follows from the legend
  std::vector<ChartBand> bands;
  std::string footer;          // small print under the legend: which run it is
};

inline constexpr size_t kMaxPoints = 600;

std::string svg_chart(const Chart& chart);

// An axis's tick step: 1, 2 or 5 times a power of ten, at least max / 4
// (1 when max <= 0). Shared with the error-bar charts.
double axis_step(double max);
// A tick label: "0", "12.5", "40k", "1.5M".
std::string axis_number(double v);

// The geometry both SVG charts share (px): the plot's height, the margins
// right of it and above it, a legend row's height, the footer line's.
inline constexpr double kChartPlotHeight = 170, kChartRight = 14, kChartTop = 34, kChartLegendRow = 16,
                        kChartFooter = 14;

// Escapes &, <, >, " for HTML text and attributes.
std::string html_escape(const std::string& text);

}  // namespace reports
