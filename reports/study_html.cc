#include "reports/study_html.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "model/money.h"
#include "reports/html_page.h"
#include "reports/svg_chart.h"
#include "reports/time_units.h"

namespace reports {
namespace {

// How a figure's values are shown: durations in one unit chosen for the
// figure's largest value, money (micro-dollars in the study) in dollars and
// cents, counts as they are.
struct Display {
  bool duration = false;
  bool money = false;
  TimeUnit unit = TimeUnit::kNs;
  double scale = 1;
  std::string unit_label;  // "ms", or "" for a count

  std::string value(double v) const {
    if (money) return model::format_usd_cents(v);
    if (!duration) return std::fabs(v) >= 100 ? fmt::format("{:.0f}", v) : fmt::format("{:.2f}", v);
    return fmt::format("{:.3f} {}", v * scale, unit_name(unit));
  }
};

Display display_of(const std::string& path, const std::vector<StudyEstimate>& estimates) {
  Display d;
  d.duration = path.ends_with("_ns");
  if (model::is_money_path(path)) {
    d.money = true;
    d.scale = 1e-6;
    d.unit_label = "USD";
  }
  if (!d.duration) return d;
  double largest = 0;
  for (const StudyEstimate& e : estimates) {
    if (e.n > 0) largest = std::max(largest, std::fabs(e.mean) + e.ci95_half);
  }
  d.unit = unit_for(static_cast<int64_t>(largest));
  d.scale = 1.0 / unit_ns(d.unit);
  d.unit_label = unit_name(d.unit);
  return d;
}

std::optional<Interval> interval(const StudyEstimate& e, const Display& d) {
  if (e.n == 0) return std::nullopt;
  return Interval{e.mean * d.scale, (e.mean - e.ci95_half) * d.scale, (e.mean + e.ci95_half) * d.scale, e.n >= 2};
}

// A table cell, "mean ± half", in one unit of its own: a row may hold a
// 54-minute lag and a 934 ms one (a chart has one unit for all).
std::string cell(const StudyEstimate& e, const Display& figure) {
  if (e.n == 0) return "n/a";
  const Display d = figure.duration ? display_of("_ns", {e}) : figure;
  if (e.n < 2) return d.value(e.mean) + " (1 run)";
  return fmt::format("{} &plusmn; {}", d.value(e.mean), d.value(e.ci95_half));
}

std::string sweep_body(const StudyView& view, const std::string& footer) {
  std::string out = "<h2>Each figure at each point: mean &plusmn; 95 % CI across seeds</h2>\n<table>\n<thead><tr>"
                    "<th>figure</th>";
  for (const std::string& point : view.points) out += "<th>" + html_escape(point) + "</th>";
  out += "</tr></thead>\n";
  for (size_t m = 0; m < view.metrics.size(); ++m) {
    const Display d = display_of(view.metrics[m], view.estimates[m]);
    out += "<tr><td>" + html_escape(view.metrics[m]) + "</td>";
    for (const StudyEstimate& e : view.estimates[m]) out += "<td>" + cell(e, d) + "</td>";
    out += "</tr>\n";
  }
  out += "</table>\n<h2>Against the varied parameter</h2>\n<div class=\"charts\">";
  const std::string axis = view.parameters.size() == 1 ? view.parameters[0] : "the points";
  for (size_t m = 0; m < view.metrics.size(); ++m) {
    const Display d = display_of(view.metrics[m], view.estimates[m]);
    ErrorBarChart chart{fmt::format("Figure {} · {} against {}", m + 1, view.metrics[m], axis), d.unit_label,
                        view.points, {}, footer, 540};
    ErrorBarSeries mean{"mean across seeds", SeriesColours(0).region(0), "study:mean", {}, true};
    for (const StudyEstimate& e : view.estimates[m]) mean.values.push_back(interval(e, d));
    chart.series.push_back(std::move(mean));
    out += figure_html(static_cast<int>(m + 1), svg_error_bars(chart),
                       fmt::format("{}'s mean over the seeds at each value of {}, the bar its 95 % confidence "
                                   "interval: where two bars do not overlap, the points differ beyond seed noise.",
                                   view.metrics[m], axis));
  }
  return out + "</div>\n";
}

std::string compare_body(const StudyView& view, const std::string& footer) {
  std::string out = "<h2>a, b and the paired difference b &minus; a: mean &plusmn; 95 % CI</h2>\n<table>\n<thead><tr>"
                    "<th>figure</th><th>a</th><th>b</th><th>b &minus; a (paired)</th><th>pairs</th></tr></thead>\n";
  for (size_t m = 0; m < view.metrics.size(); ++m) {
    std::vector<StudyEstimate> all = view.estimates[m];
    all.push_back(view.paired[m]);
    const Display d = display_of(view.metrics[m], all);
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       html_escape(view.metrics[m]),
                       cell(view.estimates[m][0], d), cell(view.estimates[m][1], d), cell(view.paired[m], d),
                       view.paired[m].n);
  }
  out += "</table>\n<h2>Each figure: a, b, and b &minus; a</h2>\n<div class=\"charts\">";
  const SeriesColours colours(0);
  for (size_t m = 0; m < view.metrics.size(); ++m) {
    std::vector<StudyEstimate> all = view.estimates[m];
    all.push_back(view.paired[m]);
    const Display d = display_of(view.metrics[m], all);
    ErrorBarChart chart{fmt::format("Figure {} · {}", m + 1, view.metrics[m]), d.unit_label,
                        {"a", "b", "b − a (paired)"}, {}, footer, 540};
    const std::optional<Interval> none;
    chart.series.push_back({"a", colours.region(0), "variant:a", {interval(view.estimates[m][0], d), none, none}, false});
    chart.series.push_back({"b", colours.region(1), "variant:b", {none, interval(view.estimates[m][1], d), none}, false});
    chart.series.push_back({"b − a", colours.region(4), "variant:b-a", {none, none, interval(view.paired[m], d)}, false});
    out += figure_html(static_cast<int>(m + 1), svg_error_bars(chart),
                       fmt::format("{} under a and under b, each its mean over the seeds with a 95 % interval; "
                                   "b − a is the difference seed by seed (both variants saw the same traffic): "
                                   "when its bar excludes 0, b differs from a beyond seed noise.",
                                   view.metrics[m]));
  }
  return out + "</div>\n";
}

}  // namespace

