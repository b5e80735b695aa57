#include "model/diagnostic.h"

namespace model {

std::string Diagnostic::to_string() const {
  const char* severity = warning ? ": warning: " : ": error: ";
  if (line <= 0) return file + severity + message;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column) + severity + message;
}

}  // namespace model
