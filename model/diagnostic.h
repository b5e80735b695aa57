// Diagnostic: one problem in the user's input, as a plain value.
//
// Bad user input is never an assertion or an exception (docs/design.md, law 4):
// it is a Diagnostic naming where (file, 1-based line and column) and what
// (a message giving the key path, what was expected and what was found).
// Line 0 means "no position": a file that cannot be read, or a value given on
// the command line (`--set PATH=VALUE`, whose text is then the `file`).
#pragma once

#include <string>

namespace model {

struct Diagnostic {
  std::string file;     // path as given by the user, or "--set PATH=VALUE"
  int line = 0;         // 1-based; 0 when there is no position
  int column = 0;       // 1-based; 0 when there is no position
  std::string message;  // no trailing newline or period
  bool warning = false; // a setting that does nothing: reported, the scenario still loads

  // "FILE:LINE:COLUMN: error: MESSAGE", or "FILE: error: MESSAGE" at line 0
  // ("warning:" for a warning).
  std::string to_string() const;
};

}  // namespace model
