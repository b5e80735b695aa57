#include "reports/summary_columns.h"

#include <fmt/format.h>

namespace reports {
namespace {

// Every column and figure name of reports/text_report.cc's summary, by section.
constexpr SummaryColumn kColumns[] = {
    {"regions", "writes", "writes", ""},
    {"regions", "puts", "puts", ""},
    {"regions", "updates", "updates", ""},
    {"regions", "deletes", "deletes", ""},
    {"regions", "gets", "gets", ""},
    {"regions", "queries", "queries", ""},
    {"regions", "mode", "", "regions[].capacity.mode"},
    {"regions", "W units", "write_units", ""},
    {"regions", "R units", "read_units", ""},
    {"regions", "throttled", "throttle_events", ""},
    {"regions", "thr. %", "throttled_ppm", ""},
    {"regions", "repl.thr.", "replication_throttle_events", ""},
    {"regions", "retries", "retries", ""},
    {"regions", "errors", "client_errors", ""},
    {"regions", "unavail.", "unavailable_errors", ""},
    {"regions", "lat. p50", "client_latency_p50_ns", ""},
    {"regions", "lat. p99", "client_latency_p99_ns", ""},
    {"regions", "stale", "", "regions[].reads.stale_reads"},
    {"regions", "p99 staleness", "", "regions[].reads.staleness_ns.p99"},
    {"lag", "writes", "replicated", ""},
    {"lag", "mean", "mean_ns", ""},
    {"lag", "p50", "p50_ns", ""},
    {"lag", "p90", "p90_ns", ""},
    {"lag", "p99", "p99_ns", ""},
    {"lag", "p99.9", "p999_ns", ""},
    {"lag", "max", "max_ns", ""},
    {"conflicts", "writes", "writes", ""},
    {"conflicts", "concurrent", "concurrent_writes", ""},
    {"conflicts", "concurrent pairs", "concurrent_pairs", ""},
    {"conflicts", "clobbered", "clobbered", ""},
    {"conflicts", "skew inversions", "skew_inversions", ""},
    {"conflicts", "causal inversions", "causal_inversions", ""},
    {"convergence", "drained", "drain_ns", ""},
    {"convergence", "divergent", "divergent_items", ""},
    {"convergence", "items", "items", ""},
};

// A header as a path segment could spell it: "unavail." -> "unavail".
std::string as_segment(std::string_view header) {
  std::string out(header);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

}  // namespace

std::span<const SummaryColumn> summary_columns() { return kColumns; }

std::optional<std::string> summary_column_hint(std::string_view path,
                                               const std::function<bool(const std::string&)>& known) {
  const size_t first_dot = path.find('.');
  const size_t last_dot = path.rfind('.');
  if (first_dot == std::string_view::npos) return std::nullopt;
  const std::string_view section = path.substr(0, first_dot);
  const std::string_view last = path.substr(last_dot + 1);
  const std::string_view prefix = path.substr(0, last_dot + 1);
  for (const SummaryColumn& column : kColumns) {
    if (column.section != section || as_segment(column.header) != last || column.figure == last) continue;
    if (column.figure.empty()) {
      return fmt::format("the summary's column '{}' is no figure; the JSON report has it at {}", column.header,
                         column.json);
    }
    const std::string mapped = std::string(prefix) + std::string(column.figure);
    if (known(mapped)) return fmt::format("the summary's column '{}' is '{}'", column.header, mapped);
  }
  return std::nullopt;
}

}  // namespace reports
