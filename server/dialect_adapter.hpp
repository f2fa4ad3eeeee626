#pragma once
// A dialect is a thin adapter: how callers present credentials, how cookie writes are protected
// against CSRF, and how errors look. Its routes are registered by the handler files of that
// dialect. Services underneath are shared.

#include <optional>
#include <string>

#include "config/config.hpp"
#include "server/api_error.hpp"
#include "server/http_request.hpp"
#include "server/http_response.hpp"
#include "server/request_context.hpp"
#include "server/router.hpp"
#include "services/api_key_format.hpp"
#include "services/key_permissions.hpp"

namespace accountd::server {

struct PresentedCredential {
    CredentialSource source;
    std::string token;
    /// A Bearer key sent alongside a session cookie: tried when the session turns out dead, as
    /// Pterodactyl (Sanctum) falls back from the session guard to the token.
    std::optional<std::string> key_fallback;
};

/// A per-client-address request limit counted under `id`, before authentication.
struct AddressLimit {
    std::string id;
    config::RateWindow window;
};

class DialectAdapter {
  public:
    virtual ~DialectAdapter() = default;

    virtual config::Dialect dialect() const = 0;

    /// The session credential the request carries, nullopt when it carries none. Throws
    /// ApiError credentials_malformed when one is present but cannot be ours, or token_invalid
    /// when the dialect can tell a token we never issued (EcliPanel: a JWT not signed by us).
    virtual std::optional<PresentedCredential> find_credential(
        const HttpRequest& request) const = 0;

    /// Throws ApiError csrf_mismatch unless a cookie-authenticated write is proven same-site.
    virtual void check_cookie_write(const HttpRequest& request, const Principal& caller) const = 0;

    /// How this dialect's API keys look; nullptr while the dialect has none (every key is then
    /// refused as an unknown credential).
    virtual const services::ApiKeyFormat* key_format() const { return nullptr; }

    /// How this dialect's routes name the permissions a key needs (Route::key_permission,
    /// Route::others_permission): Calagopus' user registry unless the dialect has its own.
    virtual services::PermissionVocabulary permission_vocabulary() const {
        return services::PermissionVocabulary::calagopus;
    }

    /// The per-address limit a request to `route` counts against (Calagopus' §1.7 limits),
    /// nullopt for none.
    virtual std::optional<AddressLimit> address_limit(const Route& /*route*/) const {
        return std::nullopt;
    }

    /// Whether authenticated requests count against the per-user client-API budget.
    virtual bool limits_client_api() const { return false; }

    /// The API error a service's refusal becomes in this dialect: api_error_of(error) unless
    /// the dialect answers a refusal as another kind of error (Calagopus: a taken value is 409).
    virtual ApiError translate(const services::ServiceError& error) const {
        return api_error_of(error);
    }

    /// Called with the handler's answer to a request a session cookie authenticated: a dialect
    /// whose clients expect a rolling cookie sends it again here (Calagopus).
    virtual void renew_session_cookie(const RequestContext& /*ctx*/,
                                      HttpResponse& /*response*/) const {}

    /// The dialect's status code and envelope for `error`.
    virtual HttpResponse render_error(const ApiError& error, const HttpRequest& request) const = 0;

    /// Last step of every answer, success or error: what the panel's own response layer adds
    /// (Calagopus: ETag, 304 on a matching If-None-Match, Vary). Unchanged by default.
    virtual HttpResponse finish(HttpResponse response, const HttpRequest& /*request*/) const {
        return response;
    }
};

}  // namespace accountd::server
