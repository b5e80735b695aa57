// Where a surprising figure comes from, in one line (issue 17): a replication
// lag or a stale read's age in minutes, when the service documents
// sub-second replication, is a question a reviewer asks at once. The
// summary answers it beside the figure, from what the run recorded:
//
//   p99 lag us-east-1 -> ap-southeast-2: link cut from 7.00 min to 20.00 min
//   p99 staleness in eu-west-1: replication into eu-west-1 lags (p99 54.90 min from us-east-1: ...)
//
// A lag is surprising from kSurprisingNs on (p99 of a pair that replicated
// anything); its causes, in this order: the pair's links cut or their
// latency changed by the timeline; an outage of either region (not an
// endpoint outage, which replication goes through); the destination
// throttling replicated writes (at least 1 % of the pair's); a replica
// added there parking them. A
// stale read's p99 age is surprising from the same bound; its causes: the
// slowest pair into the region, writes lost when a region left the group,
// writes of a region still out at the end. With no cause found the line
// says so and names the replication settings, the one thing left.
//
// Each line uses one time unit (reports/time_units.h). At most
// kNotesPerSection lines a section, then one line saying how many more.
// Determinism: a pure function of the result and the timeline.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/run_result.h"
#include "reports/timeline_marks.h"

namespace reports {

inline constexpr int64_t kSurprisingNs = 10'000'000'000;  // 10 s
inline constexpr size_t kNotesPerSection = 4;

enum class NoteSection { kLag, kReads };

struct FigureNote {
  NoteSection section = NoteSection::kLag;
  std::string text;  // "p99 lag A -> B: link cut from 7.00 min to 20.00 min"
};

std::vector<FigureNote> figure_notes(const model::RunResult& result, const std::vector<TimelineMark>& timeline);

}  // namespace reports
