// Writing a command's output files all together or not at all.
//
// OutputSet stages each file in a private temporary file that it creates
// exclusively beside the target (mkstemp: a fresh name, O_EXCL, so an
// existing file or link of that name is never opened or followed), writes
// and fsyncs it, and commit() renames every staged file over its target,
// then fsyncs each target's directory. A reader, a crash or a second
// process writing the same path never sees half a file, and two processes
// writing one path each leave one complete file (docs/design.md, law 4).
//
// A target that is not a regular file reached without a link (/dev/null,
// /dev/stdout, a FIFO, a symbolic link) is never renamed over: renaming
// would replace the device, pipe or link. It is written in place, at
// commit(), before the renames, so a failure there still leaves no staged
// file renamed; what went into the device or pipe cannot be taken back.
//
// All or nothing: when a file cannot be staged (disk full, permission,
// "File too large" under a file-size limit), every file already staged is
// removed and none is renamed. The renames of commit() are the only step
// that can leave part of a set (a rename failing after another succeeded);
// it is reported naming the files already in place.
//
// Streams: a file too large to hold (a study's rows) is staged the same way
// and written piece by piece as its content comes (begin_stream, append,
// end_stream), through a small buffer; an in-place target's pieces wait in a
// staged file beside it and are copied into it at commit.
//
// Signals: remove_staged_files() is async-signal-safe, for a handler that
// ends the process while files are staged (app/interrupt.h). The set
// registers its temporary paths in a fixed table of kMaxStagedFiles slots
// without allocating in the handler.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>

namespace reports {

inline constexpr size_t kMaxStagedFiles = 64;
inline constexpr size_t kStreamBufferBytes = 64u << 10;

class OutputSet {
 public:
  OutputSet() = default;
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  ~OutputSet();  // abandons what is staged and not committed

  // Stages `content` for `path`. False, with error(), on failure; every
  // file staged before is then removed (the set is abandoned).
  bool add(const std::string& path, std::string content);
  // Stages `path` to be written piece by piece: returns the stream's number
  // for append() and end_stream(), or nullopt with error() (the set
  // abandoned). Every stream must be ended before commit().
  std::optional<size_t> begin_stream(const std::string& path);
  // Adds `text` to the stream (kept in a buffer of kStreamBufferBytes at
  // most). False, with error(), when a write fails (the set abandoned), or
  // when the set failed before.
  bool append(size_t stream, std::string_view text);
  // Writes what the buffer holds, fsyncs and closes the staged file.
  bool end_stream(size_t stream);
  // write_in_place_targets(), then rename_staged(). False, with error(), on
  // failure (the set is then abandoned). REQUIRES: every add() succeeded.
  bool commit();
  // The two steps of commit(), for a caller that checks for a signal in
  // between (app/interrupt.h): writing a pipe may block, renaming does not.
  bool write_in_place_targets();
  bool rename_staged();
  // Removes every staged file; nothing is written.
  void abandon();

  size_t size() const { return entries_.size(); }
  // "cannot write 'out.json': No space left on device"
  const std::string& error() const { return error_; }

 private:
  struct Entry {
    std::string path;
    std::string temporary;  // empty: written in place at commit, from `content`
    std::string content;    // an in-place target's; a stream's buffer
    size_t slot = kMaxStagedFiles;  // in the table of remove_staged_files()
    bool content_written = false;   // an in-place target, written
    bool in_place = false;          // written into the target at commit, never renamed over it
    int fd = -1;                    // a stream not yet ended
  };
  bool fail(const std::string& message);
  // lstat of `path`: false (the set abandoned) for a directory; *in_place
  // for a target that is not a regular file reached without a link.
  bool check_target(const std::string& path, bool* in_place, bool* exists, unsigned* mode);
  // A private temporary beside `path` with `mode`, registered: its fd, or -1 (the set abandoned).
  int stage_temporary(const std::string& path, unsigned mode);
  bool flush_stream(Entry& entry);

  std::deque<Entry> entries_;  // a deque: a registered temporary's c_str() never moves
  std::string error_;
};

// One file through an OutputSet. False and *error on failure.
bool write_file_atomically(const std::string& path, std::string_view content, std::string* error);

// Unlinks every temporary file that a live OutputSet has staged. Only
// async-signal-safe calls; for a signal handler that ends the process.
void remove_staged_files();

}  // namespace reports
