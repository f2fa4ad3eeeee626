#pragma once
// The account record shared by all three dialects (the superset of their profile fields).

#include <cstdint>
#include <optional>
#include <string>

#include "services/clock.hpp"

namespace accountd::services {

struct User {
    std::uint64_t id = 0;
    std::string uuid;
    std::string username;
    std::string email;
    std::string name_first;
    std::string name_last;
    std::optional<std::string> password_hash;  ///< never serialized; null = no password login
    bool root_admin = false;
    std::optional<std::string> role;  ///< EcliPanel role name ("*", "rootAdmin", ...)
    std::string language = "en";
    std::string toast_position = "bottom_right";
    bool start_on_grouped_servers = false;
    std::string portal_type = "free";
    bool email_verified = false;
    bool suspended = false;
    bool totp_enabled = false;
    /// Path of the avatar under the avatar directory (avatars/<uuid>/<name>.webp); null: none.
    std::optional<std::string> avatar;
    Timestamp created_at{};
    Timestamp updated_at{};
};

/// Profile fields a user changes on their own account; an absent field stays as it is.
struct ProfileChanges {
    std::optional<std::string> username;
    std::optional<std::string> name_first;
    std::optional<std::string> name_last;
    std::optional<std::string> language;
    std::optional<std::string> toast_position;
    std::optional<bool> start_on_grouped_servers;
};

/// Account state only an administrator sets (EcliPanel's admin fields); an absent field stays.
struct AccountStateChanges {
    std::optional<std::string> portal_type;
    std::optional<bool> email_verified;
    std::optional<bool> suspended;
    /// Set: the new role, or nullopt inside to clear it.
    std::optional<std::optional<std::string>> role;
};

struct NewUser {
    std::string username;
    std::string email;
    std::string name_first;
    std::string name_last;
    std::string password;  ///< plaintext, hashed by UserService before it reaches a repository
    bool root_admin = false;
};

}  // namespace accountd::services
