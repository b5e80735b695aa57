#include "app/interrupt.h"

#include <unistd.h>

#include <csignal>
#include <cstring>

namespace app {
namespace {

volatile std::sig_atomic_t received_signal = 0;
char pending_output[4096] = {};  // NUL-terminated; written only outside the handler

extern "C" void on_interrupt(int signal_number) {
  if (received_signal == 0) {
    received_signal = signal_number;
    return;
  }
  if (pending_output[0] != '\0') unlink(pending_output);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

}  // namespace

void install_interrupt_handlers() {
  struct sigaction action = {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() { return received_signal; }

std::string signal_name(int signal_number) {
  if (signal_number == SIGINT) return "SIGINT";
  if (signal_number == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal_number);
}

void set_pending_output(const std::string& temporary_path) {
  pending_output[0] = '\0';
  if (temporary_path.size() >= sizeof(pending_output)) return;
  std::memcpy(pending_output, temporary_path.c_str(), temporary_path.size() + 1);
}

}  // namespace app
