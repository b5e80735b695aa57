#include "load/traffic_trace.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "load/cloudwatch_metric_data.h"
#include "load/trace_csv.h"
#include "load/utc_timestamp.h"
#include "model/rate_shapes.h"

namespace load {

namespace fs = std::filesystem;

namespace {

constexpr double kRatePerSecondCeiling = 10'000'000;  // as load/traffic_curve.h's kRatePerSecondMax

bool is_json(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

std::string duration_text(int64_t ns) { return sim::format_duration(sim::Duration::nanoseconds(ns)); }

}  // namespace

std::optional<model::RateCurve> TraceReader::trace(const Node& n, const std::string& path, sim::Duration run) {
  Request r;
  std::string resolved;
  const bool ok = request(n, path, &r, &resolved);
  if (resolved.empty()) return std::nullopt;  // no file to read
  const std::optional<std::string> text = read(*get(n, "file"), path, resolved, r.shown);
  if (!text || !ok) return std::nullopt;
  const size_t from = diagnostics()->size();
  std::vector<TracePoint> points;
  bool good = series(n, path, *text, r, &points);
  if (good && points.empty()) {
    error(n, fmt::format("{}: '{}' has no data points", path, r.shown));
    good = false;
  }
  good = check_points(n, path, points, r) && good;
  std::optional<std::vector<double>> per_period;
  if (good) per_period = totals(n, path, points, r, run);
  trim_file_diagnostics(from, r.shown);
  if (!per_period) return std::nullopt;
  return model::period_totals_rate(*per_period, r.period, r.scale);
}

bool TraceReader::request(const Node& n, const std::string& path, Request* r, std::string* resolved) {
  static const std::vector<std::string> kKeys = {"file", "metric", "period", "scale"};
  if (!check_map(n, path, &kKeys, {"file"},
                 "a trace map, e.g. {file: cw.json, metric: ConsumedWriteCapacityUnits, period: 1m}") ||
      !has_all(n, {"file"})) {
    return false;
  }
  bool ok = true;
  const Node& file_node = *get(n, "file");
  const std::optional<std::string> file = string(file_node, join(path, "file"));
  if (file && file->empty()) {
    error(file_node, join(path, "file") + ": must not be empty");
    ok = false;
  } else if (file) {
    const fs::path given(*file);
    const fs::path full = given.is_absolute() ? given : fs::path(this->file()).parent_path() / given;
    *resolved = full.string();
    r->shown = full.lexically_normal().generic_string();
  } else {
    ok = false;
  }
  if (const Node* v = get(n, "metric")) {
    r->metric_node = v;
    const std::optional<std::string> metric = string(*v, join(path, "metric"));
    if (metric && metric->empty()) {
      error(*v, join(path, "metric") + ": must not be empty");
      ok = false;
    } else if (metric) {
      r->metric = *metric;
    } else {
      ok = false;
    }
  }
  if (const Node* v = get(n, "period")) {
    r->period_node = v;
    const std::optional<sim::Duration> period = duration(*v, join(path, "period"), Sign::kPositive);
    if (period && *period != sim::Duration::minutes(1) && *period != sim::Duration::minutes(5)) {
      error(*v, join(path, "period") + ": expected 1m or 5m (CloudWatch's periods of DynamoDB metrics), found '" +
                    v->text + "'");
      ok = false;
    } else if (period) {
      r->period = *period;
    } else {
      ok = false;
    }
  }
  if (const Node* v = get(n, "scale")) {
    const std::optional<double> scale = number(*v, join(path, "scale"));
    if (scale && check_sign(*v, join(path, "scale"), *scale, Sign::kPositive, true)) {
      r->scale = *scale;
    } else {
      ok = false;
    }
  }
  return ok;
}

std::optional<std::string> TraceReader::read(const Node& file_node, const std::string& path,
                                             const std::string& resolved, const std::string& shown) {
  const std::string where = join(path, "file") + ": cannot read '" + shown + "': ";
  std::error_code ec;
  const fs::file_status status = fs::status(resolved, ec);
  if (ec || !fs::exists(status)) {
    error(file_node, where + (ec ? ec.message() : std::string("No such file or directory")));
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    error(file_node, where + "not a regular file");
    return std::nullopt;
  }
  const uintmax_t size = fs::file_size(resolved, ec);
  if (!ec && size > kTraceBytesMax) {
    error(file_node, fmt::format("{}: '{}' is {} bytes, above the limit of {} MiB for a trace", join(path, "file"),
                                 shown, size, kTraceBytesMax >> 20));
    return std::nullopt;
  }
  std::ifstream in(resolved, std::ios::binary);
  if (!in) {
    const std::error_code open_error(errno, std::generic_category());
    error(file_node, where + (errno != 0 ? open_error.message() : std::string("cannot open")));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    error(file_node, where + "read error");
    return std::nullopt;
  }
  return text.str();
}

bool TraceReader::series(const Node& n, const std::string& path, std::string_view text, const Request& r,
                         std::vector<TracePoint>* points) {
  const bool json = is_json(text);
  std::optional<MetricData> data;
  std::vector<std::string> names;
  if (json) {
    data = parse_metric_data(text, r.shown, diagnostics());
    if (!data) return false;
    names = metric_names(*data);
  } else {
    names = trace_csv_columns(text);
  }
  const char* kind = json ? "series" : "columns";
  if (!r.metric.empty() && std::find(names.begin(), names.end(), r.metric) == names.end()) {
    if (names.empty() && !json) {
      error(*r.metric_node, fmt::format("{}: '{}' has no header line naming its columns: remove 'metric', or add "
                                        "a header such as timestamp,{}",
                                        join(path, "metric"), r.shown, r.metric));
    } else {
      error(*r.metric_node, fmt::format("{}: '{}' is not one of the {} of '{}'{}{}", join(path, "metric"), r.metric,
                                        kind, r.shown, names.empty() ? ", which has none" : ": " + quoted_list(names),
                                        did_you_mean(r.metric, names)));
    }
    return false;
  }
  if (!json) {
    if (r.metric.empty() && names.size() > 1) {
      error(n, fmt::format("{}: '{}' has several value columns ({}): name one with 'metric'", path, r.shown,
                           quoted_list(names)));
      return false;
    }
    const size_t column = r.metric.empty() ? 0 : static_cast<size_t>(std::find(names.begin(), names.end(), r.metric) -
                                                                      names.begin());
    return read_trace_csv(text, r.shown, column, points, diagnostics());
  }
  std::vector<const MetricDataResult*> pages;
  std::string name = r.metric;
  if (!name.empty()) {
    pages = results_named(*data, name);
  } else {
    for (const MetricDataResult& result : data->results) {
      if (result.id != data->results.front().id) {
        error(n, fmt::format("{}: '{}' has several series ({}): name one with 'metric'", path, r.shown,
                             quoted_list(names)));
        return false;
      }
      pages.push_back(&result);
    }
    if (pages.empty()) {
      error(n, fmt::format("{}: '{}' has no series (MetricDataResults is empty)", path, r.shown));
      return false;
    }
    name = pages.front()->label.empty() ? pages.front()->id : pages.front()->label;
  }
  std::optional<std::vector<TracePoint>> joined = joined_series(pages, name, r.shown, diagnostics());
  if (!joined) return false;
  *points = std::move(*joined);
  return true;
}

bool TraceReader::check_points(const Node& n, const std::string& path, const std::vector<TracePoint>& points,
                               const Request& r) {
  const auto in_file = [&](int line, int column, std::string message) {
    diagnostics()->push_back(model::Diagnostic{r.shown, line, column, std::move(message)});
  };
  const int64_t period = r.period.ns();
  // The closest two data points must be one period apart: else the period is not the file's.
  size_t closest = 0;
  for (size_t i = 1; i < points.size(); ++i) {
    const int64_t gap = points[i].epoch_ns - points[i - 1].epoch_ns;
    if (gap > 0 && (closest == 0 || gap < points[closest].epoch_ns - points[closest - 1].epoch_ns)) closest = i;
  }
  bool ok = true;
  const int64_t closest_gap = closest == 0 ? period : points[closest].epoch_ns - points[closest - 1].epoch_ns;
  if (closest_gap != period) {
    error(r.period_node != nullptr ? *r.period_node : n,
          fmt::format("{}: the data points of '{}' are {} apart at the closest (lines {} and {}), not {}: {}",
                      join(path, "period"), r.shown, duration_text(closest_gap),
                      std::min(points[closest - 1].line, points[closest].line),
                      std::max(points[closest - 1].line, points[closest].line), duration_text(period),
                      closest_gap == sim::Duration::minutes(1).ns() || closest_gap == sim::Duration::minutes(5).ns()
                          ? "give period: " + duration_text(closest_gap)
                          : std::string("no two are one period apart")));
    ok = false;
  }
  for (size_t i = 0; i < points.size(); ++i) {
    const TracePoint& p = points[i];
    if (p.value < 0) {
      in_file(p.value_line, p.value_column, fmt::format("value {} is negative: a period's total is at least 0", p.value));
      ok = false;
    }
    if (i == 0) continue;
    const TracePoint& before = points[i - 1];
    const int64_t gap = p.epoch_ns - before.epoch_ns;
    if (gap <= 0) {
      in_file(p.line, p.column,
              fmt::format("timestamp {} is not after the one before it ({}, line {}): a trace's timestamps must "
                          "ascend",
                          format_utc_timestamp(p.epoch_ns), format_utc_timestamp(before.epoch_ns), before.line));
      ok = false;
    } else if (closest_gap == period && gap % period != 0) {
      in_file(p.line, p.column,
              fmt::format("timestamp {} is {} after the one before it: not a whole number of periods of {}",
                          format_utc_timestamp(p.epoch_ns), duration_text(gap), duration_text(period)));
      ok = false;
    }
  }
  return ok;
}

std::optional<std::vector<double>> TraceReader::totals(const Node& n, const std::string& path,
                                                       const std::vector<TracePoint>& points, const Request& r,
                                                       sim::Duration run) {
  const int64_t period = r.period.ns();
  const int64_t span = (points.back().epoch_ns - points.front().epoch_ns) / period + 1;  // periods
  if (span > kTracePeriodsMax) {
    diagnostics()->push_back(model::Diagnostic{
        r.shown, points.back().line, points.back().column,
        fmt::format("the trace spans {} periods of {} from its first timestamp, more than {}", span,
                    duration_text(period), kTracePeriodsMax)});
    return std::nullopt;
  }
  if (span * period < run.ns()) {
    error(n, fmt::format("{}: '{}' covers {} ({} periods of {}), less than the run's duration {}: give a longer "
                         "trace or a shorter duration",
                         path, r.shown, duration_text(span * period), span, duration_text(period),
                         sim::format_duration(run)));
    return std::nullopt;
  }
  // The periods the run needs, and one more for the line into the last of them.
  const int64_t needed = std::min<int64_t>(span, (run.ns() + period - 1) / period + 1);
  std::vector<double> per_period(static_cast<size_t>(needed), 0.0);
  const TracePoint* highest = &points.front();
  for (const TracePoint& p : points) {
    const int64_t k = (p.epoch_ns - points.front().epoch_ns) / period;
    if (k >= needed) break;
    per_period[static_cast<size_t>(k)] = p.value;
    if (p.value > highest->value) highest = &p;
  }
  const double peak = highest->value / sim::to_seconds(r.period) * r.scale;
  if (peak > kRatePerSecondCeiling) {
    error(n, fmt::format("{}: the rate of the period at {}:{} ({} per {} x scale {}) is {} requests per second, "
                         "above 10000000",
                         path, r.shown, highest->line, highest->value, duration_text(period), r.scale, peak));
    return std::nullopt;
  }
  return per_period;
}

void TraceReader::trim_file_diagnostics(size_t from, const std::string& shown) {
  std::vector<model::Diagnostic>& out = *diagnostics();
  const auto first = out.begin() + static_cast<std::ptrdiff_t>(from);
  const auto about_file = std::stable_partition(first, out.end(),
                                                [&](const model::Diagnostic& d) { return d.file != shown; });
  const size_t count = static_cast<size_t>(out.end() - about_file);
  if (count <= kShownPerFile) return;
  std::stable_sort(about_file, out.end(), [](const model::Diagnostic& a, const model::Diagnostic& b) {
    return std::pair(a.line, a.column) < std::pair(b.line, b.column);
  });
  out.erase(about_file + static_cast<std::ptrdiff_t>(kShownPerFile), out.end());
  out.push_back(model::Diagnostic{shown, 0, 0, fmt::format("{} more problems not shown", count - kShownPerFile)});
}

}  // namespace load
