// gtsim_lean_loop: the lean reference loop for the benchmarks of
// docs/performance.md. It does benchmark B1's work and nothing else, written
// as plainly and as efficiently as that work allows, so that gtsim's speed
// can be quoted as a ratio against it (bench/README.md).
//
// The work: a binary-heap event queue ordered by (time, insertion sequence);
// per region, Poisson writes on uniform keys; each commit stamps a
// last-writer-wins version (the region's clock, then the region's name rank,
// then the issue order), applies it at its own replica and ships a copy to
// every other region over a link of base latency plus exponential jitter
// (rounded to the nanosecond); an apply compares the copy with the item's
// stored winner at the destination (dense per (region, key) arrays, or a
// hash table of the items touched when the dense arrays would not fit) and
// records the lag, apply time minus commit time, in a log-bucketed histogram
// per link (256 linear sub-buckets per power of two, quantiles as bucket
// midpoints: gtsim's resolution). At the end it prints p50/p99 lag per link
// and the event count.
//
// Not done, because B1 does not need them: capacity, clients' latency,
// retries, series, conflict detection, per-item order of overtaking records
// (a copy that overtakes an earlier copy of its item is compared under LWW
// like any other), outages. The run drains: writes stop at the duration,
// copies still on the way are applied.
//
// Determinism: its own SplitMix64-seeded xoshiro256** streams, one per
// region for arrivals, one per region for keys, one per link for jitter; no
// wall clock in what it computes (the wall time is printed apart, on stderr).
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace {

__extension__ typedef unsigned __int128 UInt128;  // for Lemire's bounded draw

constexpr int64_t kNsPerMs = 1'000'000;
constexpr int64_t kNsPerS = 1'000'000'000;
constexpr uint64_t kDenseBytesMax = uint64_t{1} << 31;  // 2 GiB of dense item arrays at most

struct Options {
  uint32_t regions = 3;
  std::vector<double> rates_per_s{1000};  // one for every region, or one per region
  uint64_t keys = 100'000;
  double duration_s = 600;
  std::vector<double> base_ms;              // per region pair (0,1), (0,2), ..., (1,2), ...
  double jitter_mean_ms = 5;
  std::vector<double> skew_ms;              // per region clock offset; default none
  uint64_t seed = 1;
  uint64_t max_events = UINT64_MAX;
  std::string items = "auto";               // dense, sparse or auto
};

// xoshiro256** seeded through SplitMix64 (Blackman and Vigna, 2018).
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream) {
    uint64_t state = seed * 0x9E3779B97F4A7C15ULL ^ (stream + 1) * 0xD1B54A32D192ED03ULL;
    for (uint64_t& word : s_) word = splitmix64(state);
  }
  uint64_t next() {
    const uint64_t result = std::rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = std::rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, n), unbiased (Lemire).
  uint64_t below(uint64_t n) {
    UInt128 product = static_cast<UInt128>(next()) * n;
    if (static_cast<uint64_t>(product) < n) {
      const uint64_t threshold = (uint64_t{0} - n) % n;
      while (static_cast<uint64_t>(product) < threshold) product = static_cast<UInt128>(next()) * n;
    }
    return static_cast<uint64_t>(product >> 64);
  }
  // Exponential of the given mean in ns, by inversion, rounded to the ns.
  int64_t exponential_ns(double mean_ns) {
    const double open01 = (static_cast<double>(next() >> 12) + 0.5) * 0x1.0p-52;
    return static_cast<int64_t>(-mean_ns * std::log(open01) + 0.5);
  }

 private:
  static uint64_t splitmix64(uint64_t& state) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t s_[4];
};

// A last-writer-wins version: the greater timestamp wins, then the greater
// tiebreak (origin name rank << 48 | issue order). The default: never written.
struct Version {
  int64_t timestamp_ns = INT64_MIN;
  uint64_t tiebreak = 0;
  bool beats(const Version& other) const {
    return timestamp_ns != other.timestamp_ns ? timestamp_ns > other.timestamp_ns : tiebreak > other.tiebreak;
  }
};

// One pending event: a write arrival of `region` (copy == kNoCopy), or the
// copy in slot `copy` of the copy pool, to be applied at `region`. Small, so
// the heap moves little: what a copy carries waits in the pool.
struct Event {
  int64_t at_ns;
  uint64_t sequence;
  uint32_t copy;
  uint32_t region;
};
constexpr uint32_t kNoCopy = UINT32_MAX;

