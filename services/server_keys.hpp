#pragma once
// Purpose-bound keys derived from the one server master key (secrets.server_key), so that a key
// leaked from one use cannot forge another.

#include <string>

namespace accountd::services {

struct ServerKeys {
    std::string session_token;    ///< HMAC key for stored session-token digests
    std::string password_pepper;  ///< argon2id secret input
    std::string xsrf;             ///< Pterodactyl XSRF tokens bound to a session
    std::string jwt;              ///< EcliPanel HS256 session JWTs
    std::string csrf;             ///< EcliPanel csrfToken values bound to a session
    std::string totp_encryption;  ///< AES-256-GCM key for TOTP secrets at rest: sealing key id 0
                                  ///< (more, for rotation, come from the secrets file)
    std::string api_key;          ///< HMAC key for stored API-key digests
    std::string two_factor;       ///< HMAC key for recovery codes and pending sign-ins
};

ServerKeys derive_server_keys(const std::string& master_key);

}  // namespace accountd::services
