#include "reports/report_diff.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "model/money.h"
#include "reports/cost_report.h"
#include "reports/json_report.h"
#include "reports/report_fields.h"
#include "reports/time_units.h"
#include "sim/time.h"

namespace reports {
namespace {

class Reader {
 public:
  Reader(std::vector<Figure>* out, std::string* error) : out_(out), error_(error) {}

  // Adds the integer at the dotted `field` path inside `object` as `path`;
  // a missing one is an error unless `optional` (then it is left out).
  bool add(const std::string& path, const JsonValue& object, std::string_view field, bool optional = false) {
    const JsonValue* v = &object;
    size_t start = 0;
    while (v != nullptr && start <= field.size()) {
      const size_t dot = std::min(field.find('.', start), field.size());
      v = v->find(field.substr(start, dot - start));
      start = dot + 1;
    }
    if (v == nullptr && optional) return true;
    const std::optional<int64_t> value = v == nullptr ? std::nullopt : v->as_int64();
    if (!value) {
      *error_ = fmt::format("'{}' is missing or not an integer", path);
      return false;
    }
    out_->push_back(Figure{path, *value});
    return true;
  }

  // Adds `figures` (rows of a report_fields.h table) read from `object`
  // under `prefix`; those ranked `optional_from` or later may be missing.
  template <class Record>
  bool add_all(const std::string& prefix, const std::vector<const Field<Record>*>& figures, const JsonValue& object,
               int optional_from = INT_MAX) {
    for (const Field<Record>* field : figures) {
      if (!add(prefix + std::string(field->figure), object, field->key, field->rank >= optional_from)) return false;
    }
    return true;
  }