// A copy of a write on its way to one region.
struct Copy {
  int64_t commit_ns;
  Version version;
  uint64_t key;
  uint32_t origin;
};

// The copies in flight, in slots reused through a free list.
class CopyPool {
 public:
  uint32_t add(const Copy& copy) {
    if (free_.empty()) {
      copies_.push_back(copy);
      return static_cast<uint32_t>(copies_.size() - 1);
    }
    const uint32_t slot = free_.back();
    free_.pop_back();
    copies_[slot] = copy;
    return slot;
  }
  const Copy& peek(uint32_t slot) const { return copies_[slot]; }
  // The copy in `slot`, whose slot is free from now on.
  Copy take(uint32_t slot) {
    free_.push_back(slot);
    return copies_[slot];
  }

 private:
  std::vector<Copy> copies_;
  std::vector<uint32_t> free_;
};

// A binary min-heap on (at_ns, sequence), grown to its peak and then reused.
class EventHeap {
 public:
  bool empty() const { return heap_.empty(); }
  const Event& top() const { return heap_.front(); }
  void push(int64_t at_ns, uint32_t copy, uint32_t region) {
    const Event event{at_ns, pushed_++, copy, region};
    size_t index = heap_.size();
    heap_.push_back(event);
    while (index > 0) {
      const size_t parent = (index - 1) / 2;
      if (!earlier(event, heap_[parent])) break;
      heap_[index] = heap_[parent];
      index = parent;
    }
    heap_[index] = event;
  }
  Event pop() {
    const Event top = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const size_t size = heap_.size();
    if (size == 0) return top;
    size_t index = 0;
    for (size_t child = 1; child < size; child = 2 * index + 1) {
      if (child + 1 < size && earlier(heap_[child + 1], heap_[child])) ++child;
      if (!earlier(heap_[child], last)) break;
      heap_[index] = heap_[child];
      index = child;
    }
    heap_[index] = last;
    return top;
  }

 private:
  static bool earlier(const Event& a, const Event& b) {
    return a.at_ns != b.at_ns ? a.at_ns < b.at_ns : a.sequence < b.sequence;
  }
  std::vector<Event> heap_;
  uint64_t pushed_ = 0;
};

// Log-bucketed histogram of non-negative ns: values below 256 exact, each
// power of two above split into 256 linear sub-buckets (gtsim's layout).
class LagHistogram {
 public:
  LagHistogram() : counts_(256 * 56, 0) {}
  void record(int64_t value) {
    const auto v = static_cast<uint64_t>(value);
    const int group = v < 256 ? -1 : static_cast<int>(std::bit_width(v)) - 9;
    const size_t index = group < 0 ? v : 256 + static_cast<size_t>(group) * 256 + ((v >> group) - 256);
    ++counts_[index];
    ++count_;
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  uint64_t count() const { return count_; }
  // The value at rank ceil(q * count), as its bucket's midpoint clamped to [min, max].
  int64_t quantile(double q) const {
    const uint64_t rank = std::clamp<uint64_t>(static_cast<uint64_t>(std::ceil(q * static_cast<double>(count_))), 1,
                                               count_);
    uint64_t seen = 0;
    for (size_t i = 0; i < counts_.size(); ++i) {
      seen += counts_[i];
      if (seen < rank) continue;
      if (i < 256) return static_cast<int64_t>(i);
      const size_t group = (i - 256) / 256;
      const auto lowest = static_cast<int64_t>((256 + (i - 256) % 256) << group);
      return std::clamp(lowest + (int64_t{1} << group) / 2, min_, max_);
    }
    return max_;
  }

 private:
  std::vector<uint64_t> counts_;
  uint64_t count_ = 0;
  int64_t min_ = INT64_MAX;
  int64_t max_ = 0;
};

// Every item's stored winner in every region, one dense array per region.
class DenseItems {
 public:
  DenseItems(uint32_t regions, uint64_t keys) : keys_(keys), versions_(regions * keys) {}
  Version& at(uint32_t region, uint64_t key) { return versions_[region * keys_ + key]; }
  void prefetch(uint32_t region, uint64_t key) const { __builtin_prefetch(&versions_[region * keys_ + key], 1); }
  uint64_t bytes() const { return versions_.size() * sizeof(Version); }

