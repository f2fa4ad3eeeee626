#pragma once
// The timestamp spellings the three panels put on the wire (all UTC).

#include <optional>
#include <string>
#include <string_view>

#include "services/clock.hpp"

namespace accountd::handlers {

/// Laravel model serialization: 2024-10-24T12:04:30.000000Z
std::string iso8601_micro_z(services::Timestamp t);
/// Carbon toAtomString(): 2024-10-24T12:04:30+00:00
std::string atom_string(services::Timestamp t);
/// RFC 3339 with Z: 2024-10-24T12:04:30Z
std::string rfc3339_z(services::Timestamp t);
/// An RFC 3339 date-time ("2026-08-22T12:07:53.123Z", "...+02:00"; `T` or `t`, `Z` or `z`),
/// fractions of a second dropped; nullopt for anything else, including a date that does not
/// exist (February 30th) and a year outside 1970..9999.
std::optional<services::Timestamp> parse_rfc3339(std::string_view text);

}  // namespace accountd::handlers
