#include "load/cloudwatch_metric_data.h"

#include <algorithm>

#include <fmt/format.h>

#include "load/scenario_values.h"
#include "load/utc_timestamp.h"
#include "reports/json_value.h"
#include "sim/assert.h"

namespace load {

using reports::JsonValue;

namespace {

std::string found(const JsonValue& v) {
  switch (v.kind) {
    case JsonValue::Kind::kNull: return "null";
    case JsonValue::Kind::kBool: return v.boolean ? "true" : "false";
    case JsonValue::Kind::kNumber: return v.text;
    case JsonValue::Kind::kString: return "a string ('" + v.text + "')";
    case JsonValue::Kind::kArray: return "an array";
    case JsonValue::Kind::kObject: return "an object";
  }
  return "";
}

class Reader {
 public:
  Reader(std::string_view text, const std::string& file, std::vector<model::Diagnostic>* out)
      : text_(text), file_(file), out_(out) {
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  std::optional<MetricData> read() {
    reports::JsonError error;
    const std::optional<JsonValue> doc = reports::parse_json(text_, &error);
    if (!doc) {
      problem(error.offset, "invalid JSON: " + error.message);
      return std::nullopt;
    }
    if (doc->kind != JsonValue::Kind::kObject) {
      problem(doc->offset, "expected the output of aws cloudwatch get-metric-data, an object with "
                           "MetricDataResults; found " + found(*doc));
      return std::nullopt;
    }
    bool ok = known_keys(*doc, "", {"MetricDataResults", "Messages", "NextToken"});
    if (const JsonValue* token = doc->find("NextToken")) {
      problem(token->offset, "NextToken: this output is one page of several; run the CLI without --max-items "
                             "and --no-paginate, so that it fetches every page");
      ok = false;
    }
    const JsonValue* results = doc->find("MetricDataResults");
    if (results == nullptr) {
      problem(doc->offset, "missing required key 'MetricDataResults'");
      return std::nullopt;
    }
    if (results->kind != JsonValue::Kind::kArray) {
      problem(results->offset, "MetricDataResults: expected an array, found " + found(*results));
      return std::nullopt;
    }
    MetricData data;
    for (size_t i = 0; i < results->items.size(); ++i) {
      std::optional<MetricDataResult> r = result(results->items[i], fmt::format("MetricDataResults[{}]", i));
      if (r) data.results.push_back(std::move(*r));
      ok = ok && r.has_value();
    }
    if (!ok) return std::nullopt;
    return data;
  }

 private:
  void where(size_t offset, int* line, int* column) const {
    const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    *line = static_cast<int>(after - line_starts_.begin()) + 1;
    const size_t start = after == line_starts_.begin() ? 0 : *(after - 1);
    *column = static_cast<int>(offset - start) + 1;
  }

  void problem(size_t offset, std::string message) {
    int line = 0, column = 0;
    where(offset, &line, &column);
    out_->push_back(model::Diagnostic{file_, line, column, std::move(message)});
  }

  bool known_keys(const JsonValue& object, const std::string& path, const std::vector<std::string>& keys) {
    bool ok = true;
    for (const auto& [key, value] : object.members) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      problem(value.offset, fmt::format("unknown key '{}' {}{}", key, path.empty() ? "at the top level" : "in " + path,
                                        did_you_mean(key, keys)));
      ok = false;
    }
    return ok;
  }

  // The string member `key` into *out (absent: left as is).
  bool string_member(const JsonValue& object, const std::string& path, const char* key, std::string* out) {
    const JsonValue* v = object.find(key);
    if (v == nullptr) return true;
    if (v->kind != JsonValue::Kind::kString) {
      problem(v->offset, fmt::format("{}.{}: expected a string, found {}", path, key, found(*v)));
      return false;
    }
    *out = v->text;
    return true;
  }

  std::optional<MetricDataResult> result(const JsonValue& v, const std::string& path);
  bool points(const JsonValue& timestamps, const JsonValue& values, const std::string& path, MetricDataResult* r);

