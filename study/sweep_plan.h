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

// Bounds on a study, checked before anything is allocated for it (from
// the command line) and on every sweep.json read back (`gtsim merge`).
inline constexpr uint64_t kMaxSeeds = 1'000'000;
inline constexpr size_t kMaxPoints = 10'000;       // a grid's points (each loads the scenario)
inline constexpr size_t kMaxRuns = 1'000'000;      // points x seeds
inline constexpr size_t kMaxParameters = 64;       // paths a study varies; overrides per point
inline constexpr size_t kMaxMetrics = 10'000;      // figures, the columns of a row

struct SweepPlan {
  StudyKind kind = StudyKind::kSweep;
  std::string scenario_file;               // as given on the command line
  std::string scenario_hash;               // content_hash() of the scenario file's bytes
  std::string gtsim_version;               // of the gtsim that planned it
  bool partial = false;                    // interrupted: only the runs that finished have rows
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

// "fnv1a64:" and 16 hex digits: FNV-1a (64-bit) of the bytes. Tells two
// versions of a scenario file apart; not a defence against a forger.
std::string content_hash(std::string_view bytes);

// Whether two plans are of one study: equal but for `partial`.
bool same_study(const SweepPlan& a, const SweepPlan& b);

// "" when the plan is within the bounds above and consistent (seeds in
// order, every override's path a parameter, a compare of two points, the
// shard within its count), else what is wrong.
std::string plan_problem(const SweepPlan& plan);

// sweep.json's format; 2 added scenario_hash, gtsim_version and partial.
inline constexpr int64_t kStudyFileVersion = 2;

// sweep.json: the plan as JSON, one value per line.
std::string plan_json(const SweepPlan& plan);

// Reads sweep.json text; nullopt and *error when it is not one, or when its
// plan has a plan_problem().
std::optional<SweepPlan> parse_plan_json(const std::string& text, std::string* error);

}  // namespace study
