#include "e2e_fixture.hpp"

#include <cstdlib>

#include "db/time_convert.hpp"

namespace accountd::testing {

std::string require_env(const char* name) {
    const char* value = std::getenv(name);  // NOLINT(concurrency-mt-unsafe)
    if (value == nullptr || *value == '\0') {
        throw std::runtime_error(std::string(name) +
                                 " is not set: run the e2e tests through scripts/test.sh");
    }
    return value;
}

Stack& Stack::get() {
    static Stack stack;
    return stack;
}

Stack::Stack() {
    auto config =
        config::load_config(require_env("ACCOUNTD_TEST_CONFIG"), config::process_environment());
    database_ = std::make_unique<db::Database>(config.database_url);
    root_ = std::make_unique<app::ServiceRoot>(std::move(config), clock_, random_);
}

std::string Stack::url(config::Dialect dialect) const {
    switch (dialect) {
        case config::Dialect::pterodactyl:
            return require_env("ACCOUNTD_TEST_URL_PTERODACTYL");
        case config::Dialect::calagopus:
            return require_env("ACCOUNTD_TEST_URL_CALAGOPUS");
        case config::Dialect::eclipanel:
            return require_env("ACCOUNTD_TEST_URL_ECLIPANEL");
    }
    return {};
}

std::string unique_name(const std::string& prefix) {
    crypto::OsRandom random;
    std::string suffix = crypto::random_alphanumeric(random, 12);
    for (char& c : suffix)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return prefix + suffix;
}

TestUser create_user(bool admin) {
    TestUser t;
    t.password = "pw " + unique_name("secret-");
    const auto name = unique_name("e2e");
    t.user = Stack::get().root().user_service().create(
        {name, name + "@example.com", "Test", "User", t.password, admin});
    return t;
}

void expire_sessions(std::uint64_t user_id) {
    const long long id = static_cast<long long>(user_id);
    Stack::get().sql() << "UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND "
                          "WHERE user_id = :id",
        soci::use(id);
}

void idle_sessions(std::uint64_t user_id) {
    const long long id = static_cast<long long>(user_id);
    const int idle = Stack::get().root().config().session_idle_timeout + 1;
    Stack::get().sql() << "UPDATE sessions SET last_used_at = UTC_TIMESTAMP() - INTERVAL :s SECOND "
                          "WHERE user_id = :id",
        soci::use(idle), soci::use(id);
}

void suspend(std::uint64_t user_id) {
    const long long id = static_cast<long long>(user_id);
    Stack::get().sql() << "UPDATE users SET suspended = 1 WHERE id = :id", soci::use(id);
}

int count_sessions(std::uint64_t user_id) {
    const long long id = static_cast<long long>(user_id);
    int n = 0;
    Stack::get().sql() << "SELECT COUNT(*) FROM sessions WHERE user_id = :id", soci::use(id),
        soci::into(n);
    return n;
}

PterodactylSession pterodactyl_session(TestUser t) {
    auto client = pterodactyl();
    const auto r =
        client.post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}});
    if (r.status != 200) throw std::runtime_error("sign-in failed: " + r.body);
    Headers write = {{"X-XSRF-TOKEN", client.cookie("XSRF-TOKEN").value_or("")}};
    return {std::move(t), client, write};
}

Client pterodactyl_signed_in(const TestUser& t) {
    return pterodactyl_session(t).client;
}

Client calagopus_signed_in(const TestUser& t) {
    auto client = calagopus();
    const auto r =
        client.post_json("/api/auth/login", {{"user", t.user.username}, {"password", t.password}});
    if (r.status != 200) throw std::runtime_error("sign-in failed: " + r.body);
    return client;
}

}  // namespace accountd::testing
