// Observer: watches a run, for tests and traces.
//
// Called synchronously from the run's handlers, in event order, so what an
// observer sees is as deterministic as the run. It must not keep references
// to the records it is shown (their slots are reused) and cannot change what
// the run computes. Not on any path a run takes without one.
#pragma once

#include <cstddef>

#include "model/write_table.h"
#include "sim/time.h"

namespace model {

class Observer {
 public:
  virtual ~Observer() = default;
  // A client write committed at its origin region (before its local apply).
  virtual void on_commit(const WriteRecord& write, sim::Instant now) = 0;
  // A replicated write reached `replica` and was applied or rejected there.
  virtual void on_replicated(size_t replica, const WriteRecord& write, sim::Instant now) = 0;
};

}  // namespace model
