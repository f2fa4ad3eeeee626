#include "handlers/calagopus/user_json.hpp"

#include "handlers/common/time_format.hpp"

namespace accountd::handlers::calagopus {

nlohmann::ordered_json full_user_json(const services::User& user, const config::Config& config) {
    const bool require_2fa =
        config.require_2fa == config::TwoFactorRequirement::all ||
        (config.require_2fa == config::TwoFactorRequirement::admins && user.root_admin);
    return {
        {"uuid", user.uuid},
        {"username", user.username},
        {"role", nullptr},
        {"avatar", nullptr},
        {"email", user.email},
        {"name_first", user.name_first},
        {"name_last", user.name_last},
        {"admin", user.root_admin},
        {"frozen", false},
        {"suspended", user.suspended},
        {"totp_enabled", user.totp_enabled},
        {"totp_last_used", nullptr},
        {"require_two_factor", require_2fa},
        {"language", user.language},
        {"toast_position", user.toast_position},
        {"start_on_grouped_servers", user.start_on_grouped_servers},
        {"has_password", user.password_hash.has_value()},
        {"created", rfc3339_z(user.created_at)},
    };
}

}  // namespace accountd::handlers::calagopus
