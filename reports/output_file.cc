#include "reports/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "sim/assert.h"

namespace reports {
namespace {

// The temporary paths of every live OutputSet, for remove_staged_files().
// A slot holds a pointer into a heap buffer its Entry owns, cleared before
// the buffer is freed.
std::atomic<const char*> staged_slots[kMaxStagedFiles];

size_t register_staged(const char* path) {
  for (size_t i = 0; i < kMaxStagedFiles; ++i) {
    const char* empty = nullptr;
    if (staged_slots[i].compare_exchange_strong(empty, path)) return i;
  }
  GTSIM_ASSERT(false && "more than kMaxStagedFiles outputs staged at once");
  return kMaxStagedFiles;
}

void unregister_staged(size_t slot) {
  if (slot < kMaxStagedFiles) staged_slots[slot].store(nullptr);
}

// The permissions a new file gets (0666 less the umask), read once.
mode_t new_file_mode() {
  static const mode_t mode = [] {
    const mode_t mask = ::umask(022);
    ::umask(mask);
    return static_cast<mode_t>(0666 & ~mask);
  }();
  return mode;
}

std::string reason(int error_number) { return std::strerror(error_number); }

// Writes all of `content` to `fd`; false with errno set on failure. A
// signal that interrupts a blocked write (a pipe nobody reads) fails it with
// EINTR: only SIGINT and SIGTERM have handlers, and they mean stop.
bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n <= 0) {
      if (n == 0) errno = EIO;
      return false;
    }
    content.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string directory_of(const std::string& path) {
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

// fsync of the directory, so the renames survive a crash. Best effort:
// some file systems refuse fsync on a directory.
void sync_directory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

// Writes `content` into the existing target itself (a device, a pipe, a link).
bool write_in_place(const std::string& path, std::string_view content, std::string* error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) {
    *error = fmt::format("cannot write '{}': {}", path, reason(errno));
    return false;
  }
  const bool written = write_all(fd, content);
  const int saved = errno;
  if (::close(fd) != 0 && written) {
    *error = fmt::format("cannot write '{}': {}", path, reason(errno));
    return false;
  }
  if (!written) *error = fmt::format("cannot write '{}': {}", path, reason(saved));
  return written;
}

// Copies a staged stream into the existing target itself (a device, a pipe, a link).
bool copy_in_place(const std::string& staged, const std::string& path, std::string* error) {
  const int in = ::open(staged.c_str(), O_RDONLY | O_CLOEXEC);
  if (in < 0) {
    *error = fmt::format("cannot write '{}': {}", path, reason(errno));
    return false;
  }
  const int out = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  bool ok = out >= 0;
  int saved = errno;
  std::vector<char> buffer(kStreamBufferBytes);
  while (ok) {
    const ssize_t n = ::read(in, buffer.data(), buffer.size());
    if (n <= 0) {
      ok = n == 0;
      saved = errno;
      break;
    }
    ok = write_all(out, std::string_view(buffer.data(), static_cast<size_t>(n)));
    saved = errno;
  }
  if (out >= 0 && ::close(out) != 0 && ok) ok = false, saved = errno;
  ::close(in);
  if (!ok) *error = fmt::format("cannot write '{}': {}", path, reason(saved));
  return ok;
}

}  // namespace

OutputSet::~OutputSet() { abandon(); }

bool OutputSet::fail(const std::string& message) {
  error_ = message;
  abandon();
  return false;
}

bool OutputSet::check_target(const std::string& path, bool* in_place, bool* exists, unsigned* mode) {
  struct stat target;
  *exists = ::lstat(path.c_str(), &target) == 0;
  if (*exists && S_ISDIR(target.st_mode)) return fail(fmt::format("cannot write '{}': Is a directory", path));
  *in_place = *exists && !S_ISREG(target.st_mode);
  if (*in_place) {
    struct stat followed;
    if (::stat(path.c_str(), &followed) == 0 && S_ISDIR(followed.st_mode)) {
      return fail(fmt::format("cannot write '{}': Is a directory", path));
    }
  }
  // The data of an existing file keeps its permissions; a new one gets 0666 less the umask.
  *mode = *exists && !*in_place ? (target.st_mode & 07777) : new_file_mode();
  return true;
}

int OutputSet::stage_temporary(const std::string& path, unsigned mode) {
  // ".out.json.tmp-Ab12Cd" beside out.json (the name cut to stay within NAME_MAX).
  std::string hidden = ".";
  hidden.append(std::filesystem::path(path).filename().string(), 0, 200);
  hidden.append(".tmp-XXXXXX");
  std::string pattern = (std::filesystem::path(directory_of(path)) / hidden).string();
  const int fd = ::mkostemp(pattern.data(), O_CLOEXEC);
  if (fd < 0) {
    fail(fmt::format("cannot write '{}': {}", path, reason(errno)));
    return -1;
  }
  entries_.push_back(Entry{path, pattern, {}, kMaxStagedFiles});
  entries_.back().slot = register_staged(entries_.back().temporary.c_str());
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0) {
    const int saved = errno;
    ::close(fd);
    fail(fmt::format("cannot write '{}': {}", path, reason(saved)));
    return -1;
  }
  return fd;
}

