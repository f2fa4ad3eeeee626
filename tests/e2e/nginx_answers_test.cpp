// What nginx answers by itself in front of accountd (nginx/accountd-*.conf as scripts/lib/stack.sh
// installs them): JSON in the dialect's envelope with accountd's security headers and no nginx
// version, a 405 with Allow for other methods on Pterodactyl's /auth/* pages, a `password` query
// parameter refused before it is logged, and limit_req keyed on the IPv6 /64.

#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

const config::Dialect kDialects[] = {config::Dialect::pterodactyl, config::Dialect::calagopus,
                                     config::Dialect::eclipanel};

// The dialect's error envelope, as accountd's own errors have it.
bool enveloped(const HttpResult& r, config::Dialect dialect) {
    const auto body = r.json();
    switch (dialect) {
        case config::Dialect::pterodactyl:
            return body.contains("errors") && body["errors"].is_array() &&
                   body["errors"][0].contains("code") &&
                   body["errors"][0]["status"] == std::to_string(r.status);
        case config::Dialect::calagopus:
            return body.contains("errors") && body["errors"].is_array() &&
                   body["errors"][0].is_string();
        case config::Dialect::eclipanel:
            return body.contains("error") && body["error"].is_string();
    }
    return false;
}

void check_answer(const HttpResult& r, int status, config::Dialect dialect,
                  const std::string& what) {
    BOOST_TEST(r.status == status, what << " -> " << r.status << " " << r.body.substr(0, 200));
    BOOST_TEST(r.header("content-type") == "application/json; charset=utf-8", what);
    BOOST_TEST(enveloped(r, dialect), what << " -> " << r.body.substr(0, 200));
    BOOST_TEST(r.header("x-content-type-options") == "nosniff", what);
    BOOST_TEST(r.header("referrer-policy") == "no-referrer", what);
    BOOST_TEST(r.header("cache-control") == "no-store", what);
    BOOST_TEST(r.header("server") == "nginx", what);
}

// 16 fresh bits, never zero: the limit_req state lives as long as nginx does, so each run of the
// suite speaks from addresses no earlier run used.
unsigned fresh16() {
    static std::random_device device;
    return (device() & 0xefff) | 0x1000;
}

std::string hex(unsigned v) {
    std::ostringstream out;
    out << std::hex << v;
    return out.str();
}

