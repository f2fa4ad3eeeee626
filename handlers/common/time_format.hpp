#pragma once
// The timestamp spellings the three panels put on the wire (all UTC).

#include <string>

#include "services/clock.hpp"

namespace accountd::handlers {

/// Laravel model serialization: 2024-10-24T12:04:30.000000Z
std::string iso8601_micro_z(services::Timestamp t);
/// Carbon toAtomString(): 2024-10-24T12:04:30+00:00
std::string atom_string(services::Timestamp t);
/// RFC 3339 with Z: 2024-10-24T12:04:30Z
std::string rfc3339_z(services::Timestamp t);

}  // namespace accountd::handlers
