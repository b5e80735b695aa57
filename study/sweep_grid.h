// The points of a sweep: the product of its dimensions, each a `--vary`
// (one path and its values) or a `--vary-together` group (several paths
// whose lists, of one length, are zipped: the i-th point of the group sets
// the i-th value of every path). Dimensions are taken in the order given,
// the first varying slowest (odometer order), so
//   --vary-together a=1,2 b=10,20 --vary c=x,y
// gives (a=1 b=10 c=x) (a=1 b=10 c=y) (a=2 b=20 c=x) (a=2 b=20 c=y).
//
// Pure: the points depend only on the dimensions. The grid is counted
// before it is built, against study::kMaxPoints (study/sweep_plan.h).
#pragma once

#include <string>
#include <vector>

#include "study/sweep_plan.h"

namespace study {

struct GridDimension {
  bool together = false;                       // from --vary-together
  std::vector<std::string> paths;              // one for a --vary
  std::vector<std::vector<std::string>> values;  // per path; REQUIRES none empty
};

// Sets plan->parameters (every path, in order) and plan->points. "" on
// success, else the refusal, for `gtsim: error: ` (nothing set): lists of
// a group of different lengths, a path varied twice, a grid above the
// bounds.
std::string expand_grid(const std::vector<GridDimension>& dimensions, SweepPlan* plan);

}  // namespace study
