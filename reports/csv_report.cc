#include "reports/csv_report.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "model/series_resolution.h"
#include "reports/cost_report.h"

namespace reports {
namespace {

using Column = std::vector<int64_t>;
using Format = std::function<std::string(int64_t)>;

std::string integer(int64_t v) { return fmt::format("{}", v); }

// Milli-units with one decimal, printed exactly as the JSON report prints them.
std::string milli_one_decimal(int64_t milli) { return fmt::format("{:.1f}", static_cast<double>(milli) / 1000.0); }

// Nanoseconds as exact milliseconds (CloudWatch's unit for ReplicationLatency).
std::string ns_as_ms(int64_t ns) {
  const int64_t magnitude = ns < 0 ? -ns : ns;
  return fmt::format("{}{}.{:06}", ns < 0 ? "-" : "", magnitude / 1000000, magnitude % 1000000);
}

// The same, empty for a minute without a value (no request served).
std::string ns_as_ms_or_empty(int64_t ns) { return ns == model::kNoValue ? std::string() : ns_as_ms(ns); }

// One row per point: its start and step (the seconds it covers:
// `resolution`), then each column's value.
CsvFile table(std::string name, model::SeriesResolution resolution, const std::vector<std::string>& headers,
              const std::vector<const Column*>& columns, const Format& format) {
  CsvFile file{std::move(name), "time_s,step_s"};
  for (const std::string& header : headers) {
    file.content += ',';
    file.content += csv_cell(header);
  }
  file.content += "\n";
  size_t rows = 0;
  for (const Column* column : columns) rows = std::max(rows, column->size());
  for (size_t row = 0; row < rows; ++row) {
    const int64_t start_s = model::point_start_s(resolution, row);
    file.content += fmt::format("{},{}", start_s, model::step_at(resolution, start_s));
    for (const Column* column : columns) {
      file.content += ",";
      if (row < column->size()) file.content += format((*column)[row]);
    }
    file.content += "\n";
  }
  return file;
}

// -?digits(.digits)?: a number a spreadsheet reads as one, not a formula.
bool plain_number(std::string_view text) {
  size_t i = !text.empty() && text[0] == '-' ? 1 : 0;
  const auto digits = [&] {
    const size_t from = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i > from;
  };
  if (!digits()) return false;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  return i == text.size();
}

// Client latency per minute by serving region and by client group, and the
// service's SuccessfulRequestLatency by region: an empty cell where a minute
// served nothing.
void append_latency_files(const model::RunResult& result, std::vector<CsvFile>* files) {
  std::vector<std::string> headers;
  std::vector<const Column*> columns;
  const auto quantiles = [&](const std::string& name, const Column& p50, const Column& p90, const Column& p99,
                             const Column& max) {
    for (const char* q : {" p50", " p90", " p99", " max"}) headers.push_back(name + q);
    for (const Column* c : {&p50, &p90, &p99, &max}) columns.push_back(c);
  };
  for (size_t r = 0; r < result.region_series.size(); ++r) {
    const model::RegionSeries& s = result.region_series[r];
    quantiles(result.regions[r], s.latency_p50_ns, s.latency_p90_ns, s.latency_p99_ns, s.latency_max_ns);
  }
  files->push_back(table("ClientLatency.csv", model::kPerMinuteResolution, headers, columns, ns_as_ms_or_empty));
  headers.clear();
  columns.clear();
  for (size_t g = 0; g < result.client_group_series.size(); ++g) {
    const model::ClientGroupSeries& s = result.client_group_series[g];
    const model::ClientGroupResult& group = result.client_groups[g];
    quantiles(group.region + "/" + group.name, s.latency_p50_ns, s.latency_p90_ns, s.latency_p99_ns,
              s.latency_max_ns);
  }
  files->push_back(table("ClientGroupLatency.csv", model::kPerMinuteResolution, headers, columns, ns_as_ms_or_empty));
  headers.clear();
  columns.clear();
  for (size_t r = 0; r < result.region_series.size(); ++r) {
    headers.push_back(result.regions[r] + " Average");
    headers.push_back(result.regions[r] + " Maximum");
    columns.push_back(&result.region_series[r].successful_request_latency_mean_ns);
    columns.push_back(&result.region_series[r].successful_request_latency_max_ns);
  }
  files->push_back(
      table("SuccessfulRequestLatency.csv", model::kPerMinuteResolution, headers, columns, ns_as_ms_or_empty));
}

}  // namespace

std::string csv_cell(std::string_view text) {
  std::string cell;
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  if (formula && !plain_number(text)) cell = "'";
  cell += text;
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted(1, '"');
  for (const char c : cell) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  quoted += '"';
  return quoted;
}

std::vector<CsvFile> csv_report(const model::RunResult& result) {
  std::vector<CsvFile> files;
  const std::vector<std::string>& regions = result.regions;
  const auto per_region = [&](std::string name, Column model::RegionSeries::*member, const Format& format) {
    std::vector<const Column*> columns;
    for (const model::RegionSeries& s : result.region_series) columns.push_back(&(s.*member));
    files.push_back(table(std::move(name), model::kPerSecondResolution, regions, columns, format));
  };
  per_region("ConsumedWriteCapacityUnits.csv", &model::RegionSeries::consumed_write_milli, milli_one_decimal);
  per_region("ConsumedReadCapacityUnits.csv", &model::RegionSeries::consumed_read_milli, milli_one_decimal);
  per_region("BurstWriteCapacityUnits.csv", &model::RegionSeries::burst_write_milli, milli_one_decimal);
  per_region("BurstReadCapacityUnits.csv", &model::RegionSeries::burst_read_milli, milli_one_decimal);
  per_region("ProvisionedWriteCapacityUnits.csv", &model::RegionSeries::provisioned_write_units, integer);
  per_region("ProvisionedReadCapacityUnits.csv", &model::RegionSeries::provisioned_read_units, integer);
  per_region("ThrottleEvents.csv", &model::RegionSeries::throttle_events, integer);
  per_region("ReplicationThrottleEvents.csv", &model::RegionSeries::replication_throttle_events, integer);
  per_region("ClientErrors.csv", &model::RegionSeries::client_errors, integer);
  per_region("UnavailableErrors.csv", &model::RegionSeries::unavailable_errors, integer);
  per_region("RefusedRequests.csv", &model::RegionSeries::refused_requests, integer);
  per_region("ReplicationBacklog.csv", &model::RegionSeries::replication_backlog, integer);

  std::vector<std::string> pairs;
  for (const model::PairResult& pair : result.pairs) pairs.push_back(pair.from + "->" + pair.to);
  std::vector<const Column*> pending;
  for (const model::PairSeries& s : result.pair_series) pending.push_back(&s.pending_replication);
  files.push_back(table("PendingReplicationCount.csv", model::kPerSecondResolution, pairs, pending, integer));

  std::vector<std::string> latency_headers;
  std::vector<const Column*> latency;
  for (size_t i = 0; i < result.pair_series.size(); ++i) {
    latency_headers.push_back(pairs[i] + " Average");
    latency_headers.push_back(pairs[i] + " Maximum");
    latency.push_back(&result.pair_series[i].replication_latency_mean_ns);
    latency.push_back(&result.pair_series[i].replication_latency_max_ns);
  }
  files.push_back(table("ReplicationLatency.csv", model::kPerMinuteResolution, latency_headers, latency, ns_as_ms));

  append_latency_files(result, &files);
  files.push_back(cost_csv(result));
  return files;
}

}  // namespace reports
