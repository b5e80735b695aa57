#include "app/version.h"

#include "app/build_info.h"

namespace app {

const char* gtsim_commit() { return kGtsimCommit; }

std::string gtsim_version_line() {
  const std::string commit = kGtsimCommit;
  return std::string("gtsim ") + kGtsimVersion + (commit.empty() ? "" : " (commit " + commit + ")");
}

}  // namespace app
