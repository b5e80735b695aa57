// nearest_word: the "did you mean" of every diagnostic about a misspelt word.
//
// Distance is optimal string alignment (Damerau-Levenshtein where no
// substring is edited twice): insertions, deletions, substitutions and
// transpositions of adjacent characters each cost 1, compared byte by byte
// and case-sensitively. A candidate is suggested only when it is close
// enough to be a plausible typo: distance <= max(1, word.size() / 3).
// Deterministic: among equally near candidates the first in candidate order
// wins; nothing depends on hashing or pointers.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace model {

// Optimal string alignment distance between a and b.
size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to word, or nullopt when none is near enough (or
// word is empty). A candidate equal to word is returned as is.
std::optional<std::string> nearest_word(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace model
