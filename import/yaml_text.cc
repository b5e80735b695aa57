#include "import/yaml_text.h"

#include <fmt/format.h>

#include "reports/terminal_text.h"

namespace importer {

std::string yaml_quoted(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0) {
      // A C1 control (U+0080 to U+009F), which YAML does not allow unescaped.
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string comment_text(std::string_view text) {
  std::string one_line;
  for (char c : text) {
    if (c == '\n') {
      one_line += "\\n";
    } else {
      one_line += c;
    }
  }
  return reports::terminal_text(one_line);
}

void YamlText::line(int indent, std::string_view text, std::string_view comment) {
  std::string out(static_cast<size_t>(indent), ' ');
  out += text;
  if (!comment.empty()) {
    out += out.size() + 2 <= kCommentColumn ? std::string(kCommentColumn - out.size(), ' ') : std::string("  ");
    out += "# " + comment_text(comment);
  }
  text_ += out + '\n';
}

void YamlText::note(int indent, std::string_view comment) {
  text_ += std::string(static_cast<size_t>(indent), ' ') + (comment.empty() ? "#" : "# " + comment_text(comment)) + '\n';
}

}  // namespace importer
