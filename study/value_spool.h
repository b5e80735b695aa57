// ValueSpool: records of a fixed number of optional int64 values, appended
// in order and read back once, in the same order.
//
// What a compare's paired differences need: b's run of a seed comes after
// every run of a (runs are point-major, and rows are taken in run order), so
// a's values of each seed wait here until b's run of that seed comes. The
// first `memory_limit_bytes` of records stay in memory; beyond them every
// record goes to a temporary file, created with mkostemp in $TMPDIR (or
// /tmp) and unlinked at once, so nothing is left behind whatever ends the
// process. A compare's memory is then flat in its seeds.
//
// A record is 9 bytes per value (a presence byte and the value), the same
// in memory and on disk; nothing here depends on the machine but the file's
// place, and the file only holds what is read back.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace study {

inline constexpr size_t kSpoolMemoryBytes = 4u << 20;

class ValueSpool {
 public:
  explicit ValueSpool(size_t values_per_record, size_t memory_limit_bytes = kSpoolMemoryBytes);
  ~ValueSpool();
  ValueSpool(const ValueSpool&) = delete;
  ValueSpool& operator=(const ValueSpool&) = delete;

  // Appends a record. REQUIRES: values.size() == values_per_record, and no
  // record read yet. False and *error when the temporary file fails.
  bool append(const std::vector<std::optional<int64_t>>& values, std::string* error);

  // The next record into *values. REQUIRES: records_read() < records().
  // False and *error when the temporary file fails.
  bool read(std::vector<std::optional<int64_t>>* values, std::string* error);

  size_t records() const { return records_; }
  size_t records_read() const { return read_; }
  // Whether the records went to the temporary file.
  bool on_disk() const { return file_ != nullptr; }

 private:
  bool spill(std::string* error);

  size_t values_per_record_;
  size_t memory_limit_bytes_;
  size_t records_ = 0;
  size_t read_ = 0;
  std::string memory_;            // the records while they fit; then a buffer of one record
  std::FILE* file_ = nullptr;     // beyond the limit
  bool reading_ = false;
};

}  // namespace study