bool OutputSet::add(const std::string& path, std::string content) {
  bool in_place = false, exists = false;
  unsigned mode = 0;
  if (!check_target(path, &in_place, &exists, &mode)) return false;
  if (in_place) {
    entries_.push_back(Entry{path, {}, std::move(content), kMaxStagedFiles});
    entries_.back().in_place = true;
    return true;
  }
  const int fd = stage_temporary(path, mode);
  if (fd < 0) return false;
  const bool written = write_all(fd, content) && ::fsync(fd) == 0;
  const int saved = errno;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) return fail(fmt::format("cannot write '{}': {}", path, reason(written ? errno : saved)));
  return true;
}

std::optional<size_t> OutputSet::begin_stream(const std::string& path) {
  bool in_place = false, exists = false;
  unsigned mode = 0;
  if (!check_target(path, &in_place, &exists, &mode)) return std::nullopt;
  // An in-place target's pieces wait in a staged file beside it, copied into it at commit.
  const int fd = stage_temporary(path, mode);
  if (fd < 0) return std::nullopt;
  entries_.back().in_place = in_place;
  entries_.back().fd = fd;
  return entries_.size() - 1;
}

bool OutputSet::flush_stream(Entry& entry) {
  if (write_all(entry.fd, entry.content)) {
    entry.content.clear();
    return true;
  }
  return fail(fmt::format("cannot write '{}': {}", entry.path, reason(errno)));
}

bool OutputSet::append(size_t stream, std::string_view text) {
  if (!error_.empty()) return false;  // the set failed and was abandoned
  GTSIM_ASSERT(stream < entries_.size() && entries_[stream].fd >= 0);
  Entry& entry = entries_[stream];
  entry.content.append(text);
  return entry.content.size() < kStreamBufferBytes || flush_stream(entry);
}

bool OutputSet::end_stream(size_t stream) {
  if (!error_.empty()) return false;
  GTSIM_ASSERT(stream < entries_.size() && entries_[stream].fd >= 0);
  Entry& entry = entries_[stream];
  if (!flush_stream(entry)) return false;
  entry.content = std::string();
  const bool synced = ::fsync(entry.fd) == 0;
  const int saved = errno;
  const bool closed = ::close(entry.fd) == 0;
  entry.fd = -1;
  if (!synced || !closed) return fail(fmt::format("cannot write '{}': {}", entry.path, reason(synced ? errno : saved)));
  return true;
}

bool OutputSet::commit() { return write_in_place_targets() && rename_staged(); }

bool OutputSet::write_in_place_targets() {
  for (Entry& entry : entries_) {
    if (!entry.in_place || entry.content_written) continue;
    GTSIM_ASSERT(entry.fd < 0);
    std::string message;
    const bool written = entry.temporary.empty() ? write_in_place(entry.path, entry.content, &message)
                                                 : copy_in_place(entry.temporary, entry.path, &message);
    if (!written) return fail(message);
    entry.content_written = true;
    entry.content = std::string();
    if (!entry.temporary.empty()) {
      ::unlink(entry.temporary.c_str());
      unregister_staged(entry.slot);
      entry.slot = kMaxStagedFiles;
      entry.temporary.clear();
    }
  }
  return true;
}

bool OutputSet::rename_staged() {
  GTSIM_ASSERT(std::all_of(entries_.begin(), entries_.end(),
                           [](const Entry& e) { return e.fd < 0 && (!e.in_place || e.content_written); }));
  std::vector<std::string> done;
  std::vector<std::string> dirs;
  for (Entry& entry : entries_) {
    if (entry.temporary.empty()) continue;
    if (::rename(entry.temporary.c_str(), entry.path.c_str()) != 0) {
      std::string message = fmt::format("cannot write '{}': {}", entry.path, reason(errno));
      if (!done.empty()) message += fmt::format(" (already written: {})", fmt::join(done, ", "));
      return fail(message);
    }
    unregister_staged(entry.slot);
    entry.slot = kMaxStagedFiles;
    entry.temporary.clear();
    done.push_back(entry.path);
    const std::string dir = directory_of(entry.path);
    if (std::find(dirs.begin(), dirs.end(), dir) == dirs.end()) dirs.push_back(dir);
  }
  for (const std::string& dir : dirs) sync_directory(dir);
  entries_.clear();
  return true;
}

void OutputSet::abandon() {
  for (Entry& entry : entries_) {
    if (entry.fd >= 0) ::close(entry.fd);
    if (entry.temporary.empty()) continue;
    ::unlink(entry.temporary.c_str());
    unregister_staged(entry.slot);
  }
  entries_.clear();
}

bool write_file_atomically(const std::string& path, std::string_view content, std::string* error) {
  OutputSet set;
  if (set.add(path, std::string(content)) && set.commit()) return true;
  *error = set.error();
  return false;
}

void remove_staged_files() {
  for (std::atomic<const char*>& slot : staged_slots) {
    const char* path = slot.load();
    if (path != nullptr) ::unlink(path);
  }
}

}  // namespace reports
