#include "reports/metric_paths.h"

#include <cmath>

#include <fmt/format.h>

#include "model/nearest_word.h"
#include "sim/assert.h"

namespace reports {
namespace {

class Flattener {
 public:
  explicit Flattener(std::vector<Figure>* out) : out_(out) {}

  void add(std::string path, int64_t value) { out_->push_back(Figure{std::move(path), value}); }
  void add(std::string path, uint64_t value) {
    GTSIM_ASSERT(value <= static_cast<uint64_t>(INT64_MAX));
    add(std::move(path), static_cast<int64_t>(value));
  }

 private:
  std::vector<Figure>* out_;
};

}  // namespace

std::vector<Figure> flatten(const model::RunResult& result) {
  std::vector<Figure> figures;
  figures.reserve(32 + 20 * result.region_results.size() + 10 * result.pairs.size());
  Flattener f(&figures);

  for (const model::RegionResult& region : result.region_results) {
    const std::string prefix = "regions." + region.name + ".";
    f.add(prefix + "writes", region.writes());
    for (int op = 0; op < model::kOperationCount; ++op) {
      f.add(prefix + std::string(model::operation_name(static_cast<model::Operation>(op))) + "s",
            region.operations[op]);
    }
    f.add(prefix + "noop_deletes", region.noop_deletes);
    f.add(prefix + "bytes_written", region.bytes_written);
    f.add(prefix + "throttle_events", region.throttle_events);
    f.add(prefix + "replication_throttle_events", region.replication_throttle_events);
    f.add(prefix + "retries", region.retries);
    f.add(prefix + "client_errors", region.client_errors);
    f.add(prefix + "unavailable_errors", region.unavailable_errors);
    f.add(prefix + "client_latency_p50_ns", region.client_latency_ns.quantile(0.50));
    f.add(prefix + "client_latency_p99_ns", region.client_latency_ns.quantile(0.99));
    f.add(prefix + "client_latency_max_ns", region.client_latency_ns.max());
  }

  for (const model::PairResult& pair : result.pairs) {
    const std::string prefix = "lag." + pair.from + "->" + pair.to + ".";
    const sim::Histogram& lag = pair.lag_ns;
    f.add(prefix + "replicated", pair.replicated);
    f.add(prefix + "mean_ns", static_cast<int64_t>(std::llround(lag.mean())));
    f.add(prefix + "min_ns", lag.min());
    f.add(prefix + "p50_ns", lag.quantile(0.50));
    f.add(prefix + "p90_ns", lag.quantile(0.90));
    f.add(prefix + "p99_ns", lag.quantile(0.99));
    f.add(prefix + "p999_ns", lag.quantile(0.999));
    f.add(prefix + "max_ns", lag.max());
  }

  const model::ConflictResult& conflicts = result.conflicts;
  f.add("conflicts.writes", conflicts.writes);
  f.add("conflicts.concurrent_pairs", conflicts.concurrent_pairs);
  f.add("conflicts.concurrent_writes", conflicts.concurrent_writes);
  f.add("conflicts.clobbered", conflicts.clobbered);
  f.add("conflicts.skew_inversions", conflicts.skew_inversions);
  f.add("conflicts.causal_inversions", conflicts.causal_inversions);

  const model::ConvergenceResult& convergence = result.convergence;
  f.add("convergence.last_write_ns", convergence.last_write_ns);
  f.add("convergence.drained_ns", convergence.drained_ns);
  f.add("convergence.drain_ns", convergence.drain_ns);
  f.add("convergence.items", convergence.items);
  f.add("convergence.divergent_items", convergence.divergent_items);
  return figures;
}

bool path_matches(std::string_view pattern, std::string_view path) {
  // Iterative glob with one backtrack point; '*' never crosses a '.'.
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
    } else if (star != std::string_view::npos && path[resume] != '.') {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const std::vector<std::string>& default_metric_patterns() {
  static const std::vector<std::string> patterns = {
      "conflicts.clobbered", "conflicts.concurrent_writes", "lag.*.p99_ns",
      "convergence.divergent_items"};
  return patterns;
}

std::optional<std::vector<size_t>> select_figures(const std::vector<Figure>& figures,
                                                  const std::vector<std::string>& patterns,
                                                  std::string* unmatched) {
  std::vector<size_t> selected;
  std::vector<bool> taken(figures.size(), false);
  for (const std::string& pattern : patterns) {
    bool any = false;
    for (size_t i = 0; i < figures.size(); ++i) {
      if (!path_matches(pattern, figures[i].path)) continue;
      any = true;
      if (taken[i]) continue;
      taken[i] = true;
      selected.push_back(i);
    }
    if (!any) {
      *unmatched = pattern;
      return std::nullopt;
    }
  }
  return selected;
}

std::string unmatched_pattern_message(std::string_view pattern, const std::vector<Figure>& figures) {
  std::vector<std::string> paths;
  paths.reserve(figures.size());
  for (const Figure& figure : figures) paths.push_back(figure.path);
  std::string message = fmt::format("no figure is named '{}'", pattern);
  if (auto near = model::nearest_word(pattern, paths)) message += fmt::format("; did you mean '{}'?", *near);
  return message;
}

}  // namespace reports
