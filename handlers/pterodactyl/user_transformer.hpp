#pragma once
// Pterodactyl's two user shapes: the login/bootstrap `user` (Laravel model serialization) and
// AccountTransformer attributes (GET /api/client/account), keys in Pterodactyl's order.

#include <nlohmann/json.hpp>

#include "services/user.hpp"

namespace accountd::handlers::pterodactyl {

nlohmann::ordered_json login_user_json(const services::User& user);
nlohmann::ordered_json account_attributes(const services::User& user);

}  // namespace accountd::handlers::pterodactyl
