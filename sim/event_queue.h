// EventQueue: the pending events of a simulation, earliest first.
//
// Order rule: events are ordered by the key (time, sequence number), where the
// sequence number is the insertion order (0, 1, 2, ... per queue). So events
// at the same time run in the order they were scheduled (first in, first out),
// and the order never depends on the queue's layout, on pointer values or on
// anything but the sequence of push() calls.
//
// Storage: a timing wheel in front of two 4-ary min-heaps. Time is cut into
// windows of kWindowNs; the wheel has a bucket for each of the next
// kBuckets - 1 windows after the current one. An event of the current window
// (or an earlier one) goes into the `near` heap, one within the wheel's reach
// into its window's bucket (unordered, a push_back), one beyond it into the
// `far` heap. A pop takes near's first; when near runs dry, the next
// occupied window becomes current and its bucket moves into near, with any
// far event now within reach. Every event in a bucket or in far is later
// than every event in near, so near's first is the queue's. A simulation
// schedules most events a few network latencies ahead: they wait in buckets
// at the cost of a push_back, and near stays small, where a single heap of
// every pending event paid a walk through all its levels per pop (B1: 163
// instructions a pop with some 470 events pending). Windows change speed
// only, never the order.
//
// The heaps: a push whose entry has the largest sequence number so far
// compares times only (push_newest); a pop is bottom-up and compares times
// only unless two tie (place_from_root). Nothing allocates once every part
// has grown to its peak. Event should be a small trivially copyable record
// (a tag and a few ids); payloads too large for that belong in the caller's
// tables.
//
// Determinism: the queue holds no randomness and never reads the wall clock.
// Not thread-safe: one queue belongs to one simulation run.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "sim/assert.h"
#include "sim/time.h"

namespace sim {

template <class Event>
class EventQueue {
  static_assert(std::is_trivially_copyable_v<Event>, "events are small trivially copyable records");

 public:
  struct Entry {
    Instant at;
    uint64_t sequence;
    Event event;
  };

  // A window of 2^17 ns (131 us) and 4,096 of them: the wheel reaches 537 ms
  // ahead, past the cross-region latencies most events are scheduled by.
  static constexpr int kWindowShift = 17;
  static constexpr int64_t kWindowNs = int64_t{1} << kWindowShift;
  static constexpr size_t kBuckets = 4096;

  explicit EventQueue(size_t reserve = 1024) : buckets_(kBuckets) { far_.reserve(reserve); }

  // Schedules event at time at; it gets the next sequence number.
  void push(Instant at, const Event& event) {
    const Entry entry{at, pushed_++, event};
    const int64_t window = window_of(at);
    if (size_++ == 0) current_ = window;  // an empty queue starts at the event's window
    const int64_t ahead = window - current_;
    if (ahead > 0 && ahead < static_cast<int64_t>(kBuckets)) [[likely]] {
      bucket_push(slot_of(window), entry);
    } else if (ahead <= 0) {
      near_.push_newest(entry);
    } else {
      far_.push_newest(entry);
      far_window_ = std::min(far_window_, window);
    }
  }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // Bytes the queue takes (allocated, not only used).
  size_t bytes() const {
    size_t total = near_.bytes() + far_.bytes() + buckets_.capacity() * sizeof(Bucket);
    for (const Bucket& bucket : buckets_) total += bucket.bytes();
    return total;
  }

  // REQUIRES: !empty().
  Instant next_time() const { return peek().at; }

  // The entry pop() would return, without removing it. REQUIRES: !empty().
  const Entry& peek() const {
    GTSIM_ASSERT(size_ > 0);
    return near_.front();
  }

  // Removes and returns the entry with the smallest (time, sequence).
  // REQUIRES: !empty().
  Entry pop() {
    GTSIM_ASSERT(size_ > 0);
    const Entry top = near_.pop();
    if (--size_ > 0 && near_.empty()) refill_near();
    return top;
  }

  // Total number of events ever pushed (also the next sequence number).
  uint64_t pushed() const { return pushed_; }

 private:
  // A growable array of entries whose push never inlines a reallocation:
  // the loop's callers keep their registers. Never shrinks.
  class Entries {
   public:
    bool empty() const { return count_ == 0; }
    size_t size() const { return count_; }
    size_t bytes() const { return storage_.size() * sizeof(Entry); }
    Entry* data() { return storage_.data(); }
    const Entry* begin() const { return storage_.data(); }
    const Entry* end() const { return storage_.data() + count_; }
    Entry& operator[](size_t i) { return storage_[i]; }
    const Entry& front() const { return storage_.front(); }
    void reserve(size_t n) {
      if (n > storage_.size()) storage_.resize(n);
    }
    void push_back(const Entry& entry) {
      if (count_ == storage_.size()) [[unlikely]] grow();
      storage_[count_++] = entry;
    }
    void pop_back() { --count_; }
    void clear() { count_ = 0; }

