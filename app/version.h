// The version of gtsim: `gtsim --version`, and recorded in every study
// file (sweep.json), so that `gtsim merge` refuses shards of two versions;
// with the commit it was built from, in every HTML report's provenance.
#pragma once

#include <string>

namespace app {

inline constexpr const char* kGtsimVersion = "0.1.0";

// The commit of the clone gtsim was built from ("3f2a9c1e07b2", with
// "-dirty" when tracked files had changes), or "" when it was not built
// from a git clone (app/build_info.cmake stamps it at build time).
const char* gtsim_commit();

// "gtsim 0.1.0 (commit 3f2a9c1e07b2)", or "gtsim 0.1.0" without a commit.
std::string gtsim_version_line();

}  // namespace app
