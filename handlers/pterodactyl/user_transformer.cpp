#include "handlers/pterodactyl/user_transformer.hpp"

#include "handlers/common/time_format.hpp"

namespace accountd::handlers::pterodactyl {

nlohmann::ordered_json login_user_json(const services::User& user) {
    return {
        {"uuid", user.uuid},
        {"username", user.username},
        {"email", user.email},
        {"name_first", user.name_first},
        {"name_last", user.name_last},
        {"language", user.language},
        {"root_admin", user.root_admin},
        {"use_totp", user.totp_enabled},
        {"gravatar", true},
        {"created_at", iso8601_micro_z(user.created_at)},
        {"updated_at", iso8601_micro_z(user.updated_at)},
    };
}

nlohmann::ordered_json account_attributes(const services::User& user) {
    return {
        {"id", user.id},
        {"admin", user.root_admin},
        {"username", user.username},
        {"email", user.email},
        {"first_name", user.name_first},
        {"last_name", user.name_last},
        {"language", user.language},
    };
}

}  // namespace accountd::handlers::pterodactyl
