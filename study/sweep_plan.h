// SweepPlan: which runs a study (`gtsim sweep` or `gtsim compare`) makes,
// and the file that records it (sweep.json) so that `gtsim merge` can join
// shards without being told anything else.
//
// Runs are numbered point-major: run r is point r / S with seed
// first_seed + r % S, S the number of seeds. A shard I/N makes the runs
// with r % N == I, a fixed share that needs no coordination between
// machines. Every output is a pure function of the plan and the runs' rows,
// so shards merged in any order give the unsharded bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "load/scenario_loader.h"

namespace study {

enum class StudyKind : uint8_t {
  kSweep,    // a grid of points, seeds independent
  kCompare,  // two points, a and b, paired by seed (common random numbers)
};

struct Shard {
  uint64_t index = 0;
  uint64_t count = 1;
  friend bool operator==(const Shard&, const Shard&) = default;
};

struct SweepPlan {
  StudyKind kind = StudyKind::kSweep;
  std::string scenario_file;               // as given on the command line
  std::vector<std::string> parameters;     // every path a point sets, in first-use order
  std::vector<std::vector<load::Override>> points;  // each point's overrides, in order
  uint64_t first_seed = 1;
  uint64_t last_seed = 1;                  // inclusive; REQUIRES first_seed <= last_seed
  std::vector<std::string> metrics;        // figure paths, the columns of every row
  Shard shard;

  uint64_t seed_count() const { return last_seed - first_seed + 1; }
  size_t run_count() const { return points.size() * seed_count(); }
  size_t point_of(size_t run) const { return run / seed_count(); }
  uint64_t seed_of(size_t run) const { return first_seed + run % seed_count(); }
  bool in_shard(size_t run) const { return run % shard.count == shard.index; }
  // The value point `point` gives `parameter`, or nullptr when it sets none.
  const std::string* value_of(size_t point, std::string_view parameter) const;
  // "replication.poll_interval=250ms table.keys=1000", or "(scenario as is)".
  std::string point_label(size_t point) const;
  // The command that replays run r alone: `gtsim run FILE --seed N --set
  // PATH=VALUE ...`, a word single-quoted for a POSIX shell when it needs it.
  std::string replay_command(size_t run) const;
};

std::string_view study_kind_name(StudyKind kind);  // "sweep" | "compare"

// sweep.json: the plan as JSON, one value per line.
std::string plan_json(const SweepPlan& plan);

// Reads sweep.json text; nullopt and *error when it is not one.
std::optional<SweepPlan> parse_plan_json(const std::string& text, std::string* error);

}  // namespace study
