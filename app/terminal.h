// Printing on the terminal: every line gtsim prints that can carry text
// from a file goes through these, shown by reports::terminal_text (control
// characters escaped, docs/robustness.md "Files from elsewhere").
#pragma once

#include <cstdio>
#include <string_view>

#include "reports/terminal_text.h"

namespace app {

inline void print_out(std::string_view text) { std::fputs(reports::terminal_text(text).c_str(), stdout); }
inline void print_err(std::string_view text) { std::fputs(reports::terminal_text(text).c_str(), stderr); }

}  // namespace app
