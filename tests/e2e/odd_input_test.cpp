// No client input may produce a 5xx or lose the dialect's envelope: a battery of odd bodies,
// headers, cookies and paths against every route of every dialect.

#include <algorithm>

#include "app/worker_app.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

struct Endpoint {
    config::Dialect dialect;
    std::string method;
    std::string path;
};

// Every route the workers serve, read from the same routers they build, so a new route is
// covered without being listed here. `{param}` segments get a plausible value.
const std::vector<Endpoint>& endpoints() {
    static const std::vector<Endpoint> list = [] {
        services::SystemClock clock;
        crypto::OsRandom random;
        const app::WorkerApp app(
            config::load_config(require_env("ACCOUNTD_TEST_CONFIG"), config::process_environment()),
            clock, random);
        std::vector<Endpoint> out;
        for (const auto dialect : {config::Dialect::pterodactyl, config::Dialect::calagopus,
                                   config::Dialect::eclipanel}) {
            for (const auto* route : app.router(dialect).routes()) {
                std::string path;
                std::size_t at = 0;
                while (at < route->pattern.size()) {
                    const auto open = route->pattern.find('{', at);
                    if (open == std::string::npos) {
                        path += route->pattern.substr(at);
                        break;
                    }
                    path += route->pattern.substr(at, open - at) + "ptlc_notakey00000";
                    at = route->pattern.find('}', open) + 1;
                }
                out.push_back({dialect, route->method, path});
            }
        }
        return out;
    }();
    return list;
}

const std::vector<std::string>& odd_bodies() {
    static const std::vector<std::string> list = {
        "",
        "null",
        "{}",
        "[]",
        "\"just a string\"",
        "{\"user\":null,\"password\":null,\"email\":null}",
        "{\"user\":\"a\\u0000b\",\"password\":\"\\u0000\",\"email\":\"a\\u0000@example.com\"}",
        "{\"user\":{\"nested\":[1,2,{\"x\":null}]},\"password\":[],\"email\":{}}",
        "{\"user\":\"" + std::string(5000, 'u') + "\",\"password\":\"" + std::string(5000, 'p') +
            "\"}",
        "{\"email\":\"" + std::string(300, 'e') + "@example.com\",\"password\":\"x\"}",
        "{\"userId\":18446744073709551615,\"sessionId\":\"x\"}",
        "{\"userId\":-1,\"sessionId\":\"x\"}",
        "{\"userId\":1e400,\"sessionId\":\"x\"}",
        "{\"userId\":1.5,\"sessionId\":12}",
        "{\"user\":\"\xff\xfe\",\"password\":\"\xc3\"}",
        "{\"user\":\"üñíçødé 🎮\",\"password\":\"ünïcode pässwörd\",\"email\":\"ü@ñ.example\"}",
        std::string(20000, '[') + std::string(20000, ']'),
        "{\"user\":\"a\",\"user\":\"b\",\"password\":\"c\"}",
        "{'user':'single quotes'}",
        "\xef\xbb\xbf{\"user\":\"bom\"}",
        // Calagopus' field names (ssh keys, import, account) with the wrong types and values.
        "{\"name\":123,\"public_key\":[\"a\"],\"provider\":{},\"username\":1e400}",
        "{\"name\":\"abc\",\"public_key\":\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\"}",
        "{\"name\":\"\xff\xfe\xfd\",\"public_key\":\"ssh-rsa \xc3\"}",
        "{\"provider\":\"github\",\"username\":\"../../etc\"}",
        "{\"provider\":\"gitlab\",\"username\":\"a%2f..\"}",
        "{\"provider\":null,\"username\":null,\"name\":null,\"public_key\":null}",
        "{\"name\":\"" + std::string(100000, 'n') + "\"}",
        "{\"new_password\":true,\"password\":false,\"email\":[]}",
    };
    return list;
}

