#pragma once
// A browser session: one row per sign-in. Only an HMAC of its token is stored.

#include <cstdint>
#include <string>

#include "services/clock.hpp"

namespace accountd::services {

struct Session {
    std::uint64_t id = 0;
    std::string public_id;  ///< UUID v4, safe to show (EcliPanel sessionId, Calagopus uuid)
    std::uint64_t user_id = 0;
    std::string dialect;  ///< the dialect that issued it; its token format only works there
    std::string ip;
    std::string user_agent;
    /// When the sign-in completed (password and, with two-factor, the checkpoint): a session is
    /// only ever started by a completed sign-in and never renewed, so this is also when it
    /// last proved its factors (two-factor's fresh sign-in rule reads it).
    Timestamp created_at{};
    Timestamp last_used_at{};
    Timestamp expires_at{};  ///< absolute limit; the idle limit is checked against last_used_at
};

}  // namespace accountd::services
