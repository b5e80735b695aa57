// Interrupts: SIGINT and SIGTERM during a run become a polled flag, so the
// run stops between events and gtsim can say how far it got instead of dying
// mid-write (docs/design.md, law 4: never a half-written output file).
//
// The first signal only records itself; the run polls interrupt_signal()
// through RunLimits::should_stop. A second signal is an impatient user: it
// removes the output file being written, if any, and ends the process with
// the default action of that signal. Only async-signal-safe calls happen in
// the handler. One process-wide state: the command line's, not the model's.
#pragma once

#include <string>

namespace app {

// Installs the handlers for SIGINT and SIGTERM. Call once, before the run.
void install_interrupt_handlers();

// The signal received (SIGINT or SIGTERM), or 0 if none.
int interrupt_signal();

// "SIGINT", "SIGTERM" or "signal N".
std::string signal_name(int signal_number);

// The temporary file a second signal must remove (empty: none). Longer paths
// than the handler's buffer are not registered (and then not removed).
void set_pending_output(const std::string& temporary_path);

}  // namespace app
