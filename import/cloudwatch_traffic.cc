#include "import/cloudwatch_traffic.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "import/artefact_reader.h"
#include "load/cloudwatch_metric_data.h"
#include "load/traffic_trace.h"

namespace importer {

using model::Diagnostic;
namespace fs = std::filesystem;

namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;

struct SeriesRole {
  const char* metric;
  const char* group;
  const char* op;
};

constexpr SeriesRole kRoles[] = {
    {"ConsumedWriteCapacityUnits", "writers", "put"},
    {"ConsumedReadCapacityUnits", "readers", "get"},
};

// The file's path as the scenario names it: relative to the directory of
// out_file (or the working directory).
std::string scenario_path(const std::string& file, const std::string& out_file) {
  std::error_code ec;
  const fs::path base = fs::absolute(out_file.empty() ? fs::path(".") : fs::path(out_file).parent_path(), ec);
  const fs::path target = fs::absolute(file, ec);
  const fs::path rel = target.lexically_normal().lexically_relative(base.lexically_normal());
  return rel.empty() ? file : rel.generic_string();
}

std::optional<std::string> read_file_text(const std::string& file, std::vector<Diagnostic>* out) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec) || fs::file_size(file, ec) > load::kTraceBytesMax) {
    out->push_back(Diagnostic{file, 0, 0, "cannot read: not a regular file of at most 64 MiB"});
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in.good() && !in.eof()) {
    out->push_back(Diagnostic{file, 0, 0, "cannot read"});
    return std::nullopt;
  }
  return text.str();
}

// The region and role a series' name gives, or an error message.
std::string role_of(const std::string& name, std::string* region, const SeriesRole** role) {
  const size_t space = name.find(' ');
  const std::string first = name.substr(0, space);
  const std::string rest = space == std::string::npos ? "" : name.substr(space + 1);
  if (!is_aws_region_name(first)) {
    return "a series named '" + name + "': its Label (or Id) should be \"REGION METRIC\", as \"us-east-1 " +
           "ConsumedWriteCapacityUnits\" (docs/import.md, cloudwatch)";
  }
  for (const SeriesRole& r : kRoles) {
    if (rest == r.metric) {
      *region = first;
      *role = &r;
      return "";
    }
  }
  return "series '" + name + "': expected ConsumedWriteCapacityUnits or ConsumedReadCapacityUnits after the region";
}

// One series into the draft; false after reporting.
bool add_series(const load::MetricData& data, const std::string& name, const std::string& file,
                const std::string& shown, TableDraft* draft, std::vector<Diagnostic>* out) {
  const auto pages = load::results_named(data, name);
  const Diagnostic at{file, pages.front()->line, pages.front()->column, ""};
  const auto fail = [&](std::string message) {
    out->push_back(Diagnostic{at.file, at.line, at.column, std::move(message)});
    return false;
  };
  std::string region;
  const SeriesRole* role = nullptr;
  if (std::string problem = role_of(name, &region, &role); !problem.empty()) return fail(problem);
  const auto points = load::joined_series(pages, name, file, out);
  if (!points) return false;
  if (points->size() < 2) return fail("series '" + name + "': needs at least two data points to tell its period");
  const int64_t step_s = ((*points)[1].epoch_ns - (*points)[0].epoch_ns) / kNanosPerSecond;
  if (step_s != 60 && step_s != 300) {
    return fail(fmt::format("series '{}': its points are {} s apart; expected a period of 60 or 300 s", name, step_s));
  }
  const auto same = [&](const TrafficDraft& t) { return t.region == region && t.group == role->group; };
  if (std::any_of(draft->traffic.begin(), draft->traffic.end(), same)) {
    return fail("series '" + name + "': a second " + role->metric + " series for " + region);
  }
  const int64_t span_s = ((*points).back().epoch_ns - (*points).front().epoch_ns) / kNanosPerSecond + step_s;
  draft->traffic_seconds = draft->traffic.empty() ? span_s : std::min(draft->traffic_seconds, span_s);
  draft->traffic.push_back(TrafficDraft{region, role->group, role->op, shown, name, step_s == 60 ? "1m" : "5m",
                                        Source{file, "MetricDataResults (" + name + ")", ""}});
  return true;
}

}  // namespace

bool read_traffic(const std::vector<std::string>& files, const std::string& out_file, bool add_regions,
                  TableDraft* draft, std::vector<Diagnostic>* out) {
  const size_t before = out->size();
  for (const std::string& file : files) {
    const auto text = read_file_text(file, out);
    if (!text) continue;
    const auto data = load::parse_metric_data(*text, file, out);
    if (!data) continue;
    const std::string shown = scenario_path(file, out_file);
    std::vector<std::string> names;  // each series by its Label, or its Id without one, once
    for (const load::MetricDataResult& r : data->results) {
      const std::string& name = r.label.empty() ? r.id : r.label;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    for (const std::string& name : names) add_series(*data, name, file, shown, draft, out);
    draft->inputs.push_back(file + " (get-metric-data JSON)");
    draft->files.push_back(file);
  }
  if (out->size() != before) return false;
  for (const TrafficDraft& t : draft->traffic) {
    if (draft->replica(t.region) != nullptr) continue;
    if (!add_regions) {
      out->push_back(Diagnostic{t.source.file, 0, 0, "series '" + t.metric + "': the table has no replica in " + t.region});
      continue;
    }
    draft->add_replica(t.region, t.source);
  }
  return out->size() == before;
}

ImportOutcome import_cloudwatch(const ImportRequest& request) {
  ImportOutcome outcome;
  TableDraft draft;
  draft.kind = "cloudwatch";
  draft.name = "traffic";
  const std::string first = request.files.front();
  draft.name_source = Source{first, "ASSUMED: get-metric-data names no table", ""};
  draft.billing_source = Source{"", "the metrics do not say: on demand", ""};
  draft.assumptions.push_back("table: on demand, named traffic, in the regions the series name (get-metric-data "
                              "holds no table; import the table with describe-table --traffic instead)");
  if (!read_traffic(request.files, request.out, true, &draft, &outcome.diagnostics)) return outcome;
  if (std::string problem = region_count_problem(draft); !problem.empty()) {
    outcome.diagnostics.push_back(Diagnostic{first, 0, 0, "the series " + problem});
    return outcome;
  }
  outcome.draft = std::move(draft);
  return outcome;
}

}  // namespace importer
