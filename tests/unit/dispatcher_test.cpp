#include <boost/test/unit_test.hpp>

#include <fcntl.h>
#include <unistd.h>

#include "crypto/encoding.hpp"
#include "db/database.hpp"
#include "server/dispatcher.hpp"
#include "support/in_memory_repositories.hpp"
#include "test_support.hpp"

using namespace accountd;
using server::ErrorCode;

namespace {

// Renders every error as {"code": "<id>"} and takes the session token from cookie "sid" (or a
// Bearer header) and an API key (Pterodactyl's format) from header "x-key", so the tests see
// exactly which step of the chain answered.
class FakeAdapter final : public server::DialectAdapter {
  public:
    explicit FakeAdapter(config::Dialect d) : dialect_(d) {}
    config::Dialect dialect() const override { return dialect_; }
    std::optional<server::PresentedCredential> find_credential(
        const server::HttpRequest& r) const override {
        if (const auto key = r.header("x-key"); !key.empty()) {
            return server::PresentedCredential{server::CredentialSource::api_key, std::string(key),
                                               std::nullopt};
        }
        // A token of the dialect's form that we never issued (EcliPanel: a badly signed JWT).
        if (!r.header("x-forged").empty()) throw server::ApiError(ErrorCode::token_invalid);
        if (auto sid = r.cookie("sid"))
            return server::PresentedCredential{server::CredentialSource::session_cookie, *sid,
                                               std::nullopt};
        const auto auth = r.header("authorization");
        if (auth.starts_with("Bearer ")) {
            return server::PresentedCredential{server::CredentialSource::session_bearer,
                                               std::string(auth.substr(7)), std::nullopt};
        }
        return std::nullopt;
    }
    const services::ApiKeyFormat* key_format() const override {
        return &services::pterodactyl_key_format();
    }
    void check_cookie_write(const server::HttpRequest& r, const server::Principal&) const override {
        if (r.header("x-same-site").empty()) throw server::ApiError(ErrorCode::csrf_mismatch);
    }
    // Calagopus-like: a taken value is a conflict, not a field error.
    server::ApiError translate(const services::ServiceError& e) const override {
        if (dialect_ == config::Dialect::calagopus &&
            e.kind() == services::ServiceError::Kind::invalid_fields &&
            e.violations().front().rule == services::Rule::unique) {
            return server::ApiError(ErrorCode::conflict);
        }
        return server::api_error_of(e);
    }
    // Calagopus-like: "/limited" is counted per address, and cookie callers get a header that
    // stands for the rolling cookie.
    std::optional<server::AddressLimit> address_limit(const server::Route& route) const override {
        if (dialect_ != config::Dialect::calagopus || route.pattern != "/limited")
            return std::nullopt;
        return server::AddressLimit{"limited", config::RateWindow{2, 60}};
    }
    void renew_session_cookie(const server::RequestContext&,
                              server::HttpResponse& response) const override {
        response.set_header("X-Renewed", "yes");
    }
    server::HttpResponse render_error(const server::ApiError& e,
                                      const server::HttpRequest&) const override {
        return server::HttpResponse::json(499, {{"code", server::error_code_name(e.code())},
                                                {"dialect", config::dialect_name(dialect_)}});
    }

  private:
    config::Dialect dialect_;
};

struct Fixture {
    config::Config config;
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryUsers users;
    testing::InMemorySessions repo{users};
    services::SessionService sessions{repo, clock, random, std::string(32, 'k'),
                                      services::SessionPolicy{}};
    int null_fd = ::open("/dev/null", O_WRONLY);
    server::Logger log{server::LogLevel::debug, null_fd};
    FakeAdapter ptero{config::Dialect::pterodactyl};
    FakeAdapter cala{config::Dialect::calagopus};
    FakeAdapter ecli{config::Dialect::eclipanel};
    server::Router ptero_routes, cala_routes, ecli_routes;
    testing::InMemoryApiKeys key_repo{users};
    testing::InMemoryActivity activity_repo{users};
    services::ActivityService activity{activity_repo, clock};
    services::ApiKeyService api_keys{key_repo, activity, random, clock, std::string(32, 'h'), 60};
    server::Dispatcher dispatcher{config, sessions, &api_keys, log};
    services::User user;
    int handler_calls = 0;
    bool saw_principal = false;
    bool may_act_for_other = false;

