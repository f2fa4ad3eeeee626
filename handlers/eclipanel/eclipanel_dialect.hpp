#pragma once
// EcliPanel: a `token` cookie (or `Authorization: Bearer`) holding an HS256 JWT that names a
// revocable session row, or an API key (`Authorization: ApiKey`, `X-Api-Key`, or a Bearer or
// bare value that is no JWT of ours); cookie writes checked by Origin, errors as
// {"error":"message"}.

#include "handlers/common/handler_deps.hpp"
#include "server/dialect_adapter.hpp"

namespace accountd::handlers::eclipanel {

class EclipanelDialect final : public server::DialectAdapter {
  public:
    explicit EclipanelDialect(const HandlerDeps& deps) : deps_(deps) {}

    config::Dialect dialect() const override { return config::Dialect::eclipanel; }
    std::optional<server::PresentedCredential> find_credential(
        const server::HttpRequest& request) const override;
    /// 64 lowercase hex characters; Pterodactyl and Calagopus keys of the account work too.
    const services::ApiKeyFormat* key_format() const override;
    services::PermissionVocabulary permission_vocabulary() const override {
        return services::PermissionVocabulary::eclipanel;
    }
    void check_cookie_write(const server::HttpRequest& request,
                            const server::Principal& caller) const override;
    /// Sign-ins per client address (ratelimit.eclipanel_login).
    std::optional<server::AddressLimit> address_limit(const server::Route& route) const override;
    server::HttpResponse render_error(const server::ApiError& error,
                                      const server::HttpRequest& request) const override;

  private:
    const HandlerDeps& deps_;
};

}  // namespace accountd::handlers::eclipanel
