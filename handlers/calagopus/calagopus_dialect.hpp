#pragma once
// Calagopus: `calagopus_session` cookie holding `<16 alphanumerics>:<64 hex>`, or
// `Authorization: Bearer <48-character key>` (its own c7sp_ keys and the account's Pterodactyl
// keys); cookie writes checked by Origin, errors as {"errors":["message"]}.

#include <string_view>

#include "handlers/common/handler_deps.hpp"
#include "server/dialect_adapter.hpp"

namespace accountd::handlers::calagopus {

/// Length of a Calagopus session cookie value: 16 + ':' + 64.
inline constexpr std::size_t kSessionTokenLength = 81;
/// An API key's length, and the header's literal, case-sensitive prefix.
inline constexpr std::size_t kApiKeyLength = 48;
/// The account's EcliPanel keys, also accepted here.
inline constexpr std::size_t kEclipanelKeyLength = 64;
inline constexpr std::string_view kBearerPrefix = "Bearer ";

class CalagopusDialect final : public server::DialectAdapter {
  public:
    explicit CalagopusDialect(const HandlerDeps& deps) : deps_(deps) {}

    config::Dialect dialect() const override { return config::Dialect::calagopus; }
    std::optional<server::PresentedCredential> find_credential(
        const server::HttpRequest& request) const override;
    void check_cookie_write(const server::HttpRequest& request,
                            const server::Principal& caller) const override;
    const services::ApiKeyFormat* key_format() const override {
        return &services::calagopus_key_format();
    }
    server::ApiError translate(const services::ServiceError& error) const override;
    /// §1.7: every /api/client request by address before authentication, and the sign-in,
    /// checkpoint and registration routes each by address.
    std::optional<server::AddressLimit> address_limit(const server::Route& route) const override;
    /// The rolling cookie (§8): the same token with a fresh Expires, unless the handler set
    /// the cookie itself (sign-out).
    void renew_session_cookie(const server::RequestContext& ctx,
                              server::HttpResponse& response) const override;
    server::HttpResponse render_error(const server::ApiError& error,
                                      const server::HttpRequest& request) const override;
    /// Calagopus' response layer (reference §1.3): `Vary: Accept` on every answer; every
    /// non-text/plain answer gets `ETag: <hex SHA-256 of the body>`, and a request whose
    /// If-None-Match equals it gets 304 with an empty body.
    server::HttpResponse finish(server::HttpResponse response,
                                const server::HttpRequest& request) const override;

  private:
    const HandlerDeps& deps_;
};

}  // namespace accountd::handlers::calagopus