 private:
  uint64_t keys_;
  std::vector<Version> versions_;
};

// The winners of the items touched: open addressing (linear probing) from
// key to a block of one version per region; grows at half full.
class SparseItems {
 public:
  SparseItems(uint32_t regions, uint64_t /*keys*/) : regions_(regions) { rehash(1 << 16); }
  Version& at(uint32_t region, uint64_t key) {
    size_t slot = home_slot(key);
    while (keys_[slot] != key) {
      if (keys_[slot] == kEmpty) return insert(slot, key)[region];
      slot = (slot + 1) & (keys_.size() - 1);
    }
    return versions_[slot * regions_ + region];
  }
  // The key's first probe: where at() starts.
  void prefetch(uint32_t region, uint64_t key) const {
    const size_t slot = home_slot(key);
    __builtin_prefetch(&keys_[slot]);
    __builtin_prefetch(&versions_[slot * regions_ + region], 1);
  }
  uint64_t bytes() const { return keys_.size() * (sizeof(uint64_t) + regions_ * sizeof(Version)); }

 private:
  static constexpr uint64_t kEmpty = UINT64_MAX;
  size_t home_slot(uint64_t key) const { return (key * 0x9E3779B97F4A7C15ULL) >> shift_; }
  Version* insert(size_t slot, uint64_t key) {
    if (2 * (used_ + 1) > keys_.size()) {
      rehash(2 * keys_.size());
      return &at(0, key);
    }
    keys_[slot] = key;
    ++used_;
    return &versions_[slot * regions_];
  }
  void rehash(size_t capacity) {
    std::vector<uint64_t> old_keys(capacity, kEmpty);
    std::vector<Version> old_versions(capacity * regions_);
    old_keys.swap(keys_);
    old_versions.swap(versions_);
    shift_ = 64 - std::countr_zero(capacity);
    used_ = 0;
    for (size_t slot = 0; slot < old_keys.size(); ++slot) {
      if (old_keys[slot] == kEmpty) continue;
      Version* block = &at(0, old_keys[slot]);
      std::copy_n(&old_versions[slot * regions_], regions_, block);
    }
  }
  uint32_t regions_;
  int shift_ = 0;
  size_t used_ = 0;
  std::vector<uint64_t> keys_;
  std::vector<Version> versions_;
};

// What one run measured.
struct Totals {
  uint64_t events = 0;
  uint64_t writes = 0;
  uint64_t applies_won = 0;   // the copy replaced the stored winner
  uint64_t applies_lost = 0;  // the stored winner was newer
  std::vector<LagHistogram> lag;  // per link, [from * regions + to]
};

// The run's fixed inputs in the form the loop reads them.
struct World {
  uint32_t regions;
  uint64_t keys;
  int64_t stop_ns;
  std::vector<double> mean_gap_ns;   // per region: 1 / rate
  std::vector<int64_t> skew_ns;      // per region clock offset
  std::vector<uint64_t> name_rank;   // per region: rank of "r<i>" among the names, << 48
  std::vector<int64_t> base_ns;      // per link
  double jitter_mean_ns;
};

template <class Items>
class LeanLoop {
 public:
  LeanLoop(const World& world, uint64_t seed) : world_(world), items_(world.regions, world.keys) {
    const uint32_t n = world.regions;
    for (uint32_t r = 0; r < n; ++r) {
      arrivals_.emplace_back(seed, r);
      key_draws_.emplace_back(seed, n + r);
    }
    for (uint32_t link = 0; link < n * n; ++link) jitter_.emplace_back(seed, 2 * n + link);
    next_key_.resize(n);
    totals_.lag.resize(n * n);
  }

  Totals run(uint64_t max_events) {
    for (uint32_t r = 0; r < world_.regions; ++r) schedule_write(r, 0);
    while (!heap_.empty() && totals_.events < max_events) {
      const Event event = heap_.pop();
      ++totals_.events;
      if (!heap_.empty()) prefetch(heap_.top());
      if (event.copy == kNoCopy) {
        commit(event.region, event.at_ns);
        schedule_write(event.region, event.at_ns);
      } else {
        apply(event.region, event.at_ns, copies_.take(event.copy));
      }
    }
    return totals_;
  }
  uint64_t item_bytes() const { return items_.bytes(); }