    Fixture() {
        const auto ok = [this](server::RequestContext&) {
            ++handler_calls;
            return server::HttpResponse::json(200, {{"ok", true}});
        };
        for (auto* r : {&ptero_routes, &cala_routes, &ecli_routes}) {
            r->add({"GET", "/open", server::AuthRequirement::none, server::Gates::all, ok});
            r->add({.method = "GET",
                    .pattern = "/account",
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::none,
                    .handler = ok,
                    .gate_exemption = "test"});
            r->add({.method = "GET",
                    .pattern = "/account-by-key",
                    .auth = server::AuthRequirement::session_or_key,
                    .gates = server::Gates::none,
                    .handler = ok,
                    .gate_exemption = "test"});
            r->add({"GET", "/gated", server::AuthRequirement::session, server::Gates::all, ok});
            r->add({.method = "POST",
                    .pattern = "/write",
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::none,
                    .handler = ok,
                    .gate_exemption = "test"});
            r->add({.method = "GET",
                    .pattern = "/enrol",
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::except_two_factor,
                    .handler = ok,
                    .gate_exemption = "test"});
            r->add({"GET", "/limited", server::AuthRequirement::none, server::Gates::all, ok});
            r->add({"GET", "/boom", server::AuthRequirement::none, server::Gates::all,
                    [](server::RequestContext&) -> server::HttpResponse {
                        throw std::runtime_error("secret detail");
                    }});
            r->add({"GET", "/db-down", server::AuthRequirement::none, server::Gates::all,
                    [](server::RequestContext&) -> server::HttpResponse {
                        throw db::DatabaseError("x", 2002);
                    }});
            r->add({"GET", "/taken", server::AuthRequirement::none, server::Gates::all,
                    [](server::RequestContext&) -> server::HttpResponse {
                        throw services::ServiceError::invalid("email", services::Rule::unique);
                    }});
            r->add({"GET", "/throttled", server::AuthRequirement::none, server::Gates::all,
                    [](server::RequestContext&) -> server::HttpResponse {
                        throw services::ServiceError::throttled(42);
                    }});
            const auto observe = [this](server::RequestContext& ctx) {
                ++handler_calls;
                saw_principal = ctx.principal.has_value();
                may_act_for_other = ctx.may_act_for(user.id + 1000);
                return server::HttpResponse::json(200, {{"ok", true}});
            };
            r->add({.method = "GET",
                    .pattern = "/maybe",
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::none,
                    .handler = observe,
                    .auth_optional = true,
                    .gate_exemption = "test"});
            r->add({.method = "GET",
                    .pattern = "/rotate",
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::none,
                    .handler = observe,
                    .csrf_on_get = true,
                    .gate_exemption = "test"});
            r->add({.method = "GET",
                    .pattern = "/others",
                    .auth = server::AuthRequirement::session,
                    .gates = server::Gates::none,
                    .handler = observe,
                    .others_permission = "admin:access",
                    .gate_exemption = "test"});
            r->add({.method = "GET",
                    .pattern = "/keyed",
                    .auth = server::AuthRequirement::session_or_key,
                    .gates = server::Gates::none,
                    .handler = ok,
                    .key_permission = "account.read",
                    .gate_exemption = "test"});
            r->add({.method = "GET",
                    .pattern = "/others-by-key",
                    .auth = server::AuthRequirement::session_or_key,
                    .gates = server::Gates::none,
                    .handler = observe,
                    .others_permission = "admin:access",
                    .gate_exemption = "test"});
        }
        dispatcher.add_dialect(ptero, ptero_routes);
        dispatcher.add_dialect(cala, cala_routes);
        dispatcher.add_dialect(ecli, ecli_routes);
        services::User u;
        u.username = "alice";
        u.email = "a@example.com";
        user = u;
        user.id = users.insert(u);
    }
    ~Fixture() { ::close(null_fd); }