 private:
  std::vector<Figure>* out_;
  std::string* error_;
};

const JsonValue* member(const JsonValue& v, std::string_view key, JsonValue::Kind kind) {
  const JsonValue* m = v.find(key);
  return m != nullptr && m->kind == kind ? m : nullptr;
}

std::optional<int64_t> integer_at(const JsonValue& v, std::string_view key) {
  const JsonValue* m = v.find(key);
  return m != nullptr ? m->as_int64() : std::nullopt;
}

std::string name_of(const JsonValue& v, std::string_view key) {
  const JsonValue* m = v.find(key);
  return m != nullptr && m->kind == JsonValue::Kind::kString ? m->text : std::string();
}

bool same(const JsonValue& a, const JsonValue& b) {
  if (a.kind != b.kind || a.boolean != b.boolean || a.text != b.text || a.items.size() != b.items.size() ||
      a.members.size() != b.members.size()) {
    return false;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!same(a.items[i], b.items[i])) return false;
  }
  for (size_t i = 0; i < a.members.size(); ++i) {
    if (a.members[i].first != b.members[i].first || !same(a.members[i].second, b.members[i].second)) return false;
  }
  return true;
}

std::string show(const std::string& path, std::optional<int64_t> v) {
  if (!v) return "(absent)";
  if (model::is_money_path(path)) return model::format_usd_cents(*v);
  if (!is_duration_path(path)) return fmt::format("{}", *v);
  return readable(*v);
}

// drift.SETTING.{episodes,cost,drifted_ns} from the report's drift section,
// summed as flatten() sums DriftResult (an open episode runs to
// run.stopped_at_ns).
bool drift_figures(const JsonValue& report, std::vector<Figure>* figures, std::string* error) {
  if (report.find("drift") == nullptr) return true;  // a report made before drift was reported
  const JsonValue* drift = member(report, "drift", JsonValue::Kind::kObject);
  const JsonValue* run = member(report, "run", JsonValue::Kind::kObject);
  const JsonValue* settings = drift ? member(*drift, "settings", JsonValue::Kind::kArray) : nullptr;
  const JsonValue* episodes = drift ? member(*drift, "episodes", JsonValue::Kind::kArray) : nullptr;
  const JsonValue* stopped = run ? run->find("stopped_at_ns") : nullptr;
  if (!settings || !episodes || !stopped || !stopped->as_int64()) {
    *error = "not a gtsim JSON report (drift.settings, drift.episodes or run.stopped_at_ns missing)";
    return false;
  }
  // Episodes summed per setting in one pass (a map, read in the settings' order).
  std::unordered_map<std::string_view, DriftFigures> sums;
  for (const JsonValue& setting : settings->items) sums.emplace(setting.text, DriftFigures{});
  for (const JsonValue& e : episodes->items) {
    const JsonValue* name = member(e, "setting", JsonValue::Kind::kString);
    const auto sum = name != nullptr ? sums.find(name->text) : sums.end();
    if (sum == sums.end()) continue;
    const JsonValue* since = e.find("since_ns");
    const JsonValue* until = e.find("until_ns");
    const JsonValue* c = e.find("cost");
    if (!since || !until || !c || !since->as_int64() || !until->as_int64() || !c->as_int64()) {
      *error = fmt::format("a drift episode of '{}' lacks since_ns, until_ns or cost", name->text);
      return false;
    }
    if (!sum->second.add(*since->as_int64(), *until->as_int64(), *c->as_int64(), *stopped->as_int64())) {
      *error = fmt::format("the drift episodes of '{}' sum beyond a 64-bit integer", name->text);
      return false;
    }
  }
  for (const JsonValue& setting : settings->items) sums.at(setting.text).append_to(setting.text, figures);
  return true;
}

// outages.R.*, throttling.R.* and scaling.R.* per region of the report,
// summed from its lists as flatten() sums a RunResult's.
bool event_figures(const JsonValue& report, const JsonValue& regions, std::vector<Figure>* figures,
                   std::string* error) {
  const JsonValue* outages = member(report, "outages", JsonValue::Kind::kArray);
  const JsonValue* windows = member(report, "throttle_windows", JsonValue::Kind::kArray);
  const JsonValue* actions = member(report, "scaling_actions", JsonValue::Kind::kArray);
  const JsonValue* run = member(report, "run", JsonValue::Kind::kObject);
  const JsonValue* stopped = run ? run->find("stopped_at_ns") : nullptr;
  if (!outages || !windows || !actions || !stopped || !stopped->as_int64()) {
    *error = "not a gtsim JSON report (outages, throttle_windows, scaling_actions or run.stopped_at_ns missing)";
    return false;
  }
  for (const JsonValue& region : regions.items) {
    const std::string name = name_of(region, "name");
    RegionEventFigures events;
    bool ok = true;
    for (const JsonValue& record : outages->items) {
      if (name_of(record, "region") != name) continue;
      ok = events.add_outage([&](std::string_view key) { return integer_at(record, key); }, *stopped->as_int64()) && ok;
    }
    for (const JsonValue& record : windows->items) {
      if (name_of(record, "region") != name) continue;
      ok = events.add_window([&](std::string_view key) { return integer_at(record, key); }) && ok;
    }
    for (const JsonValue& record : actions->items) {
      if (name_of(record, "region") != name) continue;
      ok = events.add_action([&](std::string_view key) { return integer_at(record, key); },
                             name_of(record, "dimension") == "write") && ok;
    }
    if (!ok) {
      *error = fmt::format("an outage, throttling window or scaling action of '{}' lacks one of its times or counts",
                           name);
      return false;
    }
    events.append_to(name, figures);
  }
  return true;
}

// A report's latency phase (latency_before / latency_after of a timeline
// event) under `prefix`, as add_latency_figures() in metric_paths.cc.
bool phase_figures(Reader& r, const std::string& prefix, const JsonValue* phase, std::string* error) {
  const JsonValue* regions = phase ? member(*phase, "regions", JsonValue::Kind::kArray) : nullptr;
  const JsonValue* groups = phase ? member(*phase, "groups", JsonValue::Kind::kArray) : nullptr;
  if (!regions || !groups) {
    *error = fmt::format("'{}' lacks its regions or groups", prefix);
    return false;
  }
  const auto figures = figures_in_path_order(latency_summary_fields());
  for (const JsonValue& region : regions->items) {
    if (!r.add_all(prefix + "regions." + name_of(region, "name") + ".", figures, region)) return false;
  }
  for (const JsonValue& group : groups->items) {
    const std::string path = prefix + "groups." + name_of(group, "region") + "." + name_of(group, "name") + ".";
    if (!r.add_all(path, figures, group)) return false;
  }
  return true;
}

// groups.* and timeline.*: absent from reports made before they were.
bool latency_figures(Reader& r, const JsonValue& report, std::string* error) {
  if (const JsonValue* groups = member(report, "client_groups", JsonValue::Kind::kArray)) {
    const auto figures = figures_in_path_order(client_group_fields());
    for (const JsonValue& group : groups->items) {
      const std::string prefix = "groups." + name_of(group, "region") + "." + name_of(group, "name") + ".";
      if (!r.add_all(prefix, figures, group)) return false;
    }
  }
  const JsonValue* timeline = member(report, "timeline", JsonValue::Kind::kArray);
  if (timeline == nullptr) return true;
  for (size_t i = 0; i < timeline->items.size(); ++i) {
    const JsonValue& event = timeline->items[i];
    for (const char* side : {"before", "after"}) {
      const JsonValue* phase = member(event, std::string("latency_") + side, JsonValue::Kind::kObject);
      if (!phase_figures(r, fmt::format("timeline.{}.{}.", i + 1, side), phase, error)) return false;
    }
  }
  return true;
}

// strong_consistency.* of an MRSC table's report, in flatten()'s order;
// nothing when the report has no such section (an MREC table).
bool strong_figures(const JsonValue& report, Reader& r, std::string* error) {
  if (report.find("strong_consistency") == nullptr) return true;
  const JsonValue* strong = member(report, "strong_consistency", JsonValue::Kind::kObject);
  const JsonValue* regions = strong ? member(*strong, "regions", JsonValue::Kind::kArray) : nullptr;
  const JsonValue* pairs = strong ? member(*strong, "pairs", JsonValue::Kind::kArray) : nullptr;
  if (!regions || !pairs) {
    *error = "not a gtsim JSON report (strong_consistency.regions or strong_consistency.pairs missing)";
    return false;
  }
  if (!r.add("strong_consistency.write_conflicts", *strong, "write_conflicts")) return false;
  const auto region_figures = figures_in_path_order(strong_region_fields());
  for (const JsonValue& region : regions->items) {
    if (!r.add_all("strong_consistency.regions." + name_of(region, "name") + ".", region_figures, region)) {
      return false;
    }
  }
  const auto pair_figures = figures_in_path_order(strong_pair_fields());
  for (const JsonValue& pair : pairs->items) {
    const std::string prefix = "strong_consistency.pairs." + name_of(pair, "from") + "->" + name_of(pair, "to") + ".";
    if (!r.add_all(prefix, pair_figures, pair)) return false;
  }
  return true;
}

}  // namespace

