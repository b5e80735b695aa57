// gtsim merge --out DIR SHARD_DIR...
//
// Joins the output directories of the shards of one study (`--shard I/N`,
// I = 0..N-1, each given once) into the files the unsharded study writes,
// byte for byte, and prints its table. Refuses shards of different studies,
// a missing or repeated shard, and a shard with missing runs.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace app {

struct MergeOptions {
  std::vector<std::string> shard_dirs;
  std::string out_dir;
  bool quiet = false;
};

CLI::App* add_merge_command(CLI::App& app, MergeOptions* options);
int merge_command(const MergeOptions& options);

}  // namespace app