    std::string login(const std::string& dialect = "pterodactyl") {
        return sessions
            .start(user, dialect, "ip", "ua",
                   [](const services::Session&, crypto::RandomSource& r) {
                       return crypto::to_hex(r.bytes(32));
                   })
            .token;
    }

    /// A Pterodactyl key of the user's, limited to `permissions` (nullopt: the whole account).
    std::string key(std::optional<std::vector<std::string>> permissions = std::nullopt) {
        return api_keys
            .create(services::pterodactyl_key_format(), user.id,
                    services::NewApiKey{"test", {}, std::move(permissions)})
            .token();
    }

    server::HttpResponse send(const std::string& method, const std::string& path,
                              std::map<std::string, std::string> headers = {},
                              const std::string& dialect = "") {
        server::HttpRequest request;
        request.method = method;
        request.path = path;
        request.dialect = dialect;
        request.headers = std::move(headers);
        request.remote_addr = request.header("x-addr").empty()
                                  ? std::string("192.0.2.1")
                                  : std::string(request.header("x-addr"));
        request.cookies = server::parse_cookie_header(request.header("cookie"));
        return dispatcher.handle(request);
    }

    static std::string code(const server::HttpResponse& r) {
        return nlohmann::json::parse(r.body).value("code", "");
    }
};

std::string header_of(const server::HttpResponse& r, const std::string& name) {
    for (const auto& [n, v] : r.headers) {
        if (n == name) return v;
    }
    return {};
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(dispatcher, Fixture)

BOOST_AUTO_TEST_CASE(the_dialect_parameter_picks_the_adapter_and_unknown_values_fall_back) {
    BOOST_TEST(nlohmann::json::parse(send("GET", "/nope", {}, "calagopus").body)["dialect"] ==
               "calagopus");
    BOOST_TEST(nlohmann::json::parse(send("GET", "/nope", {}, "pelican").body)["dialect"] ==
               "pterodactyl");
    BOOST_TEST(nlohmann::json::parse(send("GET", "/nope").body)["dialect"] == "pterodactyl");
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_refused_before_routing) {
    server::HttpRequest request;
    request.method = "POST";
    request.path = "/write";
    request.content_length = config.max_body_bytes + 1;
    BOOST_TEST(code(dispatcher.handle(request)) == "payload_too_large");
    request.content_length.reset();
    request.content_length_invalid = true;
    BOOST_TEST(code(dispatcher.handle(request)) == "length_required");
    BOOST_TEST(handler_calls == 0);
}

BOOST_AUTO_TEST_CASE(a_wrong_method_answers_with_an_allow_header) {
    const auto r = send("DELETE", "/account");
    BOOST_TEST(code(r) == "method_not_allowed");
    BOOST_TEST(r.serialize().find("Allow: GET, HEAD\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(authenticated_routes_need_a_live_session_of_the_same_dialect) {
    BOOST_TEST(code(send("GET", "/account")) == "credentials_missing");
    BOOST_TEST(code(send("GET", "/account", {{"cookie", "sid=unknown"}})) == "session_invalid");
    BOOST_TEST(code(send("GET", "/account", {{"cookie", "sid=" + login("calagopus")}})) ==
               "session_invalid");
    BOOST_TEST(send("GET", "/account", {{"cookie", "sid=" + login()}}).status == 200);
    BOOST_TEST(handler_calls == 1);
}

BOOST_AUTO_TEST_CASE(cookie_writes_are_checked_for_csrf_but_bearer_writes_are_not) {
    const auto token = login();
    BOOST_TEST(code(send("POST", "/write", {{"cookie", "sid=" + token}})) == "csrf_mismatch");
    BOOST_TEST(send("POST", "/write", {{"cookie", "sid=" + token}, {"x-same-site", "1"}}).status ==
               200);
    BOOST_TEST(send("POST", "/write", {{"authorization", "Bearer " + token}}).status == 200);
}

BOOST_AUTO_TEST_CASE(a_suspended_account_only_reads_its_account_and_signs_out) {
    const auto token = login();
    users.rows.at(user.id).suspended = true;
    BOOST_TEST(code(send("GET", "/gated", {{"cookie", "sid=" + token}})) == "account_suspended");
    BOOST_TEST(code(send("GET", "/enrol", {{"cookie", "sid=" + token}})) == "account_suspended");
    BOOST_TEST(send("GET", "/account", {{"cookie", "sid=" + token}}).status == 200);
}

BOOST_AUTO_TEST_CASE(a_suspended_accounts_api_key_is_refused_even_where_sessions_pass) {
    const auto token = key();
    BOOST_TEST(send("GET", "/account-by-key", {{"x-key", token}}).status == 200);
    users.rows.at(user.id).suspended = true;
    BOOST_TEST(code(send("GET", "/account-by-key", {{"x-key", token}})) == "account_suspended");
    BOOST_TEST(code(send("GET", "/keyed", {{"x-key", token}})) == "account_suspended");
    BOOST_TEST(send("GET", "/account-by-key", {{"cookie", "sid=" + login()}}).status == 200);
    BOOST_TEST(handler_calls == 2);
}

BOOST_AUTO_TEST_CASE(required_two_factor_follows_the_configured_rule) {
    const auto token = login();
    config.require_2fa = config::TwoFactorRequirement::admins;
    BOOST_TEST(send("GET", "/gated", {{"cookie", "sid=" + token}}).status == 200);
    users.rows.at(user.id).root_admin = true;
    BOOST_TEST(code(send("GET", "/gated", {{"cookie", "sid=" + token}})) == "two_factor_required");
    BOOST_TEST(send("GET", "/account", {{"cookie", "sid=" + token}}).status == 200);
    BOOST_TEST(send("GET", "/enrol", {{"cookie", "sid=" + token}}).status == 200);
    users.rows.at(user.id).totp_enabled = true;
    BOOST_TEST(send("GET", "/gated", {{"cookie", "sid=" + token}}).status == 200);
    users.rows.at(user.id).root_admin = false;
    users.rows.at(user.id).totp_enabled = false;
    config.require_2fa = config::TwoFactorRequirement::all;
    BOOST_TEST(code(send("GET", "/gated", {{"cookie", "sid=" + token}})) == "two_factor_required");
    config.require_2fa = config::TwoFactorRequirement::none;
    BOOST_TEST(send("GET", "/gated", {{"cookie", "sid=" + token}}).status == 200);
}

BOOST_AUTO_TEST_CASE(unexpected_exceptions_become_generic_errors_without_their_text) {
    const auto boom = send("GET", "/boom");
    BOOST_TEST(code(boom) == "internal");
    BOOST_TEST(boom.body.find("secret detail") == std::string::npos);
    BOOST_TEST(code(send("GET", "/db-down")) == "service_unavailable");
}

BOOST_AUTO_TEST_CASE(service_errors_are_translated_once_with_the_dialects_hook) {
    BOOST_TEST(code(send("GET", "/taken")) == "invalid_field");
    BOOST_TEST(code(send("GET", "/taken", {}, "calagopus")) == "conflict");
    const auto throttled = send("GET", "/throttled");
    BOOST_TEST(code(throttled) == "too_many_attempts");
    BOOST_TEST(throttled.serialize().find("Retry-After: 42\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(an_optional_authentication_route_runs_with_or_without_a_caller) {
    BOOST_TEST(send("GET", "/maybe").status == 200);
    BOOST_TEST(!saw_principal);
    BOOST_TEST(send("GET", "/maybe", {{"cookie", "sid=unknown"}}).status == 200);
    BOOST_TEST(!saw_principal);
    BOOST_TEST(send("GET", "/maybe", {{"cookie", "sid=" + login("calagopus")}}).status == 200);
    BOOST_TEST(!saw_principal);
    BOOST_TEST(send("GET", "/maybe", {{"cookie", "sid=" + login()}}).status == 200);
    BOOST_TEST(saw_principal);
    BOOST_TEST(handler_calls == 4);
}

BOOST_AUTO_TEST_CASE(a_token_we_never_issued_is_refused_but_counts_as_none_where_auth_is_optional) {
    BOOST_TEST(code(send("GET", "/account", {{"x-forged", "1"}})) == "token_invalid");
    BOOST_TEST(send("GET", "/maybe", {{"x-forged", "1"}}).status == 200);
    BOOST_TEST(!saw_principal);
    BOOST_TEST(handler_calls == 1);
}

BOOST_AUTO_TEST_CASE(a_get_that_changes_state_is_checked_for_csrf_like_a_write) {
    const auto token = login();
    BOOST_TEST(code(send("GET", "/rotate", {{"cookie", "sid=" + token}})) == "csrf_mismatch");
    BOOST_TEST(handler_calls == 0);
    BOOST_TEST(send("GET", "/rotate", {{"cookie", "sid=" + token}, {"x-same-site", "1"}}).status ==
               200);
    BOOST_TEST(send("GET", "/rotate", {{"authorization", "Bearer " + token}}).status == 200);
    // Other GETs are not.
    BOOST_TEST(send("GET", "/account", {{"cookie", "sid=" + token}}).status == 200);
}

BOOST_AUTO_TEST_CASE(only_holders_of_the_routes_others_permission_act_for_other_users) {
    const auto token = login();
    BOOST_TEST(send("GET", "/others", {{"cookie", "sid=" + token}}).status == 200);
    BOOST_TEST(!may_act_for_other);
    users.rows.at(user.id).root_admin = true;
    BOOST_TEST(send("GET", "/others", {{"cookie", "sid=" + token}}).status == 200);
    BOOST_TEST(may_act_for_other);
    // A route without the declaration lets nobody act for others, root admins included.
    BOOST_TEST(send("GET", "/maybe", {{"cookie", "sid=" + token}}).status == 200);
    BOOST_TEST(!may_act_for_other);
}

BOOST_AUTO_TEST_CASE(a_key_without_a_permission_list_reaches_a_route_that_names_a_permission) {
    BOOST_TEST(send("GET", "/keyed", {{"x-key", key()}}).status == 200);
    BOOST_TEST(handler_calls == 1);
}

BOOST_AUTO_TEST_CASE(a_key_whose_list_lacks_the_routes_permission_is_forbidden) {
    BOOST_TEST(
        code(send("GET", "/keyed", {{"x-key", key(std::vector<std::string>{"account.write"})}})) ==
        "forbidden");
    BOOST_TEST(code(send("GET", "/keyed", {{"x-key", key(std::vector<std::string>{})}})) ==
               "forbidden");
    BOOST_TEST(handler_calls == 0);
}

BOOST_AUTO_TEST_CASE(a_key_whose_list_has_the_routes_permission_passes) {
    BOOST_TEST(send("GET", "/keyed",
                    {{"x-key", key(std::vector<std::string>{"account.write", "account.read"})}})
                   .status == 200);
    BOOST_TEST(handler_calls == 1);
}

BOOST_AUTO_TEST_CASE(a_browser_session_is_not_scoped_by_a_routes_key_permission) {
    BOOST_TEST(send("GET", "/keyed", {{"cookie", "sid=" + login()}}).status == 200);
}

BOOST_AUTO_TEST_CASE(a_key_never_reaches_a_browser_only_route) {
    BOOST_TEST(code(send("GET", "/account", {{"x-key", key()}})) == "credentials_missing");
    BOOST_TEST(code(send("GET", "/keyed", {{"x-key", key() + "x"}})) == "session_invalid");
    BOOST_TEST(handler_calls == 0);
}

BOOST_AUTO_TEST_CASE(a_root_admins_key_acts_for_others_only_when_its_list_names_the_permission) {
    users.rows.at(user.id).root_admin = true;
    // A key for the whole account is not enough: acting for others must be named.
    BOOST_TEST(send("GET", "/others-by-key", {{"x-key", key()}}).status == 200);
    BOOST_TEST(!may_act_for_other);
    BOOST_TEST(
        send("GET", "/others-by-key", {{"x-key", key(std::vector<std::string>{"account.read"})}})
            .status == 200);
    BOOST_TEST(!may_act_for_other);
    BOOST_TEST(
        send("GET", "/others-by-key", {{"x-key", key(std::vector<std::string>{"admin:access"})}})
            .status == 200);
    BOOST_TEST(may_act_for_other);
    // The same key of a user who is not a root admin acts only for its owner.
    const auto listed = key(std::vector<std::string>{"admin:access"});
    users.rows.at(user.id).root_admin = false;
    BOOST_TEST(send("GET", "/others-by-key", {{"x-key", listed}}).status == 200);
    BOOST_TEST(!may_act_for_other);
    // Through a session a root admin acts for others on the same route.
    users.rows.at(user.id).root_admin = true;
    BOOST_TEST(send("GET", "/others-by-key", {{"cookie", "sid=" + login()}}).status == 200);
    BOOST_TEST(may_act_for_other);
}

BOOST_AUTO_TEST_CASE(a_dialects_address_limit_is_counted_per_address_before_authentication) {
    server::RateLimiter limiter(64);
    dispatcher.set_client_rate_limit(limiter, clock, 0);
    BOOST_TEST(send("GET", "/limited", {}, "calagopus").status == 200);
    const auto second = send("GET", "/limited", {}, "calagopus");
    BOOST_TEST(second.status == 200);  // both of the two hits pass (no hits-1)
    BOOST_TEST(header_of(second, "X-RateLimit-Remaining") == "0");
    const auto third = send("GET", "/limited", {}, "calagopus");
    BOOST_TEST(code(third) == "rate_limited");
    BOOST_TEST(header_of(third, "X-RateLimit-Limit") == "2");
    BOOST_TEST(!header_of(third, "Retry-After").empty());
    BOOST_TEST(!header_of(third, "X-RateLimit-Reset").empty());
    // Another address, and another dialect without the limit, pass.
    BOOST_TEST(send("GET", "/limited", {{"x-addr", "192.0.2.2"}}, "calagopus").status == 200);
    BOOST_TEST(send("GET", "/limited", {}, "pterodactyl").status == 200);
    clock.advance(std::chrono::seconds(61));
    BOOST_TEST(send("GET", "/limited", {}, "calagopus").status == 200);
}

BOOST_AUTO_TEST_CASE(a_cookie_callers_answer_goes_through_the_dialects_renewal) {
    const auto token = login("calagopus");
    const auto r = send("GET", "/account", {{"cookie", "sid=" + token}}, "calagopus");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(header_of(r, "X-Renewed") == "yes");
    // Not for public routes or keys.
    BOOST_TEST(header_of(send("GET", "/open", {}, "calagopus"), "X-Renewed").empty());
    BOOST_TEST(
        header_of(send("GET", "/account-by-key", {{"x-key", key()}}, "calagopus"), "X-Renewed")
            .empty());
}

BOOST_AUTO_TEST_SUITE_END()
