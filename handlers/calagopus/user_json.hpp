#pragma once
// Calagopus' FullUser shape (ApiFullUser), keys in Calagopus' order.

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "services/user.hpp"

namespace accountd::handlers::calagopus {

nlohmann::ordered_json full_user_json(const services::User& user, const config::Config& config);

}  // namespace accountd::handlers::calagopus
