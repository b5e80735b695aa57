// SvgChart: a line (or bar) chart over time as one inline <svg> element, for
// the HTML report. No script, no external font or file: it renders offline.
//
// x is time in seconds from the start of the run, shown in minutes; y starts
// at 0 and ends at a round number above the largest value. Long series are
// reduced to at most kMaxPoints points, each the largest value of its
// stretch, so peaks survive. Timeline marks are numbered dashed lines, their
// labels in a <title> (hover) and in the report's timeline table.
// Determinism: coordinates are printed with fixed precision.
#pragma once

#include <string>
#include <vector>

namespace reports {

struct ChartLine {
  std::string label;
  std::vector<double> values;  // one per step, from time 0; NaN: no value (a gap)
  int color = 0;               // index into the palette
  bool dashed = false;
  bool bars = false;           // drawn as thin bars from 0 (counts)
};

struct ChartMark {
  double at_s = 0;
  std::string label;
  int number = 0;              // shown on the chart; 1-based
};

struct Chart {
  std::string title;
  std::string unit;            // shown after the title: "ms", "units/s", "requests/s"
  double step_s = 1;           // seconds per value
  std::vector<ChartLine> lines;
  std::vector<ChartMark> marks;
  double width = 540;          // pixels; the height follows from the legend
};

inline constexpr size_t kMaxPoints = 600;

std::string svg_chart(const Chart& chart);

// Escapes &, <, >, " for HTML text and attributes.
std::string html_escape(const std::string& text);

}  // namespace reports
