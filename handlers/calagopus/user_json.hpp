#pragma once
// Calagopus' FullUser shape (ApiFullUser), keys in Calagopus' order.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "config/config.hpp"
#include "services/clock.hpp"
#include "services/user.hpp"

namespace accountd::handlers::calagopus {

/// The URL of a stored avatar path: avatar.public_url, else server.public_url, then "/" + path.
std::string avatar_url(const config::Config& config, const std::string& path);

/// `totp_last_used`: when the last accepted two-factor code's time step began, if known.
nlohmann::ordered_json full_user_json(const services::User& user, const config::Config& config,
                                      std::optional<services::Timestamp> totp_last_used = {});

}  // namespace accountd::handlers::calagopus
