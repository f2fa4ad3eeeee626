#pragma once
// Helpers the Calagopus two-factor, sessions and registration e2e tests share.

#include <unistd.h>
#include <atomic>
#include <ctime>

#include "crypto/encoding.hpp"
#include "crypto/totp.hpp"
#include "e2e_fixture.hpp"

namespace accountd::testing::calagopus_support {

inline std::int64_t now_step() {
    return crypto::totp_step(std::time(nullptr), 30);
}

inline std::string code_for(const std::string& secret, std::int64_t step) {
    return crypto::hotp(*crypto::base32_decode(secret), static_cast<std::uint64_t>(step), 6);
}

/// A client address of the test's own (nginx takes X-Forwarded-For from loopback), so the
/// per-address limits one test spends are not another's.
inline std::string own_address() {
    static std::atomic<unsigned> next{0};
    const unsigned n = next++;
    const unsigned pid = static_cast<unsigned>(::getpid());
    return "10." + std::to_string(pid % 250) + "." + std::to_string((n / 250) % 250) + "." +
           std::to_string(n % 250 + 1);
}

inline Headers from(const std::string& address) {
    return {{"X-Forwarded-For", address}};
}

inline Headers writes(const Client& client) {
    return same_origin(client);
}

inline void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"errors", {message}}}), r.body);
}

struct Enabled {
    std::string secret;
    std::vector<std::string> codes;  ///< the recovery codes
    std::int64_t step = 0;           ///< the time step enabling used (spent)
};

/// Sets up and enables two-factor through Calagopus.
inline Enabled enable_two_factor(Client& client, const TestUser& t) {
    const auto setup = client.get("/api/client/account/two-factor");
    BOOST_REQUIRE_EQUAL(setup.status, 200);
    Enabled out;
    out.secret = setup.json()["secret"];
    out.step = now_step();
    const auto r = client.post_json(
        "/api/client/account/two-factor",
        {{"code", code_for(out.secret, out.step)}, {"password", t.password}}, writes(client));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    out.codes = r.json()["recovery_codes"].get<std::vector<std::string>>();
    return out;
}

/// The activity events stored for `user_id`, oldest first.
inline std::vector<std::pair<std::string, nlohmann::json>> stored_activity(std::uint64_t user_id) {
    std::vector<std::pair<std::string, nlohmann::json>> out;
    const long long uid = static_cast<long long>(user_id);
    soci::rowset<soci::row> rows =
        (Stack::get().sql().prepare << "SELECT event, properties FROM activity_logs WHERE "
                                       "subject_user_id = :id ORDER BY id",
         soci::use(uid));
    for (const auto& row : rows) {
        out.emplace_back(row.get<std::string>(0),
                         nlohmann::json::parse(row.get<std::string>(1), nullptr, false));
    }
    return out;
}

}  // namespace accountd::testing::calagopus_support
