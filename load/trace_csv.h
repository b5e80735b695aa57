// Trace CSV: a trace file of comma-separated text (scenarios/README.md,
// "Trace files"). One data point a line: a timestamp (load/utc_timestamp.h),
// then one value or several. The first line may be a header naming the
// columns (`timestamp,ConsumedWriteCapacityUnits,ConsumedReadCapacityUnits`):
// it is one when its first field does not start with a digit, as every
// timestamp does. Blank lines and lines
// starting with '#' are skipped; fields are trimmed of spaces and may be
// double-quoted ("" inside for a quote); lines may end in \r\n.
//
// Values are read as written (finite numbers); whether they and the
// timestamps make a trace is checked by load/traffic_trace.h.
// Determinism: pure functions of the text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/trace_point.h"
#include "model/diagnostic.h"

namespace load {

// The header's value-column names (every field after the first), or none
// when the file has no header.
std::vector<std::string> trace_csv_columns(std::string_view text);

// The data points of value column `column` (0: the first after the
// timestamp) into *points, in file order, those of well-formed lines only;
// false after reporting every malformed line (a NUL byte, a field too many
// or too few, a timestamp or a value that is not one) as a diagnostic about
// `file`, so the caller may still check the rest. REQUIRES: column names a
// value column (one of trace_csv_columns, or 0 without a header).
bool read_trace_csv(std::string_view text, const std::string& file, size_t column, std::vector<TracePoint>* points,
                    std::vector<model::Diagnostic>* out);

}  // namespace load
