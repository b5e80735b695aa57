#include "app/interrupt.h"

#include <pthread.h>
#include <unistd.h>

#include <csignal>

namespace app {
namespace {

volatile std::sig_atomic_t received_signal = 0;

extern "C" void on_interrupt(int signal_number) {
  if (received_signal == 0) {
    received_signal = signal_number;
    return;
  }
  reports::remove_staged_files();
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

// SIGINT and SIGTERM held back for the scope of one commit.
class InterruptsBlocked {
 public:
  InterruptsBlocked() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, &previous_);
  }
  ~InterruptsBlocked() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  InterruptsBlocked(const InterruptsBlocked&) = delete;
  InterruptsBlocked& operator=(const InterruptsBlocked&) = delete;

 private:
  sigset_t previous_;
};

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action = {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void ignore_file_size_signal() { std::signal(SIGXFSZ, SIG_IGN); }

int interrupt_signal() { return received_signal; }

std::string signal_name(int signal_number) {
  if (signal_number == SIGINT) return "SIGINT";
  if (signal_number == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal_number);
}

CommitOutcome commit_unless_interrupted(reports::OutputSet* set) {
  if (interrupt_signal() != 0) {
    set->abandon();
    return CommitOutcome::kInterrupted;
  }
  // A pipe may block: written with signals open, so a second one still ends the process.
  if (!set->write_in_place_targets()) {
    return interrupt_signal() != 0 ? CommitOutcome::kInterrupted : CommitOutcome::kFailed;
  }
  const InterruptsBlocked blocked;
  if (interrupt_signal() != 0) {
    set->abandon();
    return CommitOutcome::kInterrupted;
  }
  return set->rename_staged() ? CommitOutcome::kCommitted : CommitOutcome::kFailed;
}

CommitOutcome commit_after_interrupt(reports::OutputSet* set) {
  if (!set->write_in_place_targets()) return CommitOutcome::kFailed;
  const InterruptsBlocked blocked;
  return set->rename_staged() ? CommitOutcome::kCommitted : CommitOutcome::kFailed;
}

}  // namespace app
