// HeldRecords: records that reached a receiver ahead of an earlier record of
// their lane, held until their turn.
//
// A lane is any 64-bit id the caller chooses (e.g. sender x item x
// receiver) whose records are numbered 1, 2, 3, ... in send order; the
// receiver admits them in that order and keeps the last number it admitted
// itself (with its other per-item state, where it is cheapest to reach). A
// record that arrives out of turn is held here; once its predecessor is
// admitted, take(lane, next number) hands it over.
//
// Invariants: at most one record per (lane, number).
//
// Determinism: records are found by lookup only. take_if() returns what it
// removes ordered by (lane, number), never in the hash table's order, so
// nothing a caller sees depends on hashing or on the bucket count.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace sim {

template <class T>
class HeldRecords {
 public:
  explicit HeldRecords(size_t reserve = 0) { held_.reserve(reserve); }

  bool empty() const { return held_.empty(); }
  size_t size() const { return held_.size(); }

  // Holds `record`, number `sequence` of `lane`.
  void hold(uint64_t lane, uint32_t sequence, const T& record) { held_.emplace(lane, Held{sequence, record}); }

  // Removes and returns number `sequence` of `lane`; nullopt if not held.
  std::optional<T> take(uint64_t lane, uint32_t sequence) {
    if (held_.empty()) return std::nullopt;
    const auto [first, last] = held_.equal_range(lane);
    for (auto it = first; it != last; ++it) {
      if (it->second.sequence == sequence) {
        const T record = it->second.record;
        held_.erase(it);
        return record;
      }
    }
    return std::nullopt;
  }

  // Removes every record whose lane satisfies pred(lane); returns them
  // ordered by (lane, number).
  template <class Pred>
  std::vector<T> take_if(Pred&& pred) {
    std::vector<std::tuple<uint64_t, uint32_t, T>> taken;
    for (auto it = held_.begin(); it != held_.end();) {
      if (pred(it->first)) {
        taken.emplace_back(it->first, it->second.sequence, it->second.record);
        it = held_.erase(it);
      } else {
        ++it;
      }
    }
    std::sort(taken.begin(), taken.end(), [](const auto& a, const auto& b) {
      return std::tie(std::get<0>(a), std::get<1>(a)) < std::tie(std::get<0>(b), std::get<1>(b));
    });
    std::vector<T> records;
    records.reserve(taken.size());
    for (const auto& entry : taken) records.push_back(std::get<2>(entry));
    return records;
  }

 private:
  struct Held {
    uint32_t sequence;
    T record;
  };
  std::unordered_multimap<uint64_t, Held> held_;
};

}  // namespace sim
