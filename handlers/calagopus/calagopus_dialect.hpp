#pragma once
// Calagopus: `calagopus_session` cookie holding `<16 alphanumerics>:<64 hex>`, cookie writes
// checked by Origin, errors as {"errors":["message"]}.

#include "handlers/common/handler_deps.hpp"
#include "server/dialect_adapter.hpp"

namespace accountd::handlers::calagopus {

/// Length of a Calagopus session cookie value: 16 + ':' + 64.
inline constexpr std::size_t kSessionTokenLength = 81;

class CalagopusDialect final : public server::DialectAdapter {
  public:
    explicit CalagopusDialect(const HandlerDeps& deps) : deps_(deps) {}

    config::Dialect dialect() const override { return config::Dialect::calagopus; }
    std::optional<server::PresentedCredential> find_credential(
        const server::HttpRequest& request) const override;
    void check_cookie_write(const server::HttpRequest& request,
                            const server::Principal& caller) const override;
    server::ApiError translate(const services::ServiceError& error) const override;
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
