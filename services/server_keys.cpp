#include "services/server_keys.hpp"

#include "crypto/hash.hpp"

namespace accountd::services {

ServerKeys derive_server_keys(const std::string& master_key) {
    ServerKeys keys;
    keys.session_token = crypto::derive_key(master_key, "session-token");
    keys.password_pepper = crypto::derive_key(master_key, "password-pepper");
    keys.xsrf = crypto::derive_key(master_key, "pterodactyl-xsrf");
    keys.jwt = crypto::derive_key(master_key, "eclipanel-jwt");
    keys.csrf = crypto::derive_key(master_key, "eclipanel-csrf");
    keys.totp_encryption = crypto::derive_key(master_key, "totp-encryption");
    keys.api_key = crypto::derive_key(master_key, "api-key");
    keys.two_factor = crypto::derive_key(master_key, "two-factor");
    return keys;
}

}  // namespace accountd::services
