#pragma once
// Helpers the EcliPanel two-factor and sessions e2e tests share: a sign-in from a client
// address of the test's own (EcliPanel's per-address limits are then the test's own), its
// token and session id, and two-factor enabled through EcliPanel's routes.

#include "calagopus_e2e_support.hpp"
#include "crypto/encoding.hpp"

namespace accountd::testing::eclipanel_support {

using calagopus_support::code_for;
using calagopus_support::now_step;
using calagopus_support::own_address;

/// One browser (or script) of a test: its cookies and its client address.
struct Browser {
    Client client = eclipanel();
    std::string address = own_address();
    std::string token;       ///< the session token of the last sign-in ("" before)
    std::string session_id;  ///< its sessionId

    /// The address, and the token as `Authorization: Bearer` when there is one.
    Headers bearer() const {
        Headers h = {{"X-Forwarded-For", address}};
        if (!token.empty()) h.emplace_back("Authorization", "Bearer " + token);
        return h;
    }
    /// The address and the same-site Origin a cookie write needs.
    Headers cookie_write() const {
        return {{"X-Forwarded-For", address}, {"Origin", client.base_url()}};
    }
    HttpResult post(const std::string& path, const nlohmann::json& body) {
        return client.post_json(path, body, bearer());
    }
    HttpResult get(const std::string& path) { return client.get(path, bearer()); }
    /// Takes the token of a sign-in answer.
    void take(const HttpResult& r) {
        token = r.json()["token"];
        const auto payload = crypto::base64url_decode(
            token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1));
        session_id = nlohmann::json::parse(*payload)["sessionId"];
    }
};

inline HttpResult password_login(Browser& b, const TestUser& t) {
    return b.client.post_json("/api/auth/login",
                              {{"email", t.user.email}, {"password", t.password}},
                              {{"X-Forwarded-For", b.address}});
}

/// A browser signed in with the password (the account has no two-factor).
inline Browser signed_in(const TestUser& t) {
    Browser b;
    const auto r = password_login(b, t);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    b.take(r);
    return b;
}

/// The temp token of a sign-in that stops for the second factor.
inline std::string temp_token(Browser& b, const TestUser& t) {
    const auto r = password_login(b, t);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_REQUIRE(r.json()["twoFactorRequired"] == true);
    return r.json()["tempToken"];
}

struct Enabled {
    std::string secret;
    std::vector<std::string> codes;  ///< recovery codes
    std::int64_t step = 0;           ///< the time step enabling spent
};

/// Sets up and enables two-factor through EcliPanel with the step before the current one, so
/// the current and the next step are left for sign-ins.
inline Enabled enable_two_factor(Browser& b) {
    const auto setup = b.get("/api/auth/2fa/setup");
    BOOST_REQUIRE_EQUAL(setup.status, 200);
    Enabled out;
    out.secret = setup.json()["secret"];
    out.step = now_step() - 1;
    const auto r = b.post("/api/auth/2fa/verify",
                          {{"token", code_for(out.secret, out.step)}, {"secret", out.secret}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    out.codes = r.json()["recoveryCodes"].get<std::vector<std::string>>();
    return out;
}

inline void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.header("content-type").starts_with("application/json"));
    BOOST_TEST(r.json() == nlohmann::json({{"error", message}}), r.body);
}

/// 429 in EcliPanel's envelope: rate_limited, retryAfter in the body and Retry-After.
inline void check_limited(const HttpResult& r) {
    BOOST_TEST(r.status == 429, r.body);
    BOOST_TEST(r.json()["error"] == "rate_limited", r.body);
    BOOST_TEST(r.json()["retryAfter"].is_number_integer(), r.body);
    BOOST_TEST(!r.header("retry-after").empty());
}

}  // namespace accountd::testing::eclipanel_support
