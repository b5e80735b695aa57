// The version of gtsim: `gtsim --version`, and recorded in every study
// file (sweep.json), so that `gtsim merge` refuses shards of two versions.
#pragma once

namespace app {

inline constexpr const char* kGtsimVersion = "0.1.0";

}  // namespace app
