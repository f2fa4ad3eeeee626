#include "handlers/calagopus/api_user_json.hpp"

#include "handlers/calagopus/user_json.hpp"
#include "handlers/common/time_format.hpp"

namespace accountd::handlers::calagopus {

nlohmann::ordered_json api_user_json(const services::User& user, const config::Config& config) {
    return {
        {"uuid", user.uuid},
        {"username", user.username},
        {"avatar", user.avatar ? nlohmann::ordered_json(avatar_url(config, *user.avatar))
                               : nlohmann::ordered_json(nullptr)},
        {"totp_enabled", user.totp_enabled},
        {"created", rfc3339_z(user.created_at)},
    };
}

}  // namespace accountd::handlers::calagopus