std::optional<std::vector<Figure>> figures_from_report(const JsonValue& report, std::string* error) {
  const JsonValue* version = report.find("schema_version");
  if (report.kind != JsonValue::Kind::kObject || version == nullptr || !version->as_int64()) {
    *error = "not a gtsim JSON report (no schema_version)";
    return std::nullopt;
  }
  if (*version->as_int64() != kJsonSchemaVersion) {
    *error = fmt::format("schema_version {} (this gtsim reads {})", *version->as_int64(), kJsonSchemaVersion);
    return std::nullopt;
  }
  std::vector<Figure> figures;
  Reader r(&figures, error);
  const JsonValue* regions = member(report, "regions", JsonValue::Kind::kArray);
  const JsonValue* pairs = member(report, "replication", JsonValue::Kind::kArray);
  const JsonValue* conflicts = member(report, "conflicts", JsonValue::Kind::kObject);
  const JsonValue* convergence = member(report, "convergence", JsonValue::Kind::kObject);
  if (!regions || !pairs || !conflicts || !convergence) {
    *error = "not a gtsim JSON report (regions, replication, conflicts or convergence missing)";
    return std::nullopt;
  }
  // The same order and names as flatten() in reports/metric_paths.cc.
  const auto region_figures = figures_in_path_order(region_fields());
  for (const JsonValue& region : regions->items) {
    const std::string prefix = "regions." + name_of(region, "name") + ".";
    if (!r.add_all(prefix, region_figures, region, kRegionFiguresInEveryReport)) return std::nullopt;
  }
  const auto pair_figures = figures_in_path_order(pair_fields());
  for (const JsonValue& pair : pairs->items) {
    const std::string prefix = "lag." + name_of(pair, "from") + "->" + name_of(pair, "to") + ".";
    if (!r.add_all(prefix, pair_figures, pair, kPairFiguresInEveryReport)) return std::nullopt;
  }
  if (!r.add_all("conflicts.", figures_in_path_order(conflict_fields()), *conflicts) ||
      !r.add_all("convergence.", figures_in_path_order(convergence_fields()), *convergence)) {
    return std::nullopt;
  }
  if (!drift_figures(report, &figures, error)) return std::nullopt;
  if (!event_figures(report, *regions, &figures, error)) return std::nullopt;
  if (!latency_figures(r, report, error)) return std::nullopt;
  if (!cost_figures_from_report(report, &figures, error)) return std::nullopt;
  if (!strong_figures(report, r, error)) return std::nullopt;
  // Two regions (or settings) of one name would make one path name two figures.
  std::unordered_set<std::string_view> paths;
  for (const Figure& figure : figures) {
    if (!paths.insert(figure.path).second) {
      *error = fmt::format("figure '{}' appears twice (two regions, pairs or settings of one name)", figure.path);
      return std::nullopt;
    }
  }
  return figures;
}