   private:
    [[gnu::noinline]] void grow() { storage_.resize(storage_.empty() ? 4 : 2 * storage_.size()); }

    std::vector<Entry> storage_;  // every element allocated; the first count_ in use
    size_t count_ = 0;
  };
  using Bucket = Entries;
  static constexpr size_t kWordBits = 64;
  static constexpr size_t kWords = kBuckets / kWordBits;
  static_assert(kBuckets % kWordBits == 0 && std::has_single_bit(kBuckets));

  // A 4-ary min-heap of entries by (time, sequence).
  class Heap {
   public:
    void reserve(size_t n) { heap_.reserve(n); }
    bool empty() const { return heap_.empty(); }
    size_t bytes() const { return heap_.bytes(); }
    const Entry& front() const { return heap_.front(); }

    // REQUIRES: `entry` has the largest sequence number in the heap: a
    // parent of the same time runs first, so the time alone decides.
    void push_newest(const Entry& entry) {
      push_back_and_rise(entry, [&](const Entry& above) { return above.at.ns() <= entry.at.ns(); });
    }
    // REQUIRES: empty().
    void push_only(const Entry& entry) { heap_.push_back(entry); }
    // Any entry, by the whole rule.
    void push(const Entry& entry) {
      push_back_and_rise(entry, [&](const Entry& above) { return !earlier(entry, above); });
    }

    // REQUIRES: !empty().
    Entry pop() {
      const Entry top = heap_.front();
      const size_t size = heap_.size() - 1;  // after the pop
      if (size > 0) place_from_root(size);
      heap_.pop_back();
      return top;
    }

   private:
    static constexpr size_t kArity = 4;
    static constexpr size_t kEntry = sizeof(Entry);

    // Places `entry` last, then lets it rise while `stays(parent)` is false.
    template <class Stays>
    void push_back_and_rise(const Entry& entry, Stays stays) {
      size_t hole = heap_.size() * kEntry;  // a byte offset, as in the pop
      heap_.push_back(entry);               // its place unless it rises
      if (hole == 0 || stays(*entry_at(parent_of(hole)))) return;
      for (;;) {  // up to its place, shifting parents down into the hole
        const size_t parent = parent_of(hole);
        *entry_at(hole) = *entry_at(parent);
        hole = parent;
        if (hole == 0 || stays(*entry_at(parent_of(hole)))) break;
      }
      *entry_at(hole) = entry;
    }

    // The smallest of the four entries from `children` on. By time alone,
    // unless two of the times compared tie: then by the whole rule.
    static const Entry* smallest_of_four(const Entry* children) {
      const Entry* best = children;
      int64_t best_at = children[0].at.ns();
      for (size_t i = 1; i < kArity; ++i) {
        const int64_t at = children[i].at.ns();
        if (at == best_at) [[unlikely]] return smallest_of_four_tied(children);
        best = at < best_at ? children + i : best;  // conditional moves, no branch
        best_at = at < best_at ? at : best_at;
      }
      return best;
    }
    [[gnu::noinline]] static const Entry* smallest_of_four_tied(const Entry* children) {
      const Entry* best = children;
      for (size_t i = 1; i < kArity; ++i) {
        if (earlier(children[i], *best)) best = children + i;
      }
      return best;
    }

    // The entry `offset` bytes into the heap. The pop walks by byte offsets:
    // the first child of the entry at x is at 4 x + sizeof(Entry), one
    // address computation where an index takes three.
    Entry* entry_at(size_t offset) {
      return reinterpret_cast<Entry*>(reinterpret_cast<char*>(heap_.data()) + offset);
    }
    static size_t parent_of(size_t offset) { return (offset - kEntry) / (kArity * kEntry) * kEntry; }
    size_t offset_of(const Entry* entry) {
      return static_cast<size_t>(reinterpret_cast<const char*>(entry) - reinterpret_cast<const char*>(heap_.data()));
    }

