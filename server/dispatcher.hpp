#pragma once
// The one dispatch chain every request takes, read top to bottom:
//   dialect → limits → route → authenticate → authorize (CSRF, the key's scope, acting for
//   others) → account gates (suspension, required 2FA) → request budget → handler
// and the one place where exceptions, ApiError and services::ServiceError alike, become
// responses.

#include <array>
#include <optional>

#include "config/config.hpp"
#include "server/dialect_adapter.hpp"
#include "server/logger.hpp"
#include "server/rate_limiter.hpp"
#include "server/router.hpp"
#include "services/api_key_service.hpp"
#include "services/clock.hpp"
#include "services/session_service.hpp"

namespace accountd::server {

class Dispatcher {
  public:
    /// `api_keys` may be null (no API-key authentication then).
    Dispatcher(const config::Config& config, services::SessionService& sessions,
               services::ApiKeyService* api_keys, const Logger& log);

    /// Registers a dialect. Both objects must outlive the dispatcher.
    void add_dialect(const DialectAdapter& adapter, const Router& router);

    /// Counts authenticated requests of dialects that limit their client API against
    /// `per_minute` per user. Both objects must outlive the dispatcher.
    void set_client_rate_limit(RateLimiter& limiter, const services::Clock& clock,
                               std::uint32_t per_minute);

    /// Never throws: every failure becomes the dialect's error response.
    HttpResponse handle(const HttpRequest& request) const;

  private:
    struct Entry {
        const DialectAdapter* adapter = nullptr;
        const Router* router = nullptr;
    };
    const Entry& entry_for(const HttpRequest& request) const;
    HttpResponse answer(const Entry& entry, const HttpRequest& request) const;
    HttpResponse run_chain(const Entry& entry, const HttpRequest& request,
                           std::optional<RateDecision>& rate) const;
    void authenticate(const Entry& entry, const Route& route, RequestContext& ctx) const;
    void authenticate_key(const Entry& entry, const std::string& token, RequestContext& ctx) const;
    void authorize(const Entry& entry, const Route& route, RequestContext& ctx) const;
    void apply_account_gates(const Route& route, const Principal& caller) const;
    /// Counts the request against the dialect's per-address limit of the route, if any.
    void spend_address_limit(const Entry& entry, const Route& route, const std::string& client_ip,
                             std::optional<RateDecision>& rate) const;
    void spend_budget(const Entry& entry, const Principal& caller,
                      std::optional<RateDecision>& rate) const;

    const config::Config& config_;
    services::SessionService& sessions_;
    services::ApiKeyService* api_keys_;
    const Logger& log_;
    std::array<Entry, 3> dialects_{};
    RateLimiter* limiter_ = nullptr;
    const services::Clock* clock_ = nullptr;
    std::uint32_t per_minute_ = 0;
};

}  // namespace accountd::server
