#include "app/list_command.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "app/terminal.h"

namespace app {
namespace {

namespace fs = std::filesystem;

// The question a scenario answers: its first comment paragraph (the lines
// before the first blank "#" line), joined on one line; "" when it has none.
std::string first_comment(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::string text;
  while (std::getline(in, line)) {
    if (line.empty() && text.empty()) continue;
    if (line.empty() || line[0] != '#') break;
    const size_t start = line.find_first_not_of("# ");
    if (start == std::string::npos) break;  // "#" alone ends the paragraph
    text += (text.empty() ? "" : " ") + line.substr(start);
  }
  return text;
}

}  // namespace

CLI::App* add_list_command(CLI::App& app, ListOptions* options) {
  CLI::App* command = app.add_subcommand("list", "List the scenario library, one line per study");
  command->add_option("dir", options->dir, "Directory of scenarios (default: scenarios)");
  return command;
}

int list_command(const ListOptions& options) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(options.dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".yaml") files.push_back(it->path());
  }
  if (ec) {
    std::fprintf(stderr, "gtsim: error: cannot list '%s': %s\n", options.dir.c_str(), ec.message().c_str());
    return 2;
  }
  std::sort(files.begin(), files.end());
  size_t width = 0;
  for (const fs::path& file : files) width = std::max(width, file.stem().string().size());
  for (const fs::path& file : files) {
    print_out(fmt::format("{:<{}}  {}\n", file.stem().string(), width, first_comment(file)));
  }
  return 0;
}

}  // namespace app
