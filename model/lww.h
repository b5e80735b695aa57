// Last-writer-wins: which of two versions of an item a replica keeps.
//
// The service keeps the write with the greater internal timestamp and applies
// a replicated write only if its timestamp is strictly greater than the stored
// one (docs/sources.md, Conflicts). It documents no rule for equal
// timestamps, so gtsim picks one and says so (docs/model.md): the write whose
// origin region's name sorts later wins; within one region, the later-issued
// write wins. Names, not list positions, so reordering `regions:` in a
// scenario changes no outcome. Deletes are versions too (tombstones).
#pragma once

#include <cstdint>
#include <vector>

#include "model/write_table.h"

namespace model {

class LwwOrder {
 public:
  // `name_rank[r]` is region r's position among the region names sorted.
  explicit LwwOrder(std::vector<uint16_t> name_rank) : name_rank_(std::move(name_rank)) {}

  // True when `a` beats `b`.
  bool supersedes(const WriteRecord& a, const WriteRecord& b) const {
    if (a.timestamp_ns != b.timestamp_ns) return a.timestamp_ns > b.timestamp_ns;
    if (a.origin != b.origin) return name_rank_[a.origin] > name_rank_[b.origin];
    return a.id > b.id;
  }

 private:
  std::vector<uint16_t> name_rank_;
};

}  // namespace model