 private:
  // A region's next write draws its key when scheduled (the key stream is
  // the region's own, so the keys are the same as drawn at the commit),
  // and its item starts loading then.
  void schedule_write(uint32_t region, int64_t now_ns) {
    const int64_t at_ns = now_ns + arrivals_[region].exponential_ns(world_.mean_gap_ns[region]);
    if (at_ns >= world_.stop_ns) return;
    next_key_[region] = key_draws_[region].below(world_.keys);
    items_.prefetch(region, next_key_[region]);
    heap_.push(at_ns, kNoCopy, region);
  }

  // The next event's item starts loading while this one runs, as gtsim's loop does.
  void prefetch(const Event& next) const {
    if (next.copy != kNoCopy) items_.prefetch(next.region, copies_.peek(next.copy).key);
  }

  void commit(uint32_t region, int64_t now_ns) {
    const uint64_t key = next_key_[region];
    const Version version{now_ns + world_.skew_ns[region], world_.name_rank[region] | totals_.writes++};
    Version& stored = items_.at(region, key);
    if (version.beats(stored)) stored = version;
    for (uint32_t to = 0; to < world_.regions; ++to) {
      if (to == region) continue;
      const uint32_t link = region * world_.regions + to;
      const int64_t at_ns = now_ns + world_.base_ns[link] + jitter_[link].exponential_ns(world_.jitter_mean_ns);
      heap_.push(at_ns, copies_.add(Copy{now_ns, version, key, region}), to);
    }
  }

  void apply(uint32_t region, int64_t now_ns, const Copy& copy) {
    Version& stored = items_.at(region, copy.key);
    if (copy.version.beats(stored)) {
      stored = copy.version;
      ++totals_.applies_won;
    } else {
      ++totals_.applies_lost;
    }
    totals_.lag[copy.origin * world_.regions + region].record(now_ns - copy.commit_ns);
  }

