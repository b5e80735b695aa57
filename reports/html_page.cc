#include "reports/html_page.h"

#include <fmt/format.h>

#include "reports/svg_chart.h"

namespace reports {
namespace {

constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1f2937;margin:24px auto;max-width:1140px;padding:0 16px;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #e5e7eb;padding-bottom:4px}
.meta{color:#4b5563;margin-bottom:12px}.meta b{color:#111827}.description{margin:4px 0 12px;max-width:860px}
table{border-collapse:collapse;margin:6px 0 10px;font-variant-numeric:tabular-nums}
th,td{padding:3px 10px;border-bottom:1px solid #eef0f3;text-align:right;white-space:nowrap}
th{white-space:normal;vertical-align:bottom}.wide td:last-child{white-space:normal}
th{background:#f8fafc;font-weight:600;color:#374151}td:first-child,th:first-child{text-align:left}
.provenance{border:1px solid #e5e7eb;border-radius:6px;padding:8px 12px;margin:8px 0 14px;background:#fbfcfd}
.provenance dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0 0 6px}
.provenance dt{color:#6b7280}.provenance dd{margin:0;overflow-wrap:anywhere}
.provenance code{font-size:12.5px}.provenance table{margin:4px 0 0}
.provenance td,.provenance th{white-space:normal;text-align:left}
.key{margin:4px 0 10px;font-size:12.5px;color:#374151}.key span{display:inline-block;margin-right:12px;white-space:nowrap}
.key i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:-2px}
.charts{font-size:0}
figure.chart{display:inline-block;vertical-align:top;width:49%;margin:0 2% 14px 0;font-size:14px}
figure.chart:nth-child(2n){margin-right:0}
figure.chart svg{width:100%;height:auto;background:#fff;border:1px solid #e5e7eb;border-radius:6px}
figure.chart .read{margin:3px 2px 0;color:#4b5563;font-size:12.5px}
svg .title{font-size:13px;font-weight:600;fill:#111827}svg .unit{font-weight:400;fill:#6b7280}
svg .tick{font-size:10.5px;fill:#6b7280}svg .legend text{font-size:11px;fill:#374151}
svg .footer{font-size:9px;fill:#9ca3af}svg .nodata{font-size:13px;fill:#9ca3af}
svg .grid{stroke:#eef0f3}svg .axis{stroke:#9ca3af}
svg .mark line{stroke:#6b7280;stroke-dasharray:3 3}svg .mark circle{fill:#fde68a;stroke:#b45309}
svg .mark text{font-size:10px;font-weight:600;fill:#78350f}
table.timeline td:last-child,table.timeline th:last-child{text-align:left}
.note{color:#6b7280;font-size:12.5px}.bad{color:#b91c1c;font-weight:600}
.where{color:#374151;font-size:12.5px;margin:2px 0 10px;padding-left:14px}
@page{margin:12mm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:11px}
h2{break-after:avoid;page-break-after:avoid;margin-top:14px}
table{font-size:9.5px}th,td{padding:2px 4px}thead{display:table-header-group}tr{break-inside:avoid}
td{white-space:normal}td:first-child{white-space:nowrap}.provenance code{font-size:9.5px}.where,.note{font-size:10px}
.provenance,.key{break-inside:avoid}
figure.chart{width:49%;margin-bottom:8px}
figure.chart .read{font-size:9.5px}
}
)";

// Checks the page after load (see html_page.h) and records the result.
constexpr const char* kSelfCheck = R"(
addEventListener('load', function () {
  var bad = [];
  var charts = document.querySelectorAll('svg.chart');
  charts.forEach(function (svg, i) {
    if (!svg.querySelector('.series, .band')) bad.push('chart ' + i + ' has no series');
    if (!svg.querySelector('.legend .swatch')) bad.push('chart ' + i + ' has no legend');
    var figure = svg.closest('figure');
    if (!figure || !figure.querySelector('.read') || !figure.querySelector('.read').textContent.trim())
      bad.push('chart ' + i + ' says not what to read');
  });
  document.querySelectorAll('table').forEach(function (t, i) {
    if (t.rows.length < 2) bad.push('table ' + i + ' is empty');
  });
  ['version', 'command', 'scenario', 'hash', 'seed', 'settings'].forEach(function (field) {
    var node = document.querySelector('.provenance [data-field="' + field + '"]');
    if (!node || !node.textContent.trim()) bad.push('provenance has no ' + field);
  });
  var colours = {};
  document.querySelectorAll('[data-key]').forEach(function (node) {
    var key = node.getAttribute('data-key'), colour = node.getAttribute('data-color');
    if (colours[key] === undefined) colours[key] = colour;
    else if (colours[key] !== colour) bad.push(key + ' is drawn in ' + colours[key] + ' and ' + colour);
  });
  document.documentElement.setAttribute('data-self-check', bad.length ? 'failed: ' + bad.join('; ') :
    'ok ' + charts.length + ' charts, ' + Object.keys(colours).length + ' series');
});
)";

// 16 colours, distinct on screen and on paper, dark enough for thin lines.
constexpr const char* kPalette[] = {"#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2",
                                    "#db2777", "#65a30d", "#1e3a8a", "#9a3412", "#0f766e", "#a21caf",
                                    "#b45309", "#4338ca", "#be123c", "#15803d"};

std::string field(const char* name, const std::string& label, const std::string& value) {
  return fmt::format("<dt>{}</dt><dd data-field=\"{}\">{}</dd>\n", label, name, value);
}

}  // namespace

std::string page_begin(const std::string& title) {
  return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
                     "<style>{}</style>\n</head>\n<body>\n",
                     html_escape(title), kStyle);
}

std::string page_end() { return fmt::format("<script>{}</script>\n</body>\n</html>\n", kSelfCheck); }

std::string provenance_html(const Provenance& p) {
  std::string out = "<section class=\"provenance\">\n<dl>\n";
  out += field("version", "gtsim", html_escape(p.gtsim.empty() ? "gtsim (version not given)" : p.gtsim));
  out += field("command", "command", "<code>" + html_escape(p.command_line) + "</code>");
  out += field("scenario", "scenario",
               fmt::format("<b>{}</b> &middot; {}", html_escape(p.scenario_name), html_escape(p.scenario_file)));
  if (!p.description.empty()) out += field("description", "description", html_escape(p.description));
  out += field("hash", "content hash", "<code>" + html_escape(p.scenario_hash) + "</code>");
  out += field("seed", "seed", html_escape(p.seeds));
  out += field("duration", "traffic",
               html_escape(p.duration) + " &middot; version " + html_escape(p.version) + " &middot; " +
                   html_escape(p.replication));
  for (const auto& [label, value] : p.study) out += field("study", html_escape(label), html_escape(value));
  out += "</dl>\n<table data-field=\"settings\">\n<thead><tr><th>region</th><th>capacity at the start</th>"
         "<th>clients</th></tr></thead>\n";
  for (const RegionSettings& r : p.regions) {
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", html_escape(r.name), html_escape(r.capacity),
                       html_escape(r.clients));
  }
  return out + "</table>\n</section>\n";
}

std::string SeriesColours::region(size_t r) const { return kPalette[r % std::size(kPalette)]; }
std::string SeriesColours::pair(size_t p) const { return kPalette[(regions_ + p) % std::size(kPalette)]; }

std::string region_key(const std::string& name) { return "region:" + name; }
std::string pair_key(const std::string& from, const std::string& to) { return "pair:" + from + "->" + to; }

std::string colour_key_html(const std::vector<std::string>& regions,
                            const std::vector<std::pair<std::string, std::string>>& pairs,
                            const SeriesColours& colours) {
  std::string out = "<div class=\"key\">Colours, the same in every chart:<br>";
  for (size_t r = 0; r < regions.size(); ++r) {
    out += fmt::format("<span><i data-key=\"{}\" data-color=\"{}\" style=\"background:{}\"></i>{}</span>",
                       html_escape(region_key(regions[r])), colours.region(r), colours.region(r),
                       html_escape(regions[r]));
  }
  out += "<br>";
  for (size_t p = 0; p < pairs.size(); ++p) {
    out += fmt::format("<span><i data-key=\"{}\" data-color=\"{}\" style=\"background:{}\"></i>{} &rarr; {}</span>",
                       html_escape(pair_key(pairs[p].first, pairs[p].second)), colours.pair(p), colours.pair(p),
                       html_escape(pairs[p].first), html_escape(pairs[p].second));
  }
  return out + "</div>\n";
}

std::string figure_html(int number, const std::string& svg, const std::string& read) {
  return fmt::format("<figure class=\"chart\" id=\"figure-{0}\">\n{1}<p class=\"read\">Figure {0}, what to read: "
                     "{2}</p>\n</figure>",
                     number, svg, html_escape(read));
}

}  // namespace reports
