#include "import/table_draft.h"

#include <algorithm>

#include <fmt/format.h>

namespace importer {

ReplicaDraft& TableDraft::add_replica(const std::string& region, const Source& source) {
  if (ReplicaDraft* existing = replica(region)) {
    skip(source, fmt::format("region '{}' is listed twice; imported once ({})", region, existing->source.path));
    return *existing;
  }
  replicas.push_back(ReplicaDraft{region, source, {}, {}, {}});
  return replicas.back();
}

ReplicaDraft* TableDraft::replica(const std::string& region) {
  const auto found =
      std::find_if(replicas.begin(), replicas.end(), [&](const ReplicaDraft& r) { return r.region == region; });
  return found == replicas.end() ? nullptr : &*found;
}

std::vector<std::string> TableDraft::regions() const {
  std::vector<std::string> names;
  for (const ReplicaDraft& r : replicas) names.push_back(r.region);
  if (witness) names.push_back(witness->region);
  return names;
}

void TableDraft::add_witness(const std::string& region, const Source& source) {
  if (witness) {
    skip(source, fmt::format("a table has one witness; imported the first ({})", witness->source.path));
    return;
  }
  witness = WitnessDraft{region, source};
}

std::string region_count_problem(const TableDraft& draft) {
  if (draft.replicas.size() > kRegionsMax) {
    return fmt::format("a scenario has at most {} regions, found {}", kRegionsMax, draft.replicas.size());
  }
  if (draft.replicas.size() >= 2) return "";
  std::string found = draft.replicas.empty() ? "none" : "1: '" + draft.replicas[0].region + "'";
  return "a global table needs replicas in at least two regions, found " + found;
}

}  // namespace importer
