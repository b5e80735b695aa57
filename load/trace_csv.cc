#include "load/trace_csv.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "load/utc_timestamp.h"
#include "sim/assert.h"

namespace load {
namespace {

struct Field {
  std::string text;
  int column = 0;  // 1-based, where its text starts
};

struct Line {
  int number = 0;  // 1-based
  std::vector<Field> fields;
  bool quoted_error = false;  // a quote left open
};

// The fields of one line (without its end of line).
Line split(std::string_view line, int number) {
  Line out;
  out.number = number;
  size_t pos = 0;
  for (;;) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    Field field;
    field.column = static_cast<int>(pos) + 1;
    if (pos < line.size() && line[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < line.size()) {
        if (line[pos] == '"' && pos + 1 < line.size() && line[pos + 1] == '"') {
          field.text += '"';
          pos += 2;
        } else if (line[pos] == '"') {
          ++pos;
          closed = true;
          break;
        } else {
          field.text += line[pos++];
        }
      }
      out.quoted_error = out.quoted_error || !closed;
      while (pos < line.size() && line[pos] != ',') ++pos;
    } else {
      const size_t start = pos;
      while (pos < line.size() && line[pos] != ',') ++pos;
      size_t end = pos;
      while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t')) --end;
      field.text = std::string(line.substr(start, end - start));
    }
    out.fields.push_back(std::move(field));
    if (pos >= line.size()) break;
    ++pos;  // the comma
  }
  return out;
}

// Every line with content: not blank, not a '#' comment.
std::vector<Line> content_lines(std::string_view text) {
  std::vector<Line> lines;
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    const size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;
    lines.push_back(split(line, number));
  }
  return lines;
}

// A header names its first column: a timestamp starts with a digit (a year
// or Unix seconds), so a malformed one is reported, never taken for a name.
bool is_header(const Line& line) {
  const std::string& first = line.fields[0].text;
  return first.empty() || first[0] < '0' || first[0] > '9';
}

}  // namespace

std::vector<std::string> trace_csv_columns(std::string_view text) {
  const std::vector<Line> lines = content_lines(text);
  std::vector<std::string> names;
  if (lines.empty() || !is_header(lines[0])) return names;
  for (size_t i = 1; i < lines[0].fields.size(); ++i) names.push_back(lines[0].fields[i].text);
  return names;
}

bool read_trace_csv(std::string_view text, const std::string& file, size_t column, std::vector<TracePoint>* points,
                    std::vector<model::Diagnostic>* out) {
  const auto problem = [&](int line, int col, std::string message) {
    out->push_back(model::Diagnostic{file, line, col, std::move(message)});
  };
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const std::string_view before = text.substr(0, nul);
    const size_t last_newline = before.rfind('\n');
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const int col = static_cast<int>(last_newline == std::string_view::npos ? nul : nul - last_newline - 1) + 1;
    problem(line, col, "not a text file: found a NUL byte; expected CSV text");
    return false;
  }
  const std::vector<Line> lines = content_lines(text);
  const bool header = !lines.empty() && is_header(lines[0]);
  const size_t fields = header ? lines[0].fields.size() : 2;
  if (fields < 2) {
    problem(lines[0].number, 1, "the header line names no value column; expected e.g. timestamp,ConsumedWriteCapacityUnits");
    return false;
  }
  GTSIM_ASSERT(1 + column < fields);  // a column the header names, or the one value
  bool ok = true;
  for (size_t i = header ? 1 : 0; i < lines.size(); ++i) {
    const Line& line = lines[i];
    if (line.quoted_error) {
      problem(line.number, 1, "a quoted field is not closed");
      ok = false;
      continue;
    }
    if (line.fields.size() != fields) {
      problem(line.number, 1, fmt::format("expected {} fields ({}), found {}", fields,
                                          header ? "as the header names" : "timestamp,value", line.fields.size()));
      ok = false;
      continue;
    }
    const Field& when = line.fields[0];
    const Field& what = line.fields[1 + column];
    std::string why;
    const std::optional<int64_t> at = parse_utc_timestamp(when.text, &why);
    if (!at) {
      problem(line.number, when.column,
              why == "expected a timestamp"
                  ? fmt::format("expected a timestamp, e.g. '2024-01-15T10:00:00Z' or Unix seconds; found '{}'",
                                when.text)
                  : fmt::format("timestamp '{}': {}", when.text, why));
      ok = false;
    }
    double value = 0;
    const char* end = what.text.data() + what.text.size();
    const auto [stop, ec] = std::from_chars(what.text.data(), end, value);
    if (what.text.empty() || stop != end || (ec != std::errc() && ec != std::errc::result_out_of_range)) {
      problem(line.number, what.column, fmt::format("expected a number, found '{}'", what.text));
      ok = false;
    } else if (ec == std::errc::result_out_of_range || !std::isfinite(value)) {
      problem(line.number, what.column, fmt::format("expected a finite number, found '{}'", what.text));
      ok = false;
    } else if (at) {
      points->push_back(TracePoint{*at, value, line.number, when.column, line.number, what.column});
    }
  }
  return ok;
}

}  // namespace load
