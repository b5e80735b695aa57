// ImportDocument: one artefact file for `gtsim import`, read into load/'s
// YAML tree (marks, tags, duplicate keys kept) so that every importer reports
// a problem at its file:line:column.
//
// JSON and YAML are both read: a file whose first character (after
// whitespace) is '{' or '[' is JSON and is first checked strictly with the
// project's JSON reader (reports/json_value.h: RFC 8259, no duplicate key,
// nesting at most 64 deep), because yaml-cpp alone would accept a trailing
// comma; anything else is YAML (a CloudFormation template, or the AWS CLI's
// `--output yaml`). Refused before parsing: a file larger than
// kImportFileBytesMax, a NUL byte, bytes that are not UTF-8, a directory.
// Never throws. Determinism: a pure function of the file's bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "load/yaml_tree.h"
#include "model/diagnostic.h"

namespace importer {

// 16 MiB: describe-table output and templates are kilobytes (CloudFormation
// takes templates of 1 MB at most); a `terraform show -json` of a large
// state can be megabytes. The tree of a file this size takes a few hundred MB.
inline constexpr size_t kImportFileBytesMax = size_t{16} << 20;

struct ImportDocument {
  std::string file;        // the path as the user gave it
  bool json = false;       // read as JSON (else YAML)
  load::NodePtr root;      // never null once read
};

// Reads and parses the file at path. False, with diagnostics, when it cannot.
bool read_import_document(const std::string& path, ImportDocument* out, std::vector<model::Diagnostic>* diagnostics);

// The same for text already in memory; file names it in diagnostics.
bool parse_import_text(std::string_view text, const std::string& file, ImportDocument* out,
                       std::vector<model::Diagnostic>* diagnostics);

}  // namespace importer
