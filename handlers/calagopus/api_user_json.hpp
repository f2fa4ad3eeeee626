#pragma once
// Calagopus' short User shape (ApiUser, §4): what the sign-in answers before the second factor.

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "services/user.hpp"

namespace accountd::handlers::calagopus {

nlohmann::ordered_json api_user_json(const services::User& user, const config::Config& config);

}  // namespace accountd::handlers::calagopus
