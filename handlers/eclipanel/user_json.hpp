#pragma once
// EcliPanel's user shapes, from the account and its profile fields (services/profile_service):
// `userSchema` (reference eclipanel.md §5.2: GET /api/users/me, GET/PUT /api/users/:id,
// registration; null fields omitted, as the real service strips them) and the
// /api/auth/session "who am I" object (§4.5: every field, null where empty). Fields accountd
// keeps no data for take a fresh EcliPanel user's values. Neither shape has any field for a
// password hash, session list or two-factor secret (§15.6).

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "services/profile_service.hpp"
#include "services/user.hpp"

namespace accountd::handlers::eclipanel {

/// One user as EcliPanel shows them: the account row and its profile fields, opened.
struct UserView {
    const services::User& user;
    services::ProfileFields fields;
};

/// The public URL of a stored avatar path (as the other dialects build it).
std::string avatar_public_url(const config::Config& config, const std::string& path);

/// The stored settings object, or null when none (or not an object).
nlohmann::ordered_json stored_settings(const services::ProfileFields& fields);

nlohmann::ordered_json user_schema_json(const UserView& view, const config::Config& config);

/// `permissions`: the caller's flat permission list (§4.5).
nlohmann::ordered_json session_user_json(const UserView& view, const config::Config& config,
                                         const std::optional<std::string>& session_id,
                                         const nlohmann::ordered_json& permissions);

}  // namespace accountd::handlers::eclipanel