    // Places `moving`, the last entry (heap_[size]), in the heap of the
    // first `size` entries, whose root is vacant. Bottom-up: the vacancy
    // walks down to a leaf, each level filled by its smallest child (three
    // comparisons, none with `moving`), then `moving` rises from there; it
    // came from the bottom, so it rarely rises far. The layout differs from
    // a top-down sift's, never the order of pops: (time, sequence) is unique.
    // Out of line: inlined into a simulation's loop it spills the loop's
    // registers around the walk.
    [[gnu::noinline]] void place_from_root(size_t size) {
      const Entry moving = heap_[size];
      const size_t end = size * kEntry;
      size_t hole = 0;
      if (size > kArity) {
        const size_t last_full = (size - kArity - 1) / kArity * kEntry;  // the last entry with four children
        while (hole <= last_full) {
          const Entry* best = smallest_of_four(entry_at(hole * kArity + kEntry));
          *entry_at(hole) = *best;
          hole = offset_of(best);
        }
      }
      size_t child = hole * kArity + kEntry;
      if (child < end) {  // a last family of one to three children
        const Entry* best = entry_at(child);
        for (child += kEntry; child < end; child += kEntry) {
          if (earlier(*entry_at(child), *best)) best = entry_at(child);
        }
        *entry_at(hole) = *best;
        hole = offset_of(best);
      }
      while (hole > 0) {  // `moving` rises while it runs before its parent
        const size_t parent = parent_of(hole);
        const Entry& above = *entry_at(parent);
        if (above.at.ns() < moving.at.ns()) break;  // the usual case first: one comparison
        if (above.at.ns() == moving.at.ns() && above.sequence < moving.sequence) break;
        *entry_at(hole) = above;
        hole = parent;
      }
      *entry_at(hole) = moving;
    }

    Entries heap_;
  };

  // The order rule. Times rarely tie, so the sequence is read only when they do.
  static bool earlier(const Entry& a, const Entry& b) {
    if (a.at.ns() != b.at.ns()) [[likely]] return a.at.ns() < b.at.ns();
    return a.sequence < b.sequence;
  }

  static int64_t window_of(Instant at) { return at.ns() >> kWindowShift; }  // floor, for any sign
  static size_t slot_of(int64_t window) { return static_cast<size_t>(window) & (kBuckets - 1); }

  void bucket_push(size_t slot, const Entry& entry) {
    buckets_[slot].push_back(entry);
    occupied_[slot / kWordBits] |= uint64_t{1} << (slot % kWordBits);
  }

  // Near is empty, other events are pending: the next occupied window (in
  // the wheel, else far's first) becomes current; any far event the wheel
  // now reaches moves to its bucket, then the current bucket moves in.
  void refill_near() {
    const int64_t next = next_occupied_window();
    current_ = next != kNone ? next : far_window_;
    if (far_window_ - current_ < static_cast<int64_t>(kBuckets)) [[unlikely]] reach_far();
    const size_t slot = slot_of(current_);
    Bucket& bucket = buckets_[slot];
    if (bucket.size() == 1) [[likely]] {
      near_.push_only(bucket.front());  // near is empty: its first and only entry
    } else {
      move_all(bucket);
    }
    bucket.clear();
    occupied_[slot / kWordBits] &= ~(uint64_t{1} << (slot % kWordBits));
  }

  [[gnu::noinline]] void move_all(const Bucket& bucket) {
    for (const Entry& entry : bucket) near_.push(entry);
  }

  // Far's events within the wheel's reach move to their buckets.
  [[gnu::noinline]] void reach_far() {
    while (!far_.empty() && window_of(far_.front().at) - current_ < static_cast<int64_t>(kBuckets)) {
      const Entry entry = far_.pop();
      bucket_push(slot_of(window_of(entry.at)), entry);
    }
    far_window_ = far_.empty() ? kNever : window_of(far_.front().at);
  }

  // The first occupied window after the current one, or kNone.
  int64_t next_occupied_window() const {
    const size_t start = slot_of(current_ + 1);
    size_t word = start / kWordBits;
    uint64_t bits = occupied_[word] & (~uint64_t{0} << (start % kWordBits));
    for (size_t scanned = 0; bits == 0; ++scanned) {
      if (scanned == kWords) return kNone;  // every word, the first one's low bits again included
      word = (word + 1) % kWords;
      bits = occupied_[word];
    }
    const size_t slot = word * kWordBits + static_cast<size_t>(std::countr_zero(bits));
    return current_ + 1 + static_cast<int64_t>((slot - start) & (kBuckets - 1));
  }

  static constexpr int64_t kNone = INT64_MIN;
  static constexpr int64_t kNever = INT64_MAX / 2;  // far_window_ while far is empty: beyond any reach

  Heap near_;  // events of the current window or before
  Heap far_;   // events beyond the wheel's reach
  std::vector<Bucket> buckets_;
  std::array<uint64_t, kWords> occupied_{};  // bit s: bucket s holds events
  int64_t current_ = 0;              // the current window (time >> kWindowShift)
  int64_t far_window_ = kNever;      // the window of far's first event
  size_t size_ = 0;
  uint64_t pushed_ = 0;
};

}  // namespace sim
