// Text for a terminal: what a file supplies (a scenario's names, keys and
// comments, a report's region names, a study file's values) may hold bytes
// a terminal acts on: ESC starts a sequence that can clear the screen or
// print a fake result. terminal_text() shows each such byte as an escape,
// so the user sees what the file holds instead of what it would do.
//
// Escaped: C0 controls other than newline ("\x1b", "\t", "\r"), DEL
// ("\x7f"), C1 controls (U+0080 to U+009F, "\u009b"), and bytes that are
// not well-formed UTF-8 ("\xe9"). Every other UTF-8 character passes, so
// text without them is returned unchanged. gtsim's own words hold none.
#pragma once

#include <string>
#include <string_view>

namespace reports {

std::string terminal_text(std::string_view text);

// The length of the well-formed UTF-8 sequence `text` starts with (RFC
// 3629: no overlong form, no surrogate, at most U+10FFFF), or 0. Also the
// JSON reader's check (reports/json_value.h).
size_t utf8_sequence_length(std::string_view text);

}  // namespace reports
