// StudyTally: what the tables of a study need from its rows, taken one row
// at a time in run order as the runs finish: per point and figure the
// Moments of the values (study/moments.h), for a compare the Moments of the
// paired differences b - a per seed, and how many runs finished and how
// many a guard stopped. It holds no row: its memory is points x figures
// Moments (48 bytes each) whatever the number of seeds, plus, for a
// compare, a's values waiting for b's runs in a ValueSpool, which goes to
// a temporary file beyond a few MB.
//
// Exact and deterministic: the sums are exact integers, so the tables are
// the same bytes for any thread count, sharding or merge order; the order
// of the rows only matters for which stopped run is "the first".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "study/moments.h"
#include "study/statistics.h"
#include "study/sweep_plan.h"
#include "study/sweep_rows.h"
#include "study/value_spool.h"

namespace study {

class StudyTally {
 public:
  // REQUIRES: the plan's metrics resolved; it outlives the tally.
  explicit StudyTally(const SweepPlan& plan, size_t spool_memory_bytes = kSpoolMemoryBytes);

  // Takes the row of run `run`. REQUIRES: run < plan.run_count(), above
  // every run taken before; row.values.size() == plan.metrics.size(). False
  // and *error only when a compare's spool fails (its temporary file).
  bool add(size_t run, const RunRow& row, std::string* error);

  size_t done() const { return done_; }        // rows taken
  size_t stopped() const { return stopped_; }  // of which a guard stopped
  // The stop of the first stopped row in run order. REQUIRES: stopped() > 0.
  model::StopReason first_stop() const { return *first_stop_; }

  // The figure's estimate across the seeds of the point that have it.
  Estimate estimate(size_t point, size_t metric) const;
  // The paired estimate of b - a, over the seeds where both have the figure.
  // REQUIRES: a compare.
  Estimate paired(size_t metric) const;

 private:
  bool pair(size_t seed_index, const RunRow& row, std::string* error);

  const SweepPlan& plan_;
  std::vector<Moments> moments_;  // [point * metrics + metric]
  std::vector<Moments> paired_;   // [metric]; a compare only
  std::optional<ValueSpool> a_values_;  // a compare: a's values, one record per seed
  std::vector<std::optional<int64_t>> missing_;  // a record of no values
  std::vector<std::optional<int64_t>> a_row_;    // the record read back
  std::optional<size_t> last_run_;
  size_t done_ = 0;
  size_t stopped_ = 0;
  std::optional<model::StopReason> first_stop_;
};

}  // namespace study
