#pragma once
// What a handler receives: the request, path parameters, and who is calling (after the dispatch
// chain authenticated them).

#include <map>
#include <optional>
#include <string>

#include "server/http_request.hpp"
#include "services/api_key.hpp"
#include "services/session_repository.hpp"

namespace accountd::server {

enum class CredentialSource { session_cookie, session_bearer, api_key };

struct Principal {
    services::User user;
    std::optional<services::Session> session;  ///< set for browser sessions
    std::optional<services::ApiKey> api_key;   ///< set when an API key authenticated
    CredentialSource source = CredentialSource::session_cookie;
};

struct RequestContext {
    const HttpRequest& request;
    std::map<std::string, std::string> params;  ///< path parameters, e.g. {"id": "42"}
    std::optional<Principal> principal;
    std::string client_ip;

    /// Set by the dispatch chain when the route's others_permission is held by the caller.
    bool acts_for_others = false;

    /// The authenticated caller; the dispatch chain guarantees it for routes that require auth.
    const Principal& caller() const { return *principal; }
    /// Whether the caller may act on `user_id`'s resources: their own, or anyone's with the
    /// route's others_permission.
    bool may_act_for(std::uint64_t user_id) const {
        return principal && (principal->user.id == user_id || acts_for_others);
    }
};

}  // namespace accountd::server
