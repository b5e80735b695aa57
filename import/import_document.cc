#include "import/import_document.h"

#include <cerrno>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <system_error>

#include <fmt/format.h>

#include "reports/json_value.h"
#include "reports/terminal_text.h"

namespace importer {

using model::Diagnostic;

namespace {

constexpr std::string_view kUtf8Bom = "\xef\xbb\xbf";

// 1-based line and column of a byte offset.
Diagnostic at_offset(const std::string& file, std::string_view text, size_t offset, std::string message) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Diagnostic{file, line, static_cast<int>(offset - line_start) + 1, std::move(message)};
}

// A NUL byte or a byte that is not well-formed UTF-8, reported at its place.
bool check_text(std::string_view text, const std::string& file, std::vector<Diagnostic>* out) {
  for (size_t i = 0; i < text.size();) {
    if (text[i] == '\0') {
      out->push_back(at_offset(file, text, i, "not a text file: found a NUL byte; expected JSON or YAML text"));
      return false;
    }
    const size_t length =
        static_cast<unsigned char>(text[i]) < 0x80 ? 1 : reports::utf8_sequence_length(text.substr(i));
    if (length == 0) {
      out->push_back(at_offset(file, text, i,
                               fmt::format("not UTF-8 text: found byte 0x{:02X}; expected JSON or YAML text in UTF-8",
                                           static_cast<unsigned char>(text[i]))));
      return false;
    }
    i += length;
  }
  return true;
}

bool looks_like_json(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

// The JSON reader's "offset N: message" as a positioned diagnostic.
Diagnostic json_error(const std::string& file, std::string_view text, const std::string& error) {
  size_t offset = 0;
  std::string_view message = error;
  constexpr std::string_view kPrefix = "offset ";
  if (message.substr(0, kPrefix.size()) == kPrefix) {
    const char* begin = message.data() + kPrefix.size();
    const auto [end, ec] = std::from_chars(begin, message.data() + message.size(), offset);
    if (ec == std::errc() && std::string_view(end, 2) == ": ") message = std::string_view(end + 2);
  }
  return at_offset(file, text, offset, "invalid JSON: " + std::string(message));
}

}  // namespace

bool parse_import_text(std::string_view text, const std::string& file, ImportDocument* out,
                       std::vector<Diagnostic>* diagnostics) {
  out->file = file;
  if (!check_text(text, file, diagnostics)) return false;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos ||
      text.substr(kUtf8Bom.size()).find_first_not_of(" \t\r\n") == std::string_view::npos) {
    diagnostics->push_back(Diagnostic{file, 1, 1, "empty file: expected JSON or YAML"});
    return false;
  }
  std::string_view body = text;
  const bool bom = body.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  if (bom) body.remove_prefix(kUtf8Bom.size());
  out->json = looks_like_json(body);
  if (out->json) {
    std::string error;
    if (!reports::parse_json(body, &error)) {
      Diagnostic d = json_error(file, body, error);
      diagnostics->push_back(std::move(d));
      return false;
    }
  } else if (!load::check_tabs(text, file, diagnostics)) {
    return false;
  }
  if (!load::parse_yaml(body, file, "", &out->root, diagnostics)) return false;
  if (out->root == nullptr || out->root->is_null()) {
    diagnostics->push_back(Diagnostic{file, 1, 1, "empty file: expected JSON or YAML"});
    return false;
  }
  return true;
}

bool read_import_document(const std::string& path, ImportDocument* out, std::vector<Diagnostic>* diagnostics) {
  const auto cannot_read = [&](const std::string& reason) {
    diagnostics->push_back(Diagnostic{path, 0, 0, "cannot read: " + reason});
    return false;
  };
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return cannot_read("Is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const std::error_code open_error(errno, std::generic_category());
    return cannot_read(errno != 0 ? open_error.message() : "cannot open");
  }
  // Read at most one byte more than the limit: a device or a pipe has no size.
  std::string text(kImportFileBytesMax + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return cannot_read("read error");
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kImportFileBytesMax) {
    diagnostics->push_back(Diagnostic{
        path, 0, 0,
        fmt::format("file too large: gtsim import reads at most {} MB; keep only the table's resource or output",
                    kImportFileBytesMax >> 20)});
    return false;
  }
  return parse_import_text(text, path, out, diagnostics);
}

}  // namespace importer
