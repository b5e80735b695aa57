#include "model/expectation.h"

namespace model {

std::string_view comparison_symbol(Comparison comparison) {
  switch (comparison) {
    case Comparison::kLess:
      return "<";
    case Comparison::kLessEqual:
      return "<=";
    case Comparison::kGreater:
      return ">";
    case Comparison::kGreaterEqual:
      return ">=";
    case Comparison::kEqual:
      return "==";
    case Comparison::kNotEqual:
      return "!=";
  }
  return "?";
}

bool holds(Comparison comparison, int64_t actual, int64_t expected) {
  switch (comparison) {
    case Comparison::kLess:
      return actual < expected;
    case Comparison::kLessEqual:
      return actual <= expected;
    case Comparison::kGreater:
      return actual > expected;
    case Comparison::kGreaterEqual:
      return actual >= expected;
    case Comparison::kEqual:
      return actual == expected;
    case Comparison::kNotEqual:
      return actual != expected;
  }
  return false;
}

}  // namespace model
