// The terminal summary's column and figure names, and the report paths
// they show (docs/report-paths.md, "The summary's columns"). A reader who
// types a column's own header as a path (`regions.eu-west-1.throttled`) is
// told the path it shows (`regions.eu-west-1.throttle_events`), never a
// near miss by spelling ("did you mean 'throttled_ppm'?").
//
// Determinism: a constant table and pure functions of it.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace reports {

struct SummaryColumn {
  std::string_view section;  // the path's first segment: "regions", "lag", "conflicts", "convergence"
  std::string_view header;   // as the summary prints it: "throttled", "p99", "W units"
  std::string_view figure;   // the path's last segment; empty when the column is no figure
  std::string_view json;     // for a column that is no figure: where the JSON report has it
};

std::span<const SummaryColumn> summary_columns();

// For a path that names no figure and whose last segment is a summary
// header of its section: what that column is, as a clause for a message
// ("the summary's column 'throttled' is 'regions.eu-west-1.throttle_events'",
// or "... is no figure; the JSON report has it at regions[].reads.stale_reads"),
// when `known` accepts the path it maps to; nullopt otherwise.
std::optional<std::string> summary_column_hint(std::string_view path,
                                               const std::function<bool(const std::string&)>& known);

}  // namespace reports