std::optional<Tolerance> parse_tolerance(std::string_view text, std::string* error) {
  Tolerance t;
  std::string_view value = text;
  if (const size_t eq = text.find('='); eq != std::string_view::npos) {
    t.pattern = std::string(text.substr(0, eq));
    value = text.substr(eq + 1);
  }
  const auto bad = [&] {
    *error = fmt::format("--tolerance expects [PATTERN=]VALUE with VALUE a percentage ('2%'), a duration "
                         "('5ms'), an amount in dollars ('$0.05') or an integer ('10'); found '{}'",
                         text);
    return std::nullopt;
  };
  if (t.pattern.empty() || value.empty()) return bad();
  if (value.back() == '%') {
    // Decimal digits with at most one point: strtod would read "0x10" as 16 and "inf".
    const std::string_view number = value.substr(0, value.size() - 1);
    const size_t point = number.find('.');
    const bool decimal = !number.empty() && number.find_first_not_of("0123456789.") == std::string_view::npos &&
                         number.front() != '.' && number.back() != '.' &&
                         (point == std::string_view::npos || number.find('.', point + 1) == std::string_view::npos);
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), t.percent);
    if (!decimal || ec != std::errc() || end != number.data() + number.size() || !std::isfinite(t.percent)) {
      return bad();
    }
    return t;
  }
  if (value.front() == '$') {  // money figures are micro-dollars
    const std::optional<int64_t> micro = model::parse_usd_micro(value);
    if (!micro) return bad();
    t.absolute = *micro;
    return t;
  }
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t.absolute);
  if (ec == std::errc() && end == value.data() + value.size() && t.absolute >= 0) return t;
  std::string reason;
  const std::optional<sim::Duration> d = sim::parse_duration(value, &reason);
  if (!d || d->ns() < 0) return bad();
  t.absolute = d->ns();
  return t;
}

