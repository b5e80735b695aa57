// HeldRecords: records that reached a receiver ahead of an earlier record of
// their channel, held until their turn.
//
// A channel is any 64-bit id the caller chooses (e.g. sender x item x
// receiver) whose records are numbered 1, 2, 3, ... in send order; the
// receiver admits them in that order and keeps the last number it admitted
// itself (with its other per-item state, where it is cheapest to reach). A
// record that arrives out of turn is held here; once its predecessor is
// admitted, take(channel, next number) hands it over.
//
// Invariants: at most one record per (channel, number).
//
// Determinism: records are found by lookup only. take_if() returns what it
// removes ordered by (channel, number), never in the hash table's order, so
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

  // Holds `record`, number `sequence` of `channel`.
  void hold(uint64_t channel, uint32_t sequence, const T& record) { held_.emplace(channel, Held{sequence, record}); }

  // Removes and returns number `sequence` of `channel`; nullopt if not held.
  std::optional<T> take(uint64_t channel, uint32_t sequence) {
    if (held_.empty()) return std::nullopt;
    const auto [first, last] = held_.equal_range(channel);
    for (auto it = first; it != last; ++it) {
      if (it->second.sequence == sequence) {
        const T record = it->second.record;
        held_.erase(it);
        return record;
      }
    }
    return std::nullopt;
  }

  // Removes every record whose channel satisfies pred(channel); returns them
  // ordered by (channel, number).
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
