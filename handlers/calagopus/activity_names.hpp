#pragma once
// Calagopus' names for the account events accountd stores under canonical names (Pterodactyl's
// where one exists), so one account's log reads right in every dialect (reference §15). A
// stored name without a Calagopus counterpart is shown as stored.

#include <string>
#include <string_view>

#include "services/activity.hpp"

namespace accountd::handlers::calagopus {

/// The name Calagopus shows for a stored event name.
std::string calagopus_event_name(std::string_view stored);

/// Narrows `query` to the events whose Calagopus name contains `search` (case-insensitive).
void match_calagopus_name(services::ActivityQuery& query, const std::string& search);

}  // namespace accountd::handlers::calagopus
