// Interrupts: SIGINT and SIGTERM during a run become a polled flag, so the
// run stops between events and gtsim can say how far it got instead of dying
// mid-write (docs/design.md, law 4: never a half-written output file).
//
// The rule for the outputs (docs/robustness.md, "Interrupts and output
// files"): all of a command's outputs or none. They are staged in private
// temporary files (reports/output_file.h); a signal that arrives before the
// commit abandons them all (nothing written, exit 128 + N); the commit runs
// with SIGINT and SIGTERM blocked, so a signal arriving during it is acted
// on once every output is in place (exit 128 + N, saying so).
//
// The first signal only records itself. A second one is an impatient user:
// it removes every staged temporary file and ends the process with the
// default action of that signal. SIGXFSZ (a file-size limit) is ignored, so
// the write fails with "File too large" and is reported like any failed
// output: all or nothing again. Only async-signal-safe calls happen in the handler. One
// process-wide state: the command line's, not the model's.
#pragma once

#include <string>

#include "reports/output_file.h"

namespace app {

// Installs the handlers for SIGINT and SIGTERM: for a command that polls
// interrupt_signal() (a run, a study) or stages outputs. Others keep the
// default action, so Ctrl-C ends them at once.
void install_interrupt_handlers();

// SIGXFSZ ignored: a write beyond RLIMIT_FSIZE fails with EFBIG instead of
// ending the process. Every command, first thing.
void ignore_file_size_signal();

// The signal received (SIGINT or SIGTERM), or 0 if none.
int interrupt_signal();

// "SIGINT", "SIGTERM" or "signal N".
std::string signal_name(int signal_number);

enum class CommitOutcome {
  kCommitted,    // every output is in place
  kFailed,       // one could not be written: set->error() says why; none is in place
  kInterrupted,  // a signal came first: every staged file was removed
};

// Commits `set` under the rule above, unless a signal arrived before.
CommitOutcome commit_unless_interrupted(reports::OutputSet* set);

// Commits `set` although the first signal came: what an interrupted study
// writes of its finished runs. A second signal still ends the process,
// removing what is staged (before the renames) or after them.
CommitOutcome commit_after_interrupt(reports::OutputSet* set);

}  // namespace app
