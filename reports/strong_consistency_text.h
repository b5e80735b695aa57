// The terminal summary's section on multi-Region strong consistency (an
// MRSC table only; docs/model.md, "Multi-Region strong consistency"): its
// topology, that nothing is at risk or clobbered by construction, what it
// refused per region and by cause, its conflicts per pair, and each region's
// losses of quorum. A pure function of the result, like text_report().
#pragma once

#include <string>

#include "model/run_result.h"

namespace reports {

// Appends the section to `out`; nothing for an eventually consistent table.
void append_strong_consistency_text(std::string& out, const model::RunResult& result, size_t name_width);

}  // namespace reports
