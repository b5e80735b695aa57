#include "reports/figure_notes.h"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "reports/time_units.h"

namespace reports {
namespace {

constexpr double kThrottledShareMin = 0.01;

// One cause of a figure: its words, written in the line's unit, and the
// times it names (which choose that unit).
struct Cause {
  std::vector<int64_t> times_ns;
  std::function<std::string(TimeUnit)> text;
};

bool on_link(const TimelineMark& mark, const std::string& from, const std::string& to) {
  return std::any_of(mark.links.begin(), mark.links.end(),
                     [&](const auto& link) { return link.first == from && link.second == to; });
}

// The timeline's cuts of from -> to (each with its restore, if any) and latency changes.
void link_causes(const std::vector<TimelineMark>& timeline, const std::string& from, const std::string& to,
                 std::vector<Cause>* causes) {
  for (size_t i = 0; i < timeline.size(); ++i) {
    const TimelineMark& mark = timeline[i];
    if (!on_link(mark, from, to)) continue;
    if (mark.kind == model::TimelineKind::kSetLatency) {
      causes->push_back({{mark.at_ns}, [at = mark.at_ns](TimeUnit u) {
                           return "latency changed at " + in_unit(at, u);
                         }});
    }
    if (mark.kind != model::TimelineKind::kCutLinks) continue;
    int64_t restored = -1;
    for (size_t j = i + 1; j < timeline.size() && restored < 0; ++j) {
      if (timeline[j].kind == model::TimelineKind::kRestoreLinks && on_link(timeline[j], from, to)) {
        restored = timeline[j].at_ns;
      }
    }
    causes->push_back({{mark.at_ns, restored}, [at = mark.at_ns, restored](TimeUnit u) {
                         return restored < 0 ? "link cut at " + in_unit(at, u) + ", not restored"
                                             : "link cut from " + in_unit(at, u) + " to " + in_unit(restored, u);
                       }});
  }
}

// Outages of `region` that stop its replication (full or replication scope).
void outage_causes(const model::RunResult& result, const std::string& region, std::vector<Cause>* causes) {
  for (const model::OutageResult& o : result.outages) {
    if (o.region != region || o.scope == model::OutageScope::kEndpoint) continue;
    causes->push_back({{o.failed_ns, o.recovered_ns}, [&o](TimeUnit u) {
                         const std::string what = o.scope == model::OutageScope::kFull
                                                      ? "outage of " + o.region
                                                      : "replication outage of " + o.region;
                         return o.recovered_ns < 0 ? what + " from " + in_unit(o.failed_ns, u) + ", not recovered"
                                                   : what + " from " + in_unit(o.failed_ns, u) + " to " +
                                                         in_unit(o.recovered_ns, u);
                       }});
  }
}

// Why replication from -> to is slow, as far as the run recorded.
std::vector<Cause> lag_causes(const model::RunResult& result, const std::vector<TimelineMark>& timeline,
                              const std::string& from, const std::string& to) {
  std::vector<Cause> causes;
  link_causes(timeline, from, to, &causes);
  outage_causes(result, from, &causes);
  outage_causes(result, to, &causes);
  // Throttling is a cause when it held back a share of the pair's writes
  // worth naming (kThrottledShareMin), not a handful after a backlog.
  const model::PairResult* pair = nullptr;
  for (const model::PairResult& p : result.pairs) {
    if (p.from == from && p.to == to) pair = &p;
  }
  for (const model::RegionResult& r : result.region_results) {
    if (r.name == to && pair != nullptr &&
        static_cast<double>(r.replication_throttle_events) >= kThrottledShareMin * static_cast<double>(pair->replicated)) {
      causes.push_back({{}, [&r](TimeUnit) {
                          return fmt::format("{} throttled {} replicated writes", r.name, r.replication_throttle_events);
                        }});
    }
  }
  for (const model::ReplicaChange& c : result.replica_changes) {
    if (c.region == to && c.parked_writes > 0) {
      causes.push_back({{c.at_ns}, [&c](TimeUnit u) {
                          return fmt::format("replica added in {} at {} parked {} replicated writes", c.region,
                                             in_unit(c.at_ns, u), c.parked_writes);
                        }});
    }
  }
  return causes;
}

// "HEAD: cause; cause", every time in one unit. The figure itself is on the
// line above, in its own line's unit: not repeated here in another.
std::string note_line(const std::string& head, const std::vector<Cause>& causes, const std::string& none) {
  std::vector<int64_t> times;
  for (const Cause& c : causes) times.insert(times.end(), c.times_ns.begin(), c.times_ns.end());
  const TimeUnit unit = unit_for(times);
  std::string out = head + ": ";
  if (causes.empty()) return out + none;
  for (size_t i = 0; i < causes.size(); ++i) out += (i == 0 ? "" : "; ") + causes[i].text(unit);
  return out;
}

void lag_notes(const model::RunResult& result, const std::vector<TimelineMark>& timeline,
               std::vector<FigureNote>* notes) {
  for (const model::PairResult& p : result.pairs) {
    const int64_t p99 = p.lag_ns.quantile(0.99);
    if (p.replicated == 0 || p99 < kSurprisingNs) continue;
    notes->push_back({NoteSection::kLag,
                      note_line(fmt::format("p99 lag {} -> {}", p.from, p.to),
                                lag_causes(result, timeline, p.from, p.to),
                                "no cut link, outage or throttling on this pair: the replication settings "
                                "(poll_interval, batch_size, apply_time) are what is left")});
  }
}

void staleness_notes(const model::RunResult& result, const std::vector<TimelineMark>& timeline,
                     std::vector<FigureNote>* notes) {
  for (const model::RegionResult& r : result.region_results) {
    const int64_t p99 = r.staleness_ns.quantile(0.99);
    if (r.stale_reads == 0 || p99 < kSurprisingNs) continue;
    std::vector<Cause> causes;
    const model::PairResult* slowest = nullptr;
    for (const model::PairResult& p : result.pairs) {
      if (p.to != r.name || p.replicated == 0) continue;
      if (slowest == nullptr || p.lag_ns.quantile(0.99) > slowest->lag_ns.quantile(0.99)) slowest = &p;
    }
    if (slowest != nullptr && slowest->lag_ns.quantile(0.99) >= kSurprisingNs) {
      const int64_t lag = slowest->lag_ns.quantile(0.99);
      std::vector<Cause> why = lag_causes(result, timeline, slowest->from, slowest->to);
      std::vector<int64_t> times = {lag};
      for (const Cause& c : why) times.insert(times.end(), c.times_ns.begin(), c.times_ns.end());
      causes.push_back({times, [slowest, lag, why](TimeUnit u) {
                          std::string text = fmt::format("replication into {} lags (p99 {} from {}", slowest->to,
                                                         in_unit(lag, u), slowest->from);
                          for (size_t i = 0; i < why.size(); ++i) text += (i == 0 ? ": " : "; ") + why[i].text(u);
                          return text + ")";
                        }});
    }
    for (const model::OutageResult& o : result.outages) {
      if (o.region == r.name) continue;
      if (o.lost_writes > 0) {
        causes.push_back({{}, [&o](TimeUnit) {
                            return fmt::format("{} writes lost when {} left the group", o.lost_writes, o.region);
                          }});
      } else if (o.recovered_ns < 0 && o.unreplicated_at_end_writes > 0) {
        causes.push_back({{}, [&o](TimeUnit) {
                            return fmt::format("{} writes of {} not replicated by the end ({} still out)",
                                               o.unreplicated_at_end_writes, o.region, o.region);
                          }});
      }
    }
    notes->push_back({NoteSection::kReads,
                      note_line("p99 staleness in " + r.name, causes,
                                "no slow replication into it, lost or unreplicated write: the replication "
                                "settings (poll_interval, batch_size, apply_time) are what is left")});
  }
}

}  // namespace

std::vector<FigureNote> figure_notes(const model::RunResult& result, const std::vector<TimelineMark>& timeline) {
  std::vector<FigureNote> notes;
  lag_notes(result, timeline, &notes);
  staleness_notes(result, timeline, &notes);
  return notes;
}

}  // namespace reports