  const World& world_;
  Items items_;
  EventHeap heap_;
  CopyPool copies_;
  std::vector<Rng> arrivals_;
  std::vector<Rng> key_draws_;
  std::vector<Rng> jitter_;
  std::vector<uint64_t> next_key_;  // per region: the key of its scheduled write
  Totals totals_;
};

// One value for every entry, or exactly `count` values.
std::vector<double> per_entry(const std::vector<double>& given, size_t count, const char* option) {
  if (given.size() == 1) return std::vector<double>(count, given[0]);
  if (given.size() == count) return given;
  throw std::invalid_argument(std::string(option) + " expects 1 or " + std::to_string(count) + " values, found " +
                              std::to_string(given.size()));
}

World make_world(const Options& options) {
  const uint32_t n = options.regions;
  World world{n, options.keys, static_cast<int64_t>(std::llround(options.duration_s * kNsPerS)), {}, {}, {}, {}, 0};
  for (double rate : per_entry(options.rates_per_s, n, "--rate")) world.mean_gap_ns.push_back(kNsPerS / rate);
  const std::vector<double> skew = options.skew_ms.empty() ? std::vector<double>(n, 0) : options.skew_ms;
  for (double ms : per_entry(skew, n, "--skew-ms")) world.skew_ns.push_back(std::llround(ms * kNsPerMs));
  std::vector<std::string> names;
  for (uint32_t r = 0; r < n; ++r) names.push_back("r" + std::to_string(r));
  std::vector<std::string> sorted = names;
  std::sort(sorted.begin(), sorted.end());
  for (const std::string& name : names) {
    world.name_rank.push_back(static_cast<uint64_t>(std::find(sorted.begin(), sorted.end(), name) - sorted.begin()) << 48);
  }
  std::vector<double> base = options.base_ms;
  if (base.empty()) base = n == 3 ? std::vector<double>{40, 100, 80} : std::vector<double>{40};
  base = per_entry(base, static_cast<size_t>(n) * (n - 1) / 2, "--base-ms");
  world.base_ns.assign(static_cast<size_t>(n) * n, 0);
  size_t pair = 0;
  for (uint32_t a = 0; a < n; ++a) {
    for (uint32_t b = a + 1; b < n; ++b, ++pair) {
      world.base_ns[a * n + b] = world.base_ns[b * n + a] = std::llround(base[pair] * kNsPerMs);
    }
  }
  world.jitter_mean_ns = options.jitter_mean_ms * kNsPerMs;
  return world;
}

void print(const World& world, const Totals& totals, const char* items, uint64_t item_bytes) {
  std::printf("lean loop: %u regions, %llu keys, %.0f s, items %s (%.1f MB)\n", world.regions,
              static_cast<unsigned long long>(world.keys), static_cast<double>(world.stop_ns) / kNsPerS, items,
              static_cast<double>(item_bytes) / 1e6);
  std::printf("events %llu\nwrites %llu\napplies %llu (won %llu, lost %llu)\n",
              static_cast<unsigned long long>(totals.events), static_cast<unsigned long long>(totals.writes),
              static_cast<unsigned long long>(totals.applies_won + totals.applies_lost),
              static_cast<unsigned long long>(totals.applies_won), static_cast<unsigned long long>(totals.applies_lost));
  for (uint32_t from = 0; from < world.regions; ++from) {
    for (uint32_t to = 0; to < world.regions; ++to) {
      const LagHistogram& lag = totals.lag[from * world.regions + to];
      if (from == to) continue;
      std::printf("lag r%u->r%u count %llu p50 %.3f ms p99 %.3f ms\n", from, to,
                  static_cast<unsigned long long>(lag.count()), static_cast<double>(lag.quantile(0.5)) / kNsPerMs,
                  static_cast<double>(lag.quantile(0.99)) / kNsPerMs);
    }
  }
}

template <class Items>
void run_and_print(const World& world, const Options& options, const char* items) {
  const auto started = std::chrono::steady_clock::now();
  LeanLoop<Items> loop(world, options.seed);
  const Totals totals = loop.run(options.max_events);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - started;
  print(world, totals, items, loop.item_bytes());
  std::fprintf(stderr, "wall %.3f s, %.2f M events/s\n", wall.count(),
               static_cast<double>(totals.events) / wall.count() / 1e6);
}

void add_options(CLI::App& app, Options& o) {
  app.add_option("--regions", o.regions, "number of regions r0, r1, ... (default 3)")->check(CLI::Range(2, 64));
  app.add_option("--rate", o.rates_per_s, "Poisson writes per second: one for every region or one per region")
      ->check(CLI::PositiveNumber)->delimiter(',');
  app.add_option("--keys", o.keys, "uniform key space (default 100000)")->check(CLI::Range(uint64_t{1}, uint64_t{1} << 47));
  app.add_option("--duration-s", o.duration_s, "seconds of writes; the run then drains (default 600)")
      ->check(CLI::PositiveNumber);
  app.add_option("--base-ms", o.base_ms, "one-way base latency per region pair (0,1),(0,2),..,(1,2),..; one value "
                 "for all; default B1's 40,100,80 for 3 regions, else 40")->check(CLI::NonNegativeNumber)->delimiter(',');
  app.add_option("--jitter-ms", o.jitter_mean_ms, "mean of the exponential jitter (default 5)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--skew-ms", o.skew_ms, "clock offset per region (default 0)")->delimiter(',');
  app.add_option("--seed", o.seed, "seed (default 1)");
  app.add_option("--max-events", o.max_events, "stop after this many events")->check(CLI::PositiveNumber);
  app.add_option("--items", o.items, "item store: dense arrays, sparse (items touched) or auto (dense if at most "
                 "2 GiB)")->check(CLI::IsMember({"auto", "dense", "sparse"}));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"gtsim_lean_loop: the lean reference loop of B1's work (bench/README.md)"};
  Options options;
  add_options(app, options);
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  World world{};
  try {
    world = make_world(options);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "gtsim_lean_loop: error: %s\n", e.what());
    return 2;
  }
  const uint64_t dense_bytes = uint64_t{world.regions} * world.keys * sizeof(Version);
  const bool dense = options.items == "dense" || (options.items == "auto" && dense_bytes <= kDenseBytesMax);
  if (!dense && options.items == "auto") {
    std::fprintf(stderr, "gtsim_lean_loop: dense item arrays would take %.1f GB (over 2 GiB): items of the keys "
                 "touched only\n", static_cast<double>(dense_bytes) / 1e9);
  }
  if (dense) {
    run_and_print<DenseItems>(world, options, "dense");
  } else {
    run_and_print<SparseItems>(world, options, "sparse");
  }
  return 0;
}