namespace {

// Figures beyond tolerance, in A's order, then those only B has.
void diff_figures(const std::vector<Figure>& fa, const std::vector<Figure>& fb,
                  const std::vector<Tolerance>& tolerances, ReportDiff* diff) {
  const auto within = [&](const std::string& path, int64_t x, int64_t y) {
    const double gap = std::fabs(static_cast<double>(y) - static_cast<double>(x));
    for (const Tolerance& t : tolerances) {
      if (t.pattern != "*" && !path_matches(t.pattern, path)) continue;
      if (gap <= static_cast<double>(t.absolute) || gap <= t.percent / 100.0 * std::fabs(static_cast<double>(x))) {
        return true;
      }
    }
    return x == y;
  };
  // Matched by path through a map: linear in the figures (paths are unique, figures_from_report).
  std::unordered_map<std::string_view, const Figure*> in_a;
  std::unordered_map<std::string_view, const Figure*> in_b;
  for (const Figure& x : fa) in_a.emplace(x.path, &x);
  for (const Figure& y : fb) in_b.emplace(y.path, &y);
  for (const Figure& x : fa) {
    ++diff->figures;
    const auto y = in_b.find(x.path);
    if (y == in_b.end()) {
      diff->changes.push_back({x.path, x.value, std::nullopt});
    } else if (!within(x.path, x.value, y->second->value)) {
      diff->changes.push_back({x.path, x.value, y->second->value});
    }
  }
  for (const Figure& y : fb) {
    if (in_a.find(y.path) != in_a.end()) continue;
    ++diff->figures;  // compared with its absence in A
    diff->changes.push_back({y.path, std::nullopt, y.value});
  }
}

// Whether two cost sections have the same prices: the table's, and each region's.
bool same_prices(const JsonValue& a, const JsonValue& b) {
  const JsonValue* pa = a.find("prices");
  const JsonValue* pb = b.find("prices");
  if ((pa == nullptr) != (pb == nullptr) || (pa != nullptr && !same(*pa, *pb))) return false;
  const JsonValue* ra = a.find("regions");
  const JsonValue* rb = b.find("regions");
  if (ra == nullptr || rb == nullptr) return ra == rb;
  for (size_t i = 0; i < ra->items.size() && i < rb->items.size(); ++i) {
    const JsonValue* x = ra->items[i].find("prices");
    const JsonValue* y = rb->items[i].find("prices");
    if ((x == nullptr) != (y == nullptr) || (x != nullptr && !same(*x, *y))) return false;
  }
  return true;
}

// The parts that are not figures, compared whole: the event lists, the run,
// the conflict examples, the drift episodes and the prices.
void diff_parts(const JsonValue& a, const JsonValue& b, ReportDiff* diff) {
  for (const char* part : {"throttle_windows", "scaling_actions", "outages", "replica_changes", "run"}) {
    const JsonValue* pa = a.find(part);
    const JsonValue* pb = b.find(part);
    if ((pa == nullptr) != (pb == nullptr) || (pa != nullptr && !same(*pa, *pb))) diff->other_parts.push_back(part);
  }
  const JsonValue* ca = a.find("conflicts");
  const JsonValue* cb = b.find("conflicts");
  if (ca && cb && ca->find("examples") && cb->find("examples") && !same(*ca->find("examples"), *cb->find("examples"))) {
    diff->other_parts.push_back("conflicts.examples");
  }
  // The prices: the cost figures say what they changed, this that they did.
  const JsonValue* cost_a = a.find("cost");
  const JsonValue* cost_b = b.find("cost");
  if (cost_a && cost_b && !same_prices(*cost_a, *cost_b)) diff->other_parts.push_back("cost.prices");
  const JsonValue* sa = a.find("strong_consistency");
  const JsonValue* sb = b.find("strong_consistency");
  const JsonValue* ea = sa ? sa->find("episodes") : nullptr;
  const JsonValue* eb = sb ? sb->find("episodes") : nullptr;
  if ((ea == nullptr) != (eb == nullptr) || (ea && !same(*ea, *eb))) diff->other_parts.push_back("strong_consistency.episodes");
  const JsonValue* da = a.find("drift");
  const JsonValue* db = b.find("drift");
  if (da && db && da->find("episodes") && db->find("episodes") && !same(*da->find("episodes"), *db->find("episodes"))) {
    diff->other_parts.push_back("drift.episodes");
  }
}

// Names each differing series: series.per_minute.regions.eu-west-1.throttle_events.
void diff_series(const JsonValue& a, const JsonValue& b, ReportDiff* diff) {
  const JsonValue* sa = a.find("series");
  const JsonValue* sb = b.find("series");
  if (!sa || !sb || same(*sa, *sb)) return;
  const size_t before = diff->other_parts.size();
  for (const char* interval : {"per_second", "per_minute"}) {
    const JsonValue* ia = sa->find(interval);
    const JsonValue* ib = sb->find(interval);
    if (!ia || !ib || same(*ia, *ib)) continue;
    const JsonValue* ra = ia->find("resolution");
    const JsonValue* rb = ib->find("resolution");
    if ((ra == nullptr) != (rb == nullptr) || (ra && !same(*ra, *rb))) {
      diff->other_parts.push_back(fmt::format("series.{}.resolution", interval));
    }
    for (const char* group : {"regions", "pairs"}) {
      const JsonValue* ga = ia->find(group);
      const JsonValue* gb = ib->find(group);
      if (!ga || !gb) continue;
      for (size_t i = 0; i < ga->items.size() && i < gb->items.size(); ++i) {
        const JsonValue& ea = ga->items[i];
        const JsonValue& eb = gb->items[i];
        const std::string who = ea.find("name") ? name_of(ea, "name") : name_of(ea, "from") + "->" + name_of(ea, "to");
        for (const auto& [key, value] : ea.members) {
          const JsonValue* other = eb.find(key);
          if (!other || !same(value, *other)) {
            diff->other_parts.push_back(fmt::format("series.{}.{}.{}.{}", interval, group, who, key));
          }
        }
      }
    }
  }
  if (diff->other_parts.size() == before) diff->other_parts.push_back("series");
}

// A different scenario name or seed is worth a note.
void diff_scenarios(const JsonValue& a, const JsonValue& b, ReportDiff* diff) {
  const JsonValue* scenario_a = a.find("scenario");
  const JsonValue* scenario_b = b.find("scenario");
  if (!scenario_a || !scenario_b) return;
  if (name_of(*scenario_a, "name") != name_of(*scenario_b, "name")) {
    diff->notes.push_back(fmt::format("scenarios differ: '{}' vs '{}'", name_of(*scenario_a, "name"),
                                      name_of(*scenario_b, "name")));
  }
  const JsonValue* seed_a = scenario_a->find("seed");
  const JsonValue* seed_b = scenario_b->find("seed");
  if (seed_a && seed_b && seed_a->text != seed_b->text) {
    diff->notes.push_back(fmt::format("seeds differ: {} vs {}", seed_a->text, seed_b->text));
  }
}

}  // namespace

