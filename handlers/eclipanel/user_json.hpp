#pragma once
// EcliPanel's user shapes: `userSchema` (GET /api/users/me; null fields omitted, as the real
// service strips them) and the /api/auth/session "who am I" object. Neither has any field for
// a password hash, session list or two-factor secret.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "services/user.hpp"

namespace accountd::handlers::eclipanel {

nlohmann::ordered_json user_schema_json(const services::User& user);
nlohmann::ordered_json session_user_json(const services::User& user,
                                         const std::optional<std::string>& session_id);

}  // namespace accountd::handlers::eclipanel
