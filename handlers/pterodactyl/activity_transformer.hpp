#pragma once
// Pterodactyl's ActivityLogTransformer and UserTransformer (for the `actor` include), with the
// privacy rules of reference section 3.2: the row's IP only for its own actor or an admin, an
// `ip` property hidden from anyone but the actor.

#include <nlohmann/json.hpp>

#include "services/activity.hpp"
#include "services/user.hpp"

namespace accountd::handlers::pterodactyl {

nlohmann::ordered_json actor_item(const services::User& user);

nlohmann::ordered_json activity_item(const services::ActivityEntry& entry,
                                     const services::User& requester, bool include_actor);

}  // namespace accountd::handlers::pterodactyl
