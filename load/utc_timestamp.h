// UTC timestamps of trace files (scenarios/README.md, "Trace files"): the
// date-times the AWS CLI prints, and Unix time.
//
// parse_utc_timestamp accepts
//   - an ISO 8601 / RFC 3339 date-time, YYYY-MM-DDTHH:MM[:SS[.fraction]]
//     followed by Z, +HH:MM, -HH:MM, +HHMM or nothing (UTC); a space may
//     stand for the T ("2024-01-15T10:00:00+00:00", the AWS CLI's
//     iso8601 format; "2024-01-15T10:00:00.000Z"; "2024-01-15 10:00:00");
//   - Unix time in seconds, digits with an optional fraction ("1705312800").
// Years 1970 to 2199 only, so the result fits int64 nanoseconds with room.
// Determinism: pure functions; no time zone database, no locale, no clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace load {

// Nanoseconds since 1970-01-01T00:00:00Z, or nullopt with *why set to what
// is wrong ("month 13 is not 1 to 12", "expected a timestamp").
std::optional<int64_t> parse_utc_timestamp(std::string_view text, std::string* why);

// Seconds (as a JSON number gives them) since the epoch, or nullopt when
// below 0, above the range or not finite.
std::optional<int64_t> utc_timestamp_from_seconds(double seconds);

// "2024-01-15T10:00:00Z" (with ".5" and so on when not a whole second), for messages.
std::string format_utc_timestamp(int64_t epoch_ns);

}  // namespace load
