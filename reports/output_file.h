// Writing an output file all at once or not at all.
//
// The content goes to "<path>.tmp" in the same directory, is flushed, and is
// renamed over <path>, so a reader (or a crash, or Ctrl-C) never sees half a
// report (docs/design.md, law 4). An existing device or pipe (/dev/null,
// /dev/stdout, a FIFO) is written in place instead: renaming over it would
// replace it with a regular file.
#pragma once

#include <string>
#include <string_view>

namespace reports {

// Returns false and sets *error ("cannot write 'out.json': Permission denied") on failure.
bool write_file_atomically(const std::string& path, std::string_view content, std::string* error);

}  // namespace reports
