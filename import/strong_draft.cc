#include "import/strong_draft.h"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "load/consistency_section.h"

namespace importer {

namespace {

constexpr const char* kStrong = "multi_region_consistency: strong";

}  // namespace

std::string strong_problem(const TableDraft& d) {
  const auto is_replica = [&](const std::string& region) {
    return std::any_of(d.replicas.begin(), d.replicas.end(), [&](const ReplicaDraft& r) { return r.region == region; });
  };
  if (d.witness && is_replica(d.witness->region)) {
    return fmt::format("the witness {} is also a replica: a witness holds no replica", d.witness->region);
  }
  const std::vector<std::string> regions = d.regions();
  if (regions.size() != 3) {
    return fmt::format("a table with {} has exactly three regions (three replicas, or two replicas and a witness), "
                       "found {}",
                       kStrong, regions.size());
  }
  for (const std::string& r : regions) {
    const std::string_view set = load::mrsc_region_set(r);
    if (set.empty()) return fmt::format("{} is in no region set of {}", r, kStrong);
    if (set != load::mrsc_region_set(regions[0])) {
      return fmt::format("{} is in the {} region set and {} in the {} one; the regions of a table with {} are all "
                         "of one set",
                         r, set, regions[0], load::mrsc_region_set(regions[0]), kStrong);
    }
  }
  if (d.version != "2019.11.21") {
    return fmt::format("a table with {} is a global table of version 2019.11.21, found '{}'", kStrong, d.version);
  }
  if (d.ttl && d.ttl->enabled) return fmt::format("a table with {} does not support TTL", kStrong);
  return "";
}

void settle_strong(TableDraft* d) {
  if (!d->strong) {
    if (d->witness) d->skip(d->witness->source, "a witness belongs to a multi-Region strongly consistent table");
    d->witness.reset();
    return;
  }
  const std::string problem = strong_problem(*d);
  if (problem.empty()) return;
  d->skip(*d->strong, "STRONG: " + problem + "; simulated as eventually consistent (MREC)");
  if (d->witness) d->skip(d->witness->source, "the table is simulated as MREC, which has no witness");
  d->warnings.push_back("the table is multi-Region strongly consistent (MRSC), but " + problem +
                        ": gtsim simulates it as eventually consistent (MREC)");
  d->strong.reset();
  d->witness.reset();
}

}  // namespace importer