  std::string_view text_;
  const std::string& file_;
  std::vector<model::Diagnostic>* out_;
  std::vector<size_t> line_starts_;  // the offset of each line after the first
};

std::optional<MetricDataResult> Reader::result(const JsonValue& v, const std::string& path) {
  static const std::vector<std::string> kStatus = {"Complete", "PartialData", "InternalError", "Forbidden"};
  if (v.kind != JsonValue::Kind::kObject) {
    problem(v.offset, path + ": expected an object, found " + found(v));
    return std::nullopt;
  }
  MetricDataResult r;
  where(v.offset, &r.line, &r.column);
  bool ok = known_keys(v, path, {"Id", "Label", "StatusCode", "Timestamps", "Values", "Messages"});
  ok = string_member(v, path, "Id", &r.id) && ok;
  ok = string_member(v, path, "Label", &r.label) && ok;
  if (string_member(v, path, "StatusCode", &r.status_code)) {
    if (const JsonValue* s = v.find("StatusCode")) {
      where(s->offset, &r.status_line, &r.status_column);
      if (std::find(kStatus.begin(), kStatus.end(), r.status_code) == kStatus.end()) {
        problem(s->offset, fmt::format("{}.StatusCode: expected one of {}, found '{}'{}", path, quoted_list(kStatus),
                                       r.status_code, did_you_mean(r.status_code, kStatus)));
        ok = false;
      }
    }
  } else {
    ok = false;
  }
  const JsonValue* timestamps = v.find("Timestamps");
  const JsonValue* values = v.find("Values");
  bool arrays = true;
  for (const auto& [key, member] : {std::pair{"Timestamps", timestamps}, std::pair{"Values", values}}) {
    if (member == nullptr) {
      problem(v.offset, fmt::format("missing required key '{}' in {}", key, path));
      arrays = false;
    } else if (member->kind != JsonValue::Kind::kArray) {
      problem(member->offset, fmt::format("{}.{}: expected an array, found {}", path, key, found(*member)));
      arrays = false;
    }
  }
  if (!arrays || !points(*timestamps, *values, path, &r) || !ok) return std::nullopt;
  return r;
}

bool Reader::points(const JsonValue& timestamps, const JsonValue& values, const std::string& path,
                    MetricDataResult* r) {
  if (timestamps.items.size() != values.items.size()) {
    problem(values.offset, fmt::format("{}.Values: {} values for {} timestamps: each value needs its timestamp",
                                       path, values.items.size(), timestamps.items.size()));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < timestamps.items.size(); ++i) {
    const JsonValue& t = timestamps.items[i];
    const JsonValue& x = values.items[i];
    std::optional<int64_t> at;
    std::string why = "expected a timestamp, e.g. '2024-01-15T10:00:00+00:00' or Unix seconds";
    if (t.kind == JsonValue::Kind::kString) {
      at = parse_utc_timestamp(t.text, &why);
      if (why == "expected a timestamp") why += ", e.g. '2024-01-15T10:00:00+00:00' or Unix seconds";
    } else if (t.kind == JsonValue::Kind::kNumber) {
      at = utc_timestamp_from_seconds(t.as_double());
      why = "Unix seconds from 1970 to 2199 expected";
    }
    if (!at) {
      problem(t.offset, fmt::format("{}.Timestamps[{}]: {}; found {}", path, i, why, found(t)));
      ok = false;
    }
    if (x.kind != JsonValue::Kind::kNumber) {
      problem(x.offset, fmt::format("{}.Values[{}]: expected a number, found {}", path, i, found(x)));
      ok = false;
    }
    if (!at || x.kind != JsonValue::Kind::kNumber) continue;
    TracePoint point{*at, x.as_double(), 0, 0, 0, 0};
    where(t.offset, &point.line, &point.column);
    where(x.offset, &point.value_line, &point.value_column);
    r->points.push_back(point);
  }
  return ok;
}

}  // namespace

std::optional<MetricData> parse_metric_data(std::string_view text, const std::string& file,
                                            std::vector<model::Diagnostic>* out) {
  return Reader(text, file, out).read();
}

std::vector<std::string> metric_names(const MetricData& data) {
  std::vector<std::string> names;
  for (const MetricDataResult& r : data.results) {
    for (const std::string* name : {&r.label, &r.id}) {
      if (!name->empty() && std::find(names.begin(), names.end(), *name) == names.end()) names.push_back(*name);
    }
  }
  return names;
}

std::vector<const MetricDataResult*> results_named(const MetricData& data, std::string_view name) {
  std::vector<const MetricDataResult*> pages;
  for (const MetricDataResult& r : data.results) {
    if (r.label == name || r.id == name) pages.push_back(&r);
  }
  return pages;
}

std::optional<std::vector<TracePoint>> joined_series(const std::vector<const MetricDataResult*>& pages,
                                                     std::string_view name, const std::string& file,
                                                     std::vector<model::Diagnostic>* out) {
  GTSIM_ASSERT(!pages.empty());
  bool ok = true;
  for (const MetricDataResult* page : pages) {
    if (page->id != pages.front()->id) {
      out->push_back(model::Diagnostic{
          file, page->line, page->column,
          fmt::format("'{}' names two queries, Ids '{}' and '{}': name one by its Id", name, pages.front()->id,
                      page->id)});
      return std::nullopt;
    }
    if (page->status_code == "InternalError" || page->status_code == "Forbidden") {
      out->push_back(model::Diagnostic{file, page->status_line, page->status_column,
                                       fmt::format("StatusCode '{}': CloudWatch did not return the data of '{}'",
                                                   page->status_code, name)});
      ok = false;
    }
  }
  const MetricDataResult& last = *pages.back();
  if (last.status_code == "PartialData") {
    out->push_back(model::Diagnostic{file, last.status_line, last.status_column,
                                     fmt::format("StatusCode 'PartialData' on the last page of '{}': data points "
                                                 "are missing; fetch the remaining pages",
                                                 name)});
    ok = false;
  }
  if (!ok) return std::nullopt;
  std::vector<TracePoint> points;
  for (const MetricDataResult* page : pages) points.insert(points.end(), page->points.begin(), page->points.end());
  const bool descending = std::adjacent_find(points.begin(), points.end(), [](const TracePoint& a, const TracePoint& b) {
                            return a.epoch_ns <= b.epoch_ns;
                          }) == points.end();
  if (descending) std::reverse(points.begin(), points.end());
  return points;
}

}  // namespace load
