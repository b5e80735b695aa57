#include "reports/output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>
#include <sys/stat.h>

namespace reports {

namespace {

// Writes straight into an existing non-regular file (/dev/null, /dev/stdout,
// a FIFO): renaming over it would replace the device or pipe with a file.
bool write_in_place(const std::string& path, std::string_view content, std::string* error) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int saved_errno = errno;
  if (std::fclose(file) != 0 || !written) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(written ? errno : saved_errno));
    return false;
  }
  return true;
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error) {
  struct stat existing;
  if (::stat(path.c_str(), &existing) == 0 && !S_ISREG(existing.st_mode)) {
    if (S_ISDIR(existing.st_mode)) {
      *error = fmt::format("cannot write '{}': Is a directory", path);
      return false;
    }
    return write_in_place(path, content, error);
  }
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    return false;
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const int saved_errno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(written ? errno : saved_errno));
    std::remove(temporary.c_str());
    return false;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    *error = fmt::format("cannot write '{}': {}", path, std::strerror(errno));
    std::remove(temporary.c_str());
    return false;
  }
  return true;
}

}  // namespace reports
