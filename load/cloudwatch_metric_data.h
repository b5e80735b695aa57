// CloudWatch metric data: the JSON that `aws cloudwatch get-metric-data`
// prints (GetMetricData's response; docs/sources.md, "Traffic traces"),
// read strictly as a trace's source: load/traffic_trace.h reads a curve
// from one of its series, and an importer may read every series.
//
// The document is an object with `MetricDataResults` (an array of results,
// each {Id, Label, StatusCode, Timestamps, Values, Messages}) and
// `Messages`; `NextToken` means the output is one page of several, and is
// refused. Timestamps are the CLI's ISO 8601 strings or Unix seconds as
// numbers (load/utc_timestamp.h); values are JSON numbers (finite: JSON has
// no other). The AWS CLI fetches every page of a query and writes one
// result per page, with the same Id: the results of one name are its pages,
// joined in file order.
//
// Every problem is a diagnostic about the file with its line and column
// (1-based; the column counts bytes), naming the member by its JSON path:
// invalid JSON (reports/json_value.h, strict RFC 8259), a member missing or
// of another type, an unknown key (with the nearest valid one), Timestamps
// and Values of different lengths, a timestamp that is not one.
// Determinism: pure functions of the text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/trace_point.h"
#include "model/diagnostic.h"

namespace load {

struct MetricDataResult {
  std::string id;           // `Id` ("" when absent)
  std::string label;        // `Label` ("" when absent)
  std::string status_code;  // `StatusCode`: Complete, PartialData, InternalError, Forbidden ("" when absent)
  std::vector<TracePoint> points;  // Timestamps[i] with Values[i], in file order
  int line = 0;             // where the result's object starts
  int column = 0;
  int status_line = 0;      // where its StatusCode is (0 when absent)
  int status_column = 0;
};

struct MetricData {
  std::vector<MetricDataResult> results;  // `MetricDataResults`, in file order
};

// nullopt after reporting every problem found (see above).
std::optional<MetricData> parse_metric_data(std::string_view text, const std::string& file,
                                            std::vector<model::Diagnostic>* out);

// The names a series may be chosen by: each result's Label and its Id, each
// name once, in file order.
std::vector<std::string> metric_names(const MetricData& data);

// The results whose Label or Id is `name`, in file order (the pages of one
// query); empty when none is.
std::vector<const MetricDataResult*> results_named(const MetricData& data, std::string_view name);

// The data points of one series, its pages joined, oldest first
// (GetMetricData returns the newest first by default: a series whose
// timestamps descend is reversed; one in no order is left for the trace's
// own checks to refuse). Refused, with a diagnostic at the StatusCode: a
// page that is InternalError or Forbidden, a last page that is PartialData
// (data points missing), and results of one Label with different Ids (two
// queries: name one by its Id). REQUIRES: pages not empty.
std::optional<std::vector<TracePoint>> joined_series(const std::vector<const MetricDataResult*>& pages,
                                                     std::string_view name, const std::string& file,
                                                     std::vector<model::Diagnostic>* out);

}  // namespace load