void check_sane(const HttpResult& r, config::Dialect dialect, const std::string& what) {
    BOOST_TEST(r.status < 500, what << " -> " << r.status << " " << r.body.substr(0, 200));
    if (r.status >= 400) {
        const auto body = r.json();
        const bool enveloped = dialect == config::Dialect::eclipanel ? body.contains("error")
                                                                     : body.contains("errors");
        BOOST_TEST(enveloped, what << " -> " << r.body.substr(0, 200));
        // Calagopus: {"errors":["message", ...]}, strings only, whoever made the answer.
        if (dialect == config::Dialect::calagopus && enveloped) {
            BOOST_TEST((body["errors"].is_array() && !body["errors"].empty() &&
                        std::all_of(body["errors"].begin(), body["errors"].end(),
                                    [](const auto& e) { return e.is_string(); })),
                       what << " -> " << r.body.substr(0, 200));
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(odd_input)

// Each endpoint is called as a signed-in browser would (session cookie plus the dialect's CSRF
// proof), so the bodies reach the handlers rather than stopping at authentication.
BOOST_AUTO_TEST_CASE(odd_json_bodies_never_cause_a_server_error) {
    const auto t = create_user();
    BOOST_TEST_REQUIRE(endpoints().size() >= 30U);
    for (const auto& e : endpoints()) {
        Client client(Stack::get().url(e.dialect));
        Headers auth = {{"Origin", client.base_url()}};
        HttpResult signed_in;
        if (e.dialect == config::Dialect::pterodactyl) {
            signed_in = client.post_json("/auth/login",
                                         {{"user", t.user.username}, {"password", t.password}});
            auth.emplace_back("X-XSRF-TOKEN", client.cookie("XSRF-TOKEN").value_or(""));
        } else if (e.dialect == config::Dialect::calagopus) {
            signed_in = client.post_json("/api/auth/login",
                                         {{"user", t.user.username}, {"password", t.password}});
        } else {
            signed_in = client.post_json("/api/auth/login",
                                         {{"email", t.user.email}, {"password", t.password}});
        }
        // Otherwise every body would stop at authentication and test nothing.
        BOOST_TEST_REQUIRE(signed_in.status == 200, e.method << " " << e.path);
        for (const auto& body : odd_bodies()) {
            for (const char* type :
                 {"application/json", "text/plain", "application/json; charset=latin1"}) {
                Headers headers = auth;
                headers.emplace_back("Content-Type", type);
                const auto r = client.request(e.method, e.path, body, headers);
                check_sane(r, e.dialect,
                           e.method + " " + e.path + " [" + type + "] " + body.substr(0, 40));
            }
        }
    }
    // None of that changed the account.
    const auto after = Stack::get().root().users().find_by_id(t.user.id);
    BOOST_TEST(after->email == t.user.email);
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
                   .status == 200);
}

// Headers stay under nginx's 8 KiB header buffers: beyond them nginx refuses the request itself
// (400) before any location, and so before accountd or its JSON error pages, is involved.
BOOST_AUTO_TEST_CASE(odd_credentials_and_headers_never_cause_a_server_error) {
    const std::vector<std::pair<std::string, std::string>> headers = {
        {"Cookie", "pterodactyl_session=\xff\xfe; calagopus_session=" + std::string(81, '\xff') +
                       "; token=a.b.c"},
        {"Cookie",
         "pterodactyl_session=" + std::string(3000, 'x') + "; token=" + std::string(3000, 'y')},
        {"Cookie", "=;;==; token"},
        {"Authorization", "Bearer"},
        {"Authorization", "Bearer " + std::string(3000, 'z')},
        {"Authorization", "Bearer a.b"},
        {"Authorization", "Bearer e30.e30.e30"},
        {"Authorization", "ApiKey " + std::string(64, 'a')},
        {"Authorization", "\xff\xfe\xfd"},
        {"X-Api-Key", std::string(64, 'f')},
        {"User-Agent", std::string("\xff\xfe agent ") + std::string(1000, 'a')},
        {"X-XSRF-TOKEN", std::string(3000, 'x')},
        {"Origin", "null"},
        {"Referer", "not a url"},
    };
    for (const auto& e : endpoints()) {
        Client client(Stack::get().url(e.dialect));
        for (const auto& [name, value] : headers) {
            const auto r = client.request(e.method, e.path, "{}",
                                          {{"Content-Type", "application/json"}, {name, value}});
            check_sane(r, e.dialect, e.method + " " + e.path + " " + name);
        }
    }
}

BOOST_AUTO_TEST_CASE(odd_paths_and_methods_never_cause_a_server_error) {
    const std::vector<std::string> paths = {
        "/api/",
        "/api//client//account",
        "/api/client/account/..",
        "/api/%00",
        "/api/%ff%fe",
        "/api/client/account?x=%zz&&==",
        "/api/" + std::string(3000, 'a'),
        "/api/users/me/../../auth/login",
        "/api/client/account/ssh-keys?page=99999999999999999999999&per_page=1e3&search=%ff%fe",
        "/api/client/account/ssh-keys?page=-1&per_page=0&search=" + std::string(300, 's'),
        "/api/client/account/ssh-keys/%ff%fe",
        "/api/client/account/ssh-keys/" + std::string(500, 'u'),
    };
    for (const auto dialect :
         {config::Dialect::pterodactyl, config::Dialect::calagopus, config::Dialect::eclipanel}) {
        Client client(Stack::get().url(dialect));
        for (const auto& path : paths) {
            for (const char* method :
                 {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"}) {
                const auto r = client.request(method, path, "", {});
                BOOST_TEST(r.status < 500,
                           method << " " << path.substr(0, 60) << " -> " << r.status);
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
