// TracePoint: one data point of a trace file (load/trace_csv.h,
// load/cloudwatch_metric_data.h), with the places it was written at, so
// that every later check names the line and column of what it refuses.
#pragma once

#include <cstdint>

namespace load {

struct TracePoint {
  int64_t epoch_ns = 0;     // its timestamp: nanoseconds since 1970-01-01T00:00:00Z
  double value = 0;         // as written: the period's total (CloudWatch's Sum)
  int line = 0;             // of the timestamp, 1-based
  int column = 0;
  int value_line = 0;       // of the value
  int value_column = 0;
};

}  // namespace load
