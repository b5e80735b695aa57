#include "reports/metric_paths.h"

#include <algorithm>
#include <cmath>
#include <iterator>

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

namespace {

int64_t count(uint64_t value) {
  GTSIM_ASSERT(value <= static_cast<uint64_t>(INT64_MAX));
  return static_cast<int64_t>(value);
}

template <model::Operation kOp>
int64_t served(const model::RegionResult& r) {
  return count(r.operations[static_cast<int>(kOp)]);
}

using R = model::RegionResult;
using model::Operation;
using model::operation_plural;

// Appended to, never reordered (docs/report-paths.md).
constexpr RegionFigure kRegionFigures[] = {
    {"writes", "writes", [](const R& r) { return count(r.writes()); }},
    {operation_plural(Operation::kPut), operation_plural(Operation::kPut), served<Operation::kPut>},
    {operation_plural(Operation::kUpdate), operation_plural(Operation::kUpdate), served<Operation::kUpdate>},
    {operation_plural(Operation::kDelete), operation_plural(Operation::kDelete), served<Operation::kDelete>},
    {operation_plural(Operation::kGet), operation_plural(Operation::kGet), served<Operation::kGet>},
    {"noop_deletes", "noop_deletes", [](const R& r) { return count(r.noop_deletes); }},
    {"bytes_written", "bytes_written", [](const R& r) { return count(r.bytes_written); }},
    {"throttle_events", "clients.throttle_events", [](const R& r) { return count(r.throttle_events); }},
    {"replication_throttle_events", "replication_throttle_events",
     [](const R& r) { return count(r.replication_throttle_events); }},
    {"retries", "clients.retries", [](const R& r) { return count(r.retries); }},
    {"client_errors", "clients.client_errors", [](const R& r) { return count(r.client_errors); }},
    {"unavailable_errors", "clients.unavailable_errors", [](const R& r) { return count(r.unavailable_errors); }},
    {"client_latency_p50_ns", "clients.latency_ns.p50", [](const R& r) { return r.client_latency_ns.quantile(0.50); }},
    {"client_latency_p99_ns", "clients.latency_ns.p99", [](const R& r) { return r.client_latency_ns.quantile(0.99); }},
    {"client_latency_max_ns", "clients.latency_ns.max", [](const R& r) { return r.client_latency_ns.max(); }},
    {operation_plural(Operation::kQuery), operation_plural(Operation::kQuery), served<Operation::kQuery>},
    {"missing_index_errors", "missing_index_errors", [](const R& r) { return count(r.missing_index_errors); }},
    {"refused_requests", "refused_requests", [](const R& r) { return count(r.refused_requests); }},
    {"ttl_deletes", "ttl_deletes", [](const R& r) { return count(r.ttl_deletes); }},
    {"ttl_replicated_write_units", "ttl_replicated_write_units",
     [](const R& r) { return r.ttl_replicated_write_units; }},
    {"expired_items", "expired_items", [](const R& r) { return count(r.expired_items); }},
};

}  // namespace

std::span<const RegionFigure> region_figures() { return kRegionFigures; }

int64_t drifted_ns(const model::DriftEpisode& episode, int64_t end_ns) {
  const int64_t until = episode.until_ns < 0 ? end_ns : episode.until_ns;
  return std::max<int64_t>(0, until - episode.since_ns);
}

std::vector<Figure> flatten(const model::RunResult& result) {
  std::vector<Figure> figures;
  figures.reserve(32 + std::size(kRegionFigures) * result.region_results.size() + 10 * result.pairs.size() +
                  3 * result.drift.settings.size());
  Flattener f(&figures);

  for (const model::RegionResult& region : result.region_results) {
    const std::string prefix = "regions." + region.name + ".";
    for (const RegionFigure& figure : kRegionFigures) f.add(prefix + std::string(figure.name), figure.value(region));
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

  // Every setting compared, drifted or not, so the paths depend on the
  // scenario only.
  for (const std::string& setting : result.drift.settings) {
    uint64_t episodes = 0, cost = 0;
    int64_t drifted = 0;
    for (const model::DriftEpisode& episode : result.drift.episodes) {
      if (episode.setting != setting) continue;
      ++episodes;
      cost += episode.cost;
      drifted += drifted_ns(episode, result.stop.at_ns);
    }
    const std::string prefix = "drift." + setting + ".";
    f.add(prefix + "episodes", episodes);
    f.add(prefix + "cost", cost);
    f.add(prefix + "drifted_ns", drifted);
  }
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
