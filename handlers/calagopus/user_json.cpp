#include "handlers/calagopus/user_json.hpp"

#include "handlers/common/time_format.hpp"

namespace accountd::handlers::calagopus {

std::string avatar_url(const config::Config& config, const std::string& path) {
    const auto& base =
        config.avatar_public_url.empty() ? config.public_url : config.avatar_public_url;
    return base + "/" + path;
}

nlohmann::ordered_json full_user_json(const services::User& user, const config::Config& config,
                                      std::optional<services::Timestamp> totp_last_used) {
    const bool require_2fa =
        config.require_2fa == config::TwoFactorRequirement::all ||
        (config.require_2fa == config::TwoFactorRequirement::admins && user.root_admin);
    return {
        {"uuid", user.uuid},
        {"username", user.username},
        {"role", nullptr},
        {"avatar", user.avatar ? nlohmann::ordered_json(avatar_url(config, *user.avatar))
                               : nlohmann::ordered_json(nullptr)},
        {"email", user.email},
        {"name_first", user.name_first},
        {"name_last", user.name_last},
        {"admin", user.root_admin},
        {"frozen", false},
        {"suspended", user.suspended},
        {"totp_enabled", user.totp_enabled},
        {"totp_last_used", totp_last_used ? nlohmann::ordered_json(rfc3339_z(*totp_last_used))
                                          : nlohmann::ordered_json(nullptr)},
        {"require_two_factor", require_2fa},
        {"language", user.language},
        {"toast_position", user.toast_position},
        {"start_on_grouped_servers", user.start_on_grouped_servers},
        {"has_password", user.password_hash.has_value()},
        {"created", rfc3339_z(user.created_at)},
    };
}

}  // namespace accountd::handlers::calagopus
