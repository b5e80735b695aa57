#include "study/value_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "sim/assert.h"

namespace study {
namespace {

constexpr size_t kValueBytes = 9;  // a presence byte, then the value

std::string temporary_directory() {
  const char* dir = std::getenv("TMPDIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/tmp");
}

void encode(const std::vector<std::optional<int64_t>>& values, std::string* out) {
  for (const std::optional<int64_t>& value : values) {
    char bytes[kValueBytes] = {};
    bytes[0] = value ? 1 : 0;
    const int64_t v = value.value_or(0);
    std::memcpy(bytes + 1, &v, sizeof v);
    out->append(bytes, kValueBytes);
  }
}

void decode(const char* bytes, size_t count, std::vector<std::optional<int64_t>>* values) {
  values->assign(count, std::nullopt);
  for (size_t i = 0; i < count; ++i) {
    const char* at = bytes + i * kValueBytes;
    int64_t v = 0;
    std::memcpy(&v, at + 1, sizeof v);
    if (at[0] != 0) (*values)[i] = v;
  }
}

}  // namespace

ValueSpool::ValueSpool(size_t values_per_record, size_t memory_limit_bytes)
    : values_per_record_(values_per_record), memory_limit_bytes_(memory_limit_bytes) {}

ValueSpool::~ValueSpool() {
  if (file_ != nullptr) std::fclose(file_);
}

bool ValueSpool::spill(std::string* error) {
  std::string path = temporary_directory() + "/gtsim-paired-XXXXXX";
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) {
    *error = fmt::format("cannot create a temporary file in {} for the paired values: {}",
                         temporary_directory(), std::strerror(errno));
    return false;
  }
  ::unlink(path.c_str());
  file_ = ::fdopen(fd, "w+b");
  if (file_ == nullptr || std::fwrite(memory_.data(), 1, memory_.size(), file_) != memory_.size()) {
    *error = fmt::format("cannot write the paired values to a temporary file in {}: {}", temporary_directory(),
                         std::strerror(errno));
    if (file_ == nullptr) ::close(fd);
    return false;
  }
  memory_ = std::string();
  return true;
}

bool ValueSpool::append(const std::vector<std::optional<int64_t>>& values, std::string* error) {
  GTSIM_ASSERT(!reading_ && values.size() == values_per_record_);
  if (file_ == nullptr) {
    encode(values, &memory_);
    ++records_;
    return memory_.size() <= memory_limit_bytes_ || spill(error);
  }
  std::string record;
  encode(values, &record);
  ++records_;
  if (std::fwrite(record.data(), 1, record.size(), file_) == record.size()) return true;
  *error = fmt::format("cannot write the paired values to a temporary file in {}: {}", temporary_directory(),
                       std::strerror(errno));
  return false;
}

bool ValueSpool::read(std::vector<std::optional<int64_t>>* values, std::string* error) {
  GTSIM_ASSERT(read_ < records_);
  const size_t bytes = values_per_record_ * kValueBytes;
  if (!reading_ && file_ != nullptr && (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)) {
    *error = fmt::format("cannot read back the paired values: {}", std::strerror(errno));
    return false;
  }
  reading_ = true;
  if (file_ == nullptr) {
    decode(memory_.data() + read_ * bytes, values_per_record_, values);
  } else {
    memory_.resize(bytes);
    if (std::fread(memory_.data(), 1, bytes, file_) != bytes) {
      *error = fmt::format("cannot read back the paired values: {}",
                           std::ferror(file_) ? std::strerror(errno) : "the temporary file is short");
      return false;
    }
    decode(memory_.data(), values_per_record_, values);
  }
  ++read_;
  return true;
}

}  // namespace study
