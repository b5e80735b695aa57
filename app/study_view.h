// A study's summary as the HTML study report reads it (reports/study_html.h):
// the plan's points and figures and, per figure, each point's estimate
// across seeds and, for a comparison, the paired difference, as the
// study's streaming tally (study/study_tally.h) holds them; and the study's provenance (its first point's
// scenario, the varied paths, the seeds). The only place that knows both
// study/ and the report's plain view of it.
#pragma once

#include <string>
#include <vector>

#include "model/scenario.h"
#include "reports/provenance.h"
#include "reports/study_html.h"
#include "study/sweep_plan.h"
#include "study/study_tally.h"

namespace app {

reports::StudyView study_view(const study::SweepPlan& plan, const study::StudyTally& tally);

// `first`: the scenario of the plan's first point; `command_line` as typed.
reports::Provenance study_provenance(const study::SweepPlan& plan, const model::Scenario& first,
                                     const std::string& command_line);

}  // namespace app
