// A file's bytes, whole: what the golden tests compare. Shared because the
// test files compile together in unity batches.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace gtsim_test {

// Empty if the file cannot be read.
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace gtsim_test
