// YamlText: the scenario text gtsim import writes, line by line, each value
// with a trailing comment saying where it came from.
//
// Whatever the artefact supplies goes through yaml_quoted() (a YAML double-quoted
// scalar with every control character escaped) or comment() (one line: a
// newline or a control character is shown as an escape), so no text from a
// file can end a comment early, add a key or reach the terminal as a
// control sequence. Determinism: pure functions; comments are aligned to a
// fixed column.
#pragma once

#include <string>
#include <string_view>

namespace importer {

// A YAML double-quoted scalar: "my \"table\"\n".
std::string yaml_quoted(std::string_view text);

// Text safe inside a YAML comment: one line, no control characters.
std::string comment_text(std::string_view text);

class YamlText {
 public:
  // `indent` spaces, then text, then "# comment" at kCommentColumn (or two
  // spaces after a longer text); no comment when comment is empty.
  void line(int indent, std::string_view text, std::string_view comment = "");
  // A line holding only a comment.
  void note(int indent, std::string_view comment);
  void blank() { text_ += '\n'; }

  const std::string& text() const { return text_; }

  static constexpr size_t kCommentColumn = 44;

 private:
  std::string text_;
};

}  // namespace importer
