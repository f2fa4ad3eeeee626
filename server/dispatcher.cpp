#include "server/dispatcher.hpp"

#include <typeinfo>

#include "services/key_permissions.hpp"
#include "services/service_error.hpp"

namespace accountd::server {
namespace {

bool is_write(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::size_t index_of(config::Dialect d) {
    return static_cast<std::size_t>(d);
}

// Denials of access are worth an operator's attention; malformed requests and 404s are not.
bool is_access_denial(ErrorCode code) {
    switch (code) {
        case ErrorCode::credentials_malformed:
        case ErrorCode::session_invalid:
        case ErrorCode::token_invalid:
        case ErrorCode::csrf_mismatch:
        case ErrorCode::two_factor_required:
        case ErrorCode::account_suspended:
        case ErrorCode::forbidden:
            return true;
        default:
            return false;
    }
}

}  // namespace

Dispatcher::Dispatcher(const config::Config& config, services::SessionService& sessions,
                       services::ApiKeyService* api_keys, const Logger& log)
    : config_(config), sessions_(sessions), api_keys_(api_keys), log_(log) {}

void Dispatcher::add_dialect(const DialectAdapter& adapter, const Router& router) {
    dialects_[index_of(adapter.dialect())] = Entry{&adapter, &router};
}

const Dispatcher::Entry& Dispatcher::entry_for(const HttpRequest& request) const {
    auto dialect = config_.default_dialect;
    if (!request.dialect.empty()) {
        if (const auto parsed = config::parse_dialect(request.dialect)) {
            dialect = *parsed;
        } else {
            log_.warn("dispatch.unknown_dialect", {{"value", request.dialect.substr(0, 32)}});
        }
    }
    return dialects_[index_of(dialect)];
}

void Dispatcher::set_client_rate_limit(RateLimiter& limiter, const services::Clock& clock,
                                       std::uint32_t per_minute) {
    limiter_ = &limiter;
    clock_ = &clock;
    per_minute_ = per_minute;
}

HttpResponse Dispatcher::handle(const HttpRequest& request) const {
    const Entry& entry = entry_for(request);
    return entry.adapter->finish(answer(entry, request), request);
}

HttpResponse Dispatcher::answer(const Entry& entry, const HttpRequest& request) const {
    std::optional<RateDecision> rate;
    // Every answer below the rate limit carries the budget, errors included (as Laravel does).
    const auto with_budget = [&rate](HttpResponse response) {
        if (rate) {
            response.set_header("X-RateLimit-Limit", std::to_string(rate->limit));
            response.set_header("X-RateLimit-Remaining", std::to_string(rate->remaining));
            if (!rate->allowed)
                response.set_header("X-RateLimit-Reset", std::to_string(rate->reset_at));
        }
        return response;
    };
    const auto refuse = [&](const ApiError& e) {
        log_.log(is_access_denial(e.code()) ? LogLevel::info : LogLevel::debug, "request.refused",
                 {{"code", error_code_name(e.code())},
                  {"reason", e.what()},
                  {"path", request.path},
                  {"ip", request.remote_addr}});
        auto response = entry.adapter->render_error(e, request);
        if (e.retry_after > 0) response.set_header("Retry-After", std::to_string(e.retry_after));
        if (e.code() == ErrorCode::method_not_allowed) {
            std::string allow;
            for (const auto& m : e.allowed_methods)
                allow += (allow.empty() ? "" : ", ") + m;
            response.set_header("Allow", allow);
        }
        return with_budget(std::move(response));
    };
    try {
        return with_budget(run_chain(entry, request, rate));
    } catch (const ApiError& e) {
        return refuse(e);
    } catch (const services::ServiceError& e) {
        // The one place a service's refusal becomes an answer.
        return refuse(entry.adapter->translate(e));
    } catch (const services::StorageUnavailable& e) {
        // Its text is ours (operation and errno), never the driver's.
        log_.error("request.database_error", {{"detail", e.what()}, {"path", request.path}});
        return entry.adapter->render_error(ApiError(ErrorCode::service_unavailable), request);
    } catch (const std::exception& e) {
        // Unknown exception text may carry anything; log only its type.
        log_.error("request.internal_error", {{"type", typeid(e).name()}, {"path", request.path}});
        return entry.adapter->render_error(ApiError(ErrorCode::internal), request);
    }
}

HttpResponse Dispatcher::run_chain(const Entry& entry, const HttpRequest& request,
                                   std::optional<RateDecision>& rate) const {
    // 1. limits (the worker has not read a body larger than this)
    if (request.content_length_invalid) throw ApiError(ErrorCode::length_required);
    const std::size_t length = request.content_length.value_or(0);
    if (length > config_.largest_body_bytes()) throw ApiError(ErrorCode::payload_too_large);
    // Over the default limit, only a route that takes more (an upload) reads on; anything else,
    // an unknown path or method included, is 413 as before routing.
    if (length > config_.max_body_bytes) {
        const Route* upload = nullptr;
        try {
            upload = entry.router->match(request.method, request.path).route;
        } catch (const ApiError&) {
            upload = nullptr;
        }
        if (upload == nullptr || upload->max_body_bytes < length) {
            throw ApiError(ErrorCode::payload_too_large);
        }
    }
    // 2. route
    RouteMatch match = entry.router->match(request.method, request.path);
    RequestContext ctx{request, std::move(match.params), std::nullopt, request.remote_addr};
    const Route& route = *match.route;
    // 2b. the route's per-address limit, before any credential is looked at
    spend_address_limit(entry, route, ctx.client_ip, rate);
    if (route.auth != AuthRequirement::none) {
        // 3. authenticate
        if (route.auth_optional) {
            try {
                authenticate(entry, route, ctx);
            } catch (const ApiError& e) {
                // No live credential is no error here; a refused one (a key's allow-list, an
                // application key) still is.
                if (e.code() != ErrorCode::credentials_missing &&
                    e.code() != ErrorCode::credentials_malformed &&
                    e.code() != ErrorCode::session_invalid &&
                    e.code() != ErrorCode::token_invalid) {
                    throw;
                }
            }
        } else {
            authenticate(entry, route, ctx);
        }
        if (ctx.principal) {
            // 4. authorize, 5. account gates
            authorize(entry, route, ctx);
            apply_account_gates(route, *ctx.principal);
            // 6. the caller's request budget (per user, shared by every worker); routes a
            // caller may reach unauthenticated are not part of the client API
            if (!route.auth_optional) spend_budget(entry, *ctx.principal, rate);
        }
    }
    // 7. handler
    auto response = route.handler(ctx);
    if (ctx.principal && ctx.principal->session &&
        ctx.principal->source == CredentialSource::session_cookie) {
        entry.adapter->renew_session_cookie(ctx, response);
    }
    return response;
}

void Dispatcher::authenticate(const Entry& entry, const Route& route, RequestContext& ctx) const {
    const auto credential = entry.adapter->find_credential(ctx.request);
    if (!credential) throw ApiError(ErrorCode::credentials_missing);
    if (credential->source == CredentialSource::api_key) {
        // Sign-out and other browser-only routes know no key: as if no credential was sent.
        if (route.auth != AuthRequirement::session_or_key) {
            throw ApiError(ErrorCode::credentials_missing, "route needs a browser session");
        }
        authenticate_key(entry, credential->token, ctx);
        return;
    }
    auto resumed = sessions_.resume(credential->token, ctx.client_ip);
    const auto dialect = config::dialect_name(entry.adapter->dialect());
    // A token only works in the dialect that issued it: each has its own format and cookie.
    if (!resumed || resumed->session.dialect != dialect) {
        if (credential->key_fallback && route.auth == AuthRequirement::session_or_key) {
            authenticate_key(entry, *credential->key_fallback, ctx);
            return;
        }
        throw ApiError(ErrorCode::session_invalid, "no live session for token");
    }
    ctx.principal = Principal{std::move(resumed->user), std::move(resumed->session), std::nullopt,
                              credential->source};
}

void Dispatcher::authenticate_key(const Entry& entry, const std::string& token,
                                  RequestContext& ctx) const {
    const auto* format = entry.adapter->key_format();
    if (api_keys_ == nullptr || format == nullptr) {
        throw ApiError(ErrorCode::session_invalid, "no API keys here");
    }
    // The key service records a key refused for its allow-list.
    auto checked = api_keys_->authenticate(*format, token, ctx.client_ip);
    switch (checked.result) {
        case services::KeyCheck::invalid: {
            ApiError error(ErrorCode::session_invalid, "unknown, wrong or expired API key");
            error.subject = kApiKeySubject;  // a dialect may word a key apart from a session
            throw error;
        }
        case services::KeyCheck::application_key:
            throw ApiError(ErrorCode::application_key, "application key on the client API");
        case services::KeyCheck::ip_not_allowed: {
            ApiError error(ErrorCode::ip_not_allowed, "client address not on the key's list");
            error.subject = ctx.client_ip;
            throw error;
        }
        case services::KeyCheck::ok:
            break;
    }
    ctx.principal = Principal{std::move(checked.key->owner), std::nullopt,
                              std::move(checked.key->key), CredentialSource::api_key};
}

void Dispatcher::authorize(const Entry& entry, const Route& route, RequestContext& ctx) const {
    const Principal& caller = *ctx.principal;
    // A cookie is sent by the browser whoever asks: a write must prove it comes from our page.
    if (caller.source == CredentialSource::session_cookie &&
        (is_write(ctx.request.method) || route.csrf_on_get)) {
        entry.adapter->check_cookie_write(ctx.request, caller);
    }
    // A key reaches only what its permission list grants, read in the dialect's vocabulary
    // (a key of another dialect has its list asked in translation, never wider).
    const auto vocabulary = entry.adapter->permission_vocabulary();
    if (caller.api_key && !route.key_permission.empty() &&
        !services::key_grants(*caller.api_key, vocabulary, route.key_permission)) {
        ApiError error(ErrorCode::forbidden, "key lacks the route's permission");
        error.subject = route.key_permission;
        throw error;
    }
    // Root admins act for others; through a key only when the key allows it (an EcliPanel
    // admin key, or a list granting the permission).
    if (!route.others_permission.empty() && caller.user.root_admin) {
        ctx.acts_for_others =
            !caller.api_key ||
            services::key_acts_for_others(*caller.api_key, vocabulary, route.others_permission);
    }
}

void Dispatcher::apply_account_gates(const Route& route, const Principal& caller) const {
    // A key is for automation, and a suspension stops all of it; a browser keeps what the
    // route's exemption allows (signing out, reading the account where the panel permits).
    if (caller.user.suspended && (caller.api_key || route.gates != Gates::none)) {
        throw ApiError(ErrorCode::account_suspended);
    }
    if (route.gates != Gates::all) return;
    const auto rule = config_.require_2fa;
    const bool needs_2fa = rule == config::TwoFactorRequirement::all ||
                           (rule == config::TwoFactorRequirement::admins && caller.user.root_admin);
    if (needs_2fa && !caller.user.totp_enabled) throw ApiError(ErrorCode::two_factor_required);
}

void Dispatcher::spend_address_limit(const Entry& entry, const Route& route,
                                     const std::string& client_ip,
                                     std::optional<RateDecision>& rate) const {
    if (limiter_ == nullptr) return;
    const auto limit = entry.adapter->address_limit(route);
    if (!limit || limit->window.hits == 0) return;
    std::string name = "addr:";
    name += limit->id;
    name += '|';
    name += client_ip;
    rate = limiter_->hit(name, clock_->now().time_since_epoch().count(), limit->window.hits,
                         limit->window.window_seconds);
    if (!rate->allowed) {
        ApiError error(ErrorCode::rate_limited, "address limit spent");
        error.retry_after = static_cast<int>(rate->retry_after);
        throw error;
    }
}

void Dispatcher::spend_budget(const Entry& entry, const Principal& caller,
                              std::optional<RateDecision>& rate) const {
    if (limiter_ == nullptr || per_minute_ == 0 || !entry.adapter->limits_client_api()) return;
    std::string name = "user:";
    name += std::to_string(caller.user.id);
    rate = limiter_->hit(name, clock_->now().time_since_epoch().count(), per_minute_, 60);
    if (!rate->allowed) {
        ApiError error(ErrorCode::rate_limited, "client API budget spent");
        error.retry_after = static_cast<int>(rate->retry_after);
        throw error;
    }
}

}  // namespace accountd::server
