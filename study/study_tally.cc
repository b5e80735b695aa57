#include "study/study_tally.h"

#include "sim/assert.h"

namespace study {

StudyTally::StudyTally(const SweepPlan& plan, size_t spool_memory_bytes)
    : plan_(plan),
      moments_(plan.points.size() * plan.metrics.size()),
      missing_(plan.metrics.size()) {
  if (plan.kind == StudyKind::kCompare) {
    paired_.resize(plan.metrics.size());
    a_values_.emplace(plan.metrics.size(), spool_memory_bytes);
  }
}

bool StudyTally::add(size_t run, const RunRow& row, std::string* error) {
  GTSIM_ASSERT(run < plan_.run_count() && (!last_run_ || run > *last_run_) &&
               row.values.size() == plan_.metrics.size());
  last_run_ = run;
  ++done_;
  if (row.stop != model::StopReason::kCompleted) {
    if (stopped_ == 0) first_stop_ = row.stop;
    ++stopped_;
  }
  const size_t point = plan_.point_of(run);
  const size_t metrics = plan_.metrics.size();
  for (size_t m = 0; m < metrics; ++m) {
    if (row.values[m]) moments_[point * metrics + m].add(*row.values[m]);
  }
  return !a_values_ || pair(run % plan_.seed_count(), row, error);
}

// A compare: a's row waits in the spool, b's meets the row of a of its seed.
bool StudyTally::pair(size_t seed_index, const RunRow& row, std::string* error) {
  ValueSpool& spool = *a_values_;
  const bool of_a = plan_.point_of(*last_run_) == 0;
  // One record per seed of a: the seeds a did not finish (or another shard's) have none.
  const size_t a_records = of_a ? seed_index : plan_.seed_count();
  while (spool.records() < a_records) {
    if (!spool.append(missing_, error)) return false;
  }
  if (of_a) return spool.append(row.values, error);
  while (spool.records_read() <= seed_index) {
    if (!spool.read(&a_row_, error)) return false;
  }
  for (size_t m = 0; m < plan_.metrics.size(); ++m) {
    if (a_row_[m] && row.values[m]) {
      paired_[m].add(static_cast<sim::Int128>(*row.values[m]) - static_cast<sim::Int128>(*a_row_[m]));
    }
  }
  return true;
}

Estimate StudyTally::estimate(size_t point, size_t metric) const {
  return moments_[point * plan_.metrics.size() + metric].estimate();
}

Estimate StudyTally::paired(size_t metric) const {
  GTSIM_ASSERT(plan_.kind == StudyKind::kCompare);
  return paired_[metric].estimate();
}

}  // namespace study