ReportDiff diff_reports(const JsonValue& a, const JsonValue& b, const std::vector<Tolerance>& tolerances) {
  std::string error;
  ReportDiff diff;
  diff.exact = tolerances.empty();
  diff_figures(*figures_from_report(a, &error), *figures_from_report(b, &error), tolerances, &diff);
  diff_parts(a, b, &diff);
  diff_series(a, b, &diff);
  diff_scenarios(a, b, &diff);
  return diff;
}

std::string format_report_diff(const ReportDiff& diff, std::string_view name_a, std::string_view name_b) {
  std::string out;
  for (const std::string& note : diff.notes) out += "note: " + note + "\n";
  if (diff.changes.empty() && diff.other_parts.empty()) {
    return out + fmt::format("{} and {}: all {} figures equal{}\n", name_a, name_b, diff.figures,
                             diff.exact ? "" : " within tolerance");
  }
  size_t width = 6;
  for (const FigureChange& c : diff.changes) width = std::max(width, c.path.size());
  if (!diff.changes.empty()) {
    out += fmt::format("{:<{}}  {:>14}  {:>14}  {:>9}\n", "figure", width, "A", "B", "change");
    for (const FigureChange& c : diff.changes) {
      std::string change = "";
      if (c.a && c.b && *c.a != 0) {
        const double ratio = static_cast<double>(*c.b) / static_cast<double>(*c.a);
        change = std::fabs(ratio) >= 10 ? fmt::format("x{:.{}f}", ratio, std::fabs(ratio) >= 100 ? 0 : 1)
                                        : fmt::format("{:+.1f}%", 100.0 * (ratio - 1) * (*c.a < 0 ? -1 : 1));
      } else if (c.a && c.b) {
        change = "from 0";
      }
      out += fmt::format("{:<{}}  {:>14}  {:>14}  {:>9}\n", c.path, width, show(c.path, c.a), show(c.path, c.b),
                         change);
    }
  }
  constexpr size_t kPartsShown = 6;
  for (size_t i = 0; i < diff.other_parts.size() && i < kPartsShown; ++i) {
    out += "differs (not a figure): " + diff.other_parts[i] + "\n";
  }
  if (diff.other_parts.size() > kPartsShown) {
    out += fmt::format("differs (not a figure): ... and {} more\n", diff.other_parts.size() - kPartsShown);
  }
  out += fmt::format("{} of {} figures differ between {} (A) and {} (B)\n", diff.changes.size(), diff.figures, name_a,
                     name_b);
  return out;
}

}  // namespace reports
