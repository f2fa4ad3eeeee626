#pragma once
// Pterodactyl: `pterodactyl_session` cookie plus the XSRF-TOKEN cookie / X-XSRF-TOKEN header
// pair (bound to the session), and errors as {"errors":[{"code","status","detail"}]}.

#include "handlers/common/handler_deps.hpp"
#include "server/dialect_adapter.hpp"

namespace accountd::handlers::pterodactyl {

inline constexpr const char* kXsrfCookie = "XSRF-TOKEN";

/// The XSRF token of a session: an HMAC of its public id, so nothing extra is stored and it
/// dies with the session.
std::string xsrf_token_for(const services::ServerKeys& keys, const services::Session& session);

/// A visitor's session cookie before sign-in: 40 alphanumerics, like a Laravel session id, and
/// shorter than a session token (48), so the two are never confused.
inline constexpr std::size_t kGuestTokenLength = 40;
bool is_guest_token(std::string_view token);
/// The XSRF token of a guest session cookie: an HMAC of it, in its own domain.
std::string guest_xsrf_token_for(const services::ServerKeys& keys, std::string_view guest_token);

class PterodactylDialect final : public server::DialectAdapter {
  public:
    explicit PterodactylDialect(const HandlerDeps& deps) : deps_(deps) {}

    config::Dialect dialect() const override { return config::Dialect::pterodactyl; }
    bool limits_client_api() const override { return true; }
    const services::ApiKeyFormat* key_format() const override {
        return &services::pterodactyl_key_format();
    }
    std::optional<server::PresentedCredential> find_credential(
        const server::HttpRequest& request) const override;
    /// Throws ApiError csrf_mismatch unless the request's X-XSRF-TOKEN (or X-CSRF-TOKEN) header
    /// is the session's token, compared in constant time.
    void check_cookie_write(const server::HttpRequest& request,
                            const server::Principal& caller) const override;
    server::HttpResponse render_error(const server::ApiError& error,
                                      const server::HttpRequest& request) const override;

  private:
    const HandlerDeps& deps_;
};

}  // namespace accountd::handlers::pterodactyl
