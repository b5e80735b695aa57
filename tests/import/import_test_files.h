// Test helpers for gtsim import: run an import as `gtsim import` would from
// tests/import/fixtures (so the scenario names its inputs as a user there
// sees them), and write hostile files to a temporary directory.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "import/import_kinds.h"

namespace gtsim_test {

inline std::filesystem::path import_fixtures() {
  return std::filesystem::path(GTSIM_SOURCE_DIR) / "tests" / "import" / "fixtures";
}

// Runs the import in `dir` (the fixtures by default), the working directory
// restored afterwards.
inline importer::ImportResult run_import(const std::string& kind, const std::vector<std::string>& files,
                                         const std::vector<std::pair<std::string, std::string>>& params = {},
                                         const std::string& resource = "",
                                         const std::filesystem::path& dir = import_fixtures()) {
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  importer::ImportRequest request{files, params, resource};
  const importer::ImportKind* found = importer::find_import_kind(kind);
  importer::ImportResult result = found != nullptr ? importer::import_scenario(*found, request) : importer::ImportResult{};
  std::filesystem::current_path(before);
  return result;
}

inline std::vector<std::string> messages(const importer::ImportResult& result) {
  std::vector<std::string> out;
  for (const model::Diagnostic& d : result.diagnostics) out.push_back(d.to_string());
  return out;
}

// A private directory for files a test writes, named after the test
// process (ctest runs test cases in parallel); removed when it goes.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("gtsim-import-test-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes text to the file `name` in the directory; returns name.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return name;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace gtsim_test