std::string study_html(const StudyView& view, const Provenance& provenance) {
  const char* kind = view.compare ? "compare" : "sweep";
  std::string out = page_begin(fmt::format("gtsim {}: {}", kind, provenance.scenario_name));
  out += fmt::format("<h1>gtsim {}: {}</h1>\n<div class=\"meta\">{}{}</div>\n", kind,
                     html_escape(provenance.scenario_name),
                     html_escape(view.runs),
                     view.partial ? " &middot; <span class=\"bad\">partial: interrupted, the finished runs only</span>"
                                  : "");
  if (!provenance.description.empty()) {
    out += fmt::format("<p class=\"description\">{}</p>\n", html_escape(provenance.description));
  }
  out += provenance_html(provenance);
  out += "<table class=\"timeline\">\n<thead><tr><th>point</th><th>settings</th></tr></thead>\n";
  for (size_t p = 0; p < view.points.size(); ++p) {
    out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", html_escape(view.points[p]),
                       html_escape(view.point_settings[p]));
  }
  out += "</table>\n";
  const std::string footer = provenance.short_line();
  out += view.compare ? compare_body(view, footer) : sweep_body(view, footer);
  out += "<p class=\"note\">Intervals are Student's t over the seeds (docs/sweeps.md); every run's figures, and the "
         "command that replays it, are in runs.jsonl (<code>--out DIR</code>).</p>\n";
  return out + page_end();
}

}  // namespace reports