// A request to the test stack's one-a-minute location (scripts/lib/stack.sh) from `address`.
HttpResult limited_from(const std::string& address, const std::string& query = "") {
    return http_request(Stack::get().url(config::Dialect::calagopus), "GET",
                        "/api/e2e/nginx-limit" + query, "", {{"X-Forwarded-For", address}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(nginx_answers)

BOOST_AUTO_TEST_CASE(accountds_answers_carry_no_nginx_version) {
    for (const auto dialect : kDialects) {
        const auto r = http_request(Stack::get().url(dialect), "GET", "/api/health");
        BOOST_TEST(r.status == 200);
        BOOST_TEST(r.header("server") == "nginx");
    }
}

BOOST_AUTO_TEST_CASE(headers_too_large_for_nginx_get_the_dialects_json_400) {
    for (const auto dialect : kDialects) {
        for (const char* path : {"/api/client/account", "/auth/login", "/"}) {
            const auto r =
                http_request(Stack::get().url(dialect), "GET", path, "",
                             {{"Cookie", "pterodactyl_session=" + std::string(20000, 'x')}});
            check_answer(r, 400, dialect, std::string("big cookie ") + path);
        }
    }
}

BOOST_AUTO_TEST_CASE(nginxs_own_429_is_json_with_a_charset_and_the_security_headers) {
    const std::string address =
        "198.18." + std::to_string(fresh16() % 250) + "." + std::to_string(fresh16() % 250 + 1);
    BOOST_TEST_MESSAGE("from " << address);
    BOOST_TEST(limited_from(address).status == 404);  // accountd: no such route
    const auto r = limited_from(address);
    check_answer(r, 429, config::Dialect::calagopus, "second request a minute");
    BOOST_TEST(r.header("retry-after") == "60");
}

BOOST_AUTO_TEST_CASE(the_bare_api_path_is_accountds_404) {
    for (const auto dialect : kDialects) {
        check_answer(http_request(Stack::get().url(dialect), "GET", "/api"), 404, dialect,
                     "GET /api");
    }
}

BOOST_AUTO_TEST_CASE(other_methods_on_pterodactyls_auth_pages_are_405_with_allow) {
    const auto base = Stack::get().url(config::Dialect::pterodactyl);
    for (const char* path : {"/auth/login", "/auth/login/checkpoint", "/auth/password",
                             "/auth/password/reset", "/auth/logout"}) {
        for (const char* method : {"PUT", "PATCH", "DELETE", "OPTIONS"}) {
            const auto r =
                http_request(base, method, path, "{}", {{"Content-Type", "application/json"}});
            check_answer(r, 405, config::Dialect::pterodactyl, std::string(method) + " " + path);
            BOOST_TEST(r.header("allow") == "GET, HEAD, POST");
            BOOST_TEST(r.json()["errors"][0]["code"] == "MethodNotAllowedHttpException");
        }
    }
    // GET is the panel's page (here the stack's stand-in), with the security headers.
    const auto page = http_request(base, "GET", "/auth/login");
    BOOST_TEST(page.status == 200);
    BOOST_TEST(page.header("x-content-type-options") == "nosniff");
    BOOST_TEST(page.header("referrer-policy") == "no-referrer");
    BOOST_TEST(page.header("cache-control") == "no-store");
    // POST still reaches accountd (a sign-in without credentials).
    const auto post =
        http_request(base, "POST", "/auth/login", "{}", {{"Content-Type", "application/json"}});
    BOOST_TEST((post.status >= 400 && post.status < 500 && post.status != 405));
    BOOST_TEST(enveloped(post, config::Dialect::pterodactyl));
}

BOOST_AUTO_TEST_CASE(a_password_in_the_query_string_is_refused_before_it_is_logged) {
    const std::string secret = "query-secret-" + unique_name("pw");
    const std::vector<std::tuple<config::Dialect, std::string, std::string>> requests = {
        {config::Dialect::pterodactyl, "POST", "/auth/login?password=" + secret},
        {config::Dialect::pterodactyl, "GET", "/auth/login?password=" + secret},
        {config::Dialect::pterodactyl, "DELETE",
         "/api/client/account/two-factor?Password=" + secret},
        {config::Dialect::calagopus, "POST", "/api/auth/login?a=1&pass%77ord=" + secret},
        {config::Dialect::eclipanel, "GET", "/api/users/me?password%5B%5D=" + secret},
        {config::Dialect::eclipanel, "GET", "/api/health?password"},
    };
    for (const auto& [dialect, method, path] : requests) {
        const auto r = http_request(Stack::get().url(dialect), method, path, "{}",
                                    {{"Content-Type", "application/json"}});
        check_answer(r, 400, dialect, method + " " + path);
    }
    // Names that only contain the word pass.
    const auto eclipanel = Stack::get().url(config::Dialect::eclipanel);
    BOOST_TEST(http_request(eclipanel, "GET", "/api/health?passwordless=1&x=password").status ==
               200);
    // A rate-limited request would have its request line in the error log; this one never gets
    // that far.
    const std::string address = "198.19." + std::to_string(fresh16() % 250) + ".7";
    limited_from(address);
    check_answer(limited_from(address, "?password=" + secret), 400, config::Dialect::calagopus,
                 "limited address, password in the URL");
    BOOST_TEST(limited_from(address).status == 429);
    std::ifstream log(require_env("ACCOUNTD_TEST_STATE") + "/nginx/logs/error.log");
    std::stringstream text;
    text << log.rdbuf();
    BOOST_TEST(text.str().find(secret) == std::string::npos);
    BOOST_TEST(text.str().find("limiting requests") != std::string::npos);
}

// Each pair: two addresses of one /64 in nginx's different textual shapes (where `::` falls).
BOOST_AUTO_TEST_CASE(limit_req_keys_an_ipv6_client_on_its_64) {
    const std::string a = hex(fresh16()), b = hex(fresh16()), c = hex(fresh16()),
                      d = hex(fresh16());
    const std::vector<std::pair<std::string, std::string>> same_64 = {
        {a + ":" + b + ":" + c + ":" + d + "::1", a + ":" + b + ":" + c + ":" + d + ":ffff:1:2:3"},
        {a + ":" + b + ":" + c + "::1", a + ":" + b + ":" + c + ":0:1:2:3:4"},
        {a + ":" + b + "::" + c + ":1:2:3", a + ":" + b + ":0:0:" + c + "::1"},
        {a + "::" + c + ":1:2:3:4", a + ":0:0:" + c + "::5"},
        {"::" + a + ":" + b + ":1:2:3:4", "0:0:" + a + ":" + b + "::9"},
        {"::" + a + ":1:2:3:4", "::" + a + ":0:0:0:5"},
        {a + "::", a + "::1:2:3:4"},
    };
    for (const auto& [first, second] : same_64) {
        BOOST_TEST(limited_from(first).status == 404, first);
        BOOST_TEST(limited_from(second).status == 429, second << " after " << first);
    }
    // The neighbouring /64s have budgets of their own.
    const std::string n = hex(fresh16());
    BOOST_TEST(limited_from(n + ":1:2:3::1").status == 404);
    BOOST_TEST(limited_from(n + ":1:2:4::1").status == 404);
    // IPv4 clients are keyed on the whole address.
    const std::string v4 = "198.51." + std::to_string(fresh16() % 250) + ".";
    BOOST_TEST(limited_from(v4 + "1").status == 404);
    BOOST_TEST(limited_from(v4 + "2").status == 404);
    BOOST_TEST(limited_from(v4 + "1").status == 429);
}

BOOST_AUTO_TEST_SUITE_END()
