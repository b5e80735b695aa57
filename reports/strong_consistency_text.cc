#include "reports/strong_consistency_text.h"

#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "reports/time_units.h"

namespace reports {
namespace {

// One line per loss of quorum, its times in one unit.
void append_episodes(std::string& out, const model::StrongConsistencyResult& strong) {
  constexpr size_t kShown = 6;  // so the summary fits a screen
  for (size_t i = 0; i < strong.episodes.size() && i < kShown; ++i) {
    const model::QuorumEpisode& e = strong.episodes[i];
    const TimeUnit unit = unit_for({e.lost_ns, e.regained_ns, e.caught_up_ns});
    out += fmt::format("  {} reached no other participant from {}", e.region, in_unit(e.lost_ns, unit));
    if (e.regained_ns < 0) {
      out += " to the end\n";
    } else if (e.caught_up_ns < 0) {
      out += fmt::format(", again from {}, still catching up at the end ({} writes to apply)\n",
                         in_unit(e.regained_ns, unit), e.catch_up_writes);
    } else {
      out += fmt::format(", again from {}, caught up at {} ({} writes applied)\n", in_unit(e.regained_ns, unit),
                         in_unit(e.caught_up_ns, unit), e.catch_up_writes);
    }
  }
  if (strong.episodes.size() > kShown) {
    out += fmt::format("  ... and {} more losses of quorum (all in the JSON report)\n", strong.episodes.size() - kShown);
  }
}

}  // namespace

void append_strong_consistency_text(std::string& out, const model::RunResult& result, size_t name_width) {
  const model::StrongConsistencyResult& strong = result.strong_consistency;
  if (!strong.enabled) return;
  out += fmt::format("\nstrong consistency (MRSC)  {}; conflict window {}\n",
                     strong.witness.empty() ? std::string("three replicas") : "two replicas, witness in " + strong.witness,
                     strong.conflict_window_ns < 0 ? std::string("each write's quorum round trip")
                                                   : readable(strong.conflict_window_ns));
  out += "  RPO 0: a write is acknowledged once a second participant holds it: none is at risk at an outage and "
         "none is clobbered\n";
  // Each time column in one unit.
  std::vector<int64_t> without, catching;
  for (const model::StrongConsistencyRegion& r : strong.regions) {
    without.push_back(r.without_quorum_ns);
    catching.push_back(r.catching_up_ns);
  }
  const TimeUnit without_unit = unit_for(without);
  const TimeUnit catching_unit = unit_for(catching);
  out += fmt::format("  {:<{}}  {:>10} {:>8} {:>10} {:>11} {:>14} {:>12}\n", "region", name_width, "conflicts",
                     "gave up", "no quorum", "catching up", "without quorum", "catch-up time");
  for (const model::StrongConsistencyRegion& r : strong.regions) {
    if (r.witness) {
      out += fmt::format("  {:<{}}  witness: holds no items, serves no requests\n", r.name, name_width);
      continue;
    }
    out += fmt::format("  {:<{}}  {:>10} {:>8} {:>10} {:>11} {:>14} {:>12}\n", r.name, name_width, r.write_conflicts,
                       r.conflict_errors, r.no_quorum_errors, r.catching_up_errors,
                       in_unit(r.without_quorum_ns, without_unit), in_unit(r.catching_up_ns, catching_unit));
  }
  std::vector<std::string> pairs;
  for (const model::StrongConsistencyPair& p : strong.pairs) {
    if (p.write_conflicts > 0) pairs.push_back(fmt::format("{} -> {} {}", p.from, p.to, p.write_conflicts));
  }
  if (!pairs.empty()) {
    out += fmt::format("  conflicts (writer -> region modifying the item): {}\n", fmt::join(pairs, "; "));
  }
  append_episodes(out, strong);
}

}  // namespace reports
