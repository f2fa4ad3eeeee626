// Failed sign-ins are throttled per client address and account in every dialect, shared by all
// workers through the database; never one global bucket.

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

void fail_five_times(Client& client, const std::string& path, const nlohmann::json& wrong) {
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(client.post_json(path, wrong).status < 429);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(login_throttle)

BOOST_AUTO_TEST_CASE(pterodactyl_locks_an_account_after_five_failures_even_for_the_right_password) {
    const auto t = create_user();
    const auto other = create_user();
    auto client = pterodactyl();
    fail_five_times(client, "/auth/login",
                    {{"user", t.user.username}, {"password", "wrong password"}});
    const auto locked =
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}});
    BOOST_TEST(locked.status == 429);
    const auto error = locked.json()["errors"][0];
    BOOST_TEST(error["code"] == "ValidationException");
    BOOST_TEST(error["status"] == "422");
    BOOST_TEST(error["detail"].get<std::string>().starts_with(
        "Too many login attempts. Please try again in "));
    BOOST_TEST(error["meta"] == nlohmann::json({{"source_field", "email"}, {"rule", ""}}));
    BOOST_TEST(!locked.header("retry-after").empty());
    BOOST_TEST(count_sessions(t.user.id) == 0);
    // Another account from the same address is not affected.
    BOOST_TEST(
        pterodactyl()
            .post_json("/auth/login", {{"user", other.user.username}, {"password", other.password}})
            .status == 200);
    // When the window ends, the right password works again.
    Stack::get().sql()
        << "UPDATE throttle_buckets SET window_ends = UTC_TIMESTAMP() - INTERVAL 1 SECOND";
    BOOST_TEST(
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
            .status == 200);
}

BOOST_AUTO_TEST_CASE(a_successful_sign_in_resets_the_count) {
    const auto t = create_user();
    auto client = pterodactyl();
    for (int i = 0; i < 4; ++i)
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", "nope nope"}});
    BOOST_TEST(
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
            .status == 200);
    for (int i = 0; i < 4; ++i)
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", "nope nope"}});
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}})
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(spellings_of_a_name_share_its_count_whether_or_not_it_exists) {
    // Otherwise a lock-out on one spelling but not another would say the name is an account.
    const auto t = create_user();
    std::string upper = t.user.username;
    for (char& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const std::string unknown = unique_name("nobody");
    std::string unknown_upper = unknown;
    for (char& c : unknown_upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const auto& [first, second] :
         {std::pair{upper, t.user.username + " "}, std::pair{unknown_upper, " " + unknown}}) {
        auto client = pterodactyl();
        for (int i = 0; i < 3; ++i)
            client.post_json("/auth/login", {{"user", first}, {"password", "nope nope"}});
        for (int i = 0; i < 2; ++i)
            client.post_json("/auth/login", {{"user", second}, {"password", "nope nope"}});
        const auto sixth = client.post_json("/auth/login", {{"user", second}, {"password", "x"}});
        BOOST_TEST(sixth.status == 429, first);
    }
    // Every count is the account's once the name resolves to it: its e-mail address is locked
    // from this client too, and another client is not.
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.email}, {"password", t.password}})
                   .status == 429);
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.email}, {"password", t.password}},
                              {{"X-Forwarded-For", "198.51.100.77"}})
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(calagopus_and_eclipanel_answer_with_their_own_429) {
    const auto a = create_user();
    auto cala = calagopus();
    fail_five_times(cala, "/api/auth/login",
                    {{"user", a.user.username}, {"password", "wrong password"}});
    const auto c =
        cala.post_json("/api/auth/login", {{"user", a.user.username}, {"password", a.password}});
    BOOST_TEST(c.status == 429);
    BOOST_TEST(
        c.json()["errors"][0].get<std::string>().starts_with("you are ratelimited, retry in "));
    const auto b = create_user();
    auto ecli = eclipanel();
    fail_five_times(ecli, "/api/auth/login",
                    {{"email", b.user.email}, {"password", "wrong password"}});
    const auto e =
        ecli.post_json("/api/auth/login", {{"email", b.user.email}, {"password", b.password}});
    BOOST_TEST(e.status == 429);
    BOOST_TEST(e.json()["error"] == "rate_limited");
    BOOST_TEST(e.json()["retryAfter"].get<int>() > 0);
    BOOST_TEST(!e.header("retry-after").empty());
}

BOOST_AUTO_TEST_SUITE_END()
