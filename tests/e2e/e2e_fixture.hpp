#pragma once
// The e2e tests talk HTTP to the nginx that scripts/test.sh started in front of the real worker
// pool. They prepare accounts through the same services the server uses (same database, same
// server key, read from ACCOUNTD_TEST_CONFIG) and inspect rows with SQL.

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>

#include "app/service_root.hpp"
#include "db/database.hpp"
#include "http_client.hpp"

namespace accountd::testing {

std::string require_env(const char* name);

class Stack {
  public:
    static Stack& get();

    app::ServiceRoot& root() { return *root_; }
    /// A connection of the tests' own, for inspecting and ageing rows.
    soci::session& sql() { return database_->sql(); }
    std::string url(config::Dialect dialect) const;

  private:
    Stack();
    services::SystemClock clock_;
    crypto::OsRandom random_;
    std::unique_ptr<app::ServiceRoot> root_;
    std::unique_ptr<db::Database> database_;
};

struct TestUser {
    services::User user;
    std::string password;
};

/// A fresh account with a unique username and e-mail.
TestUser create_user(bool admin = false);

/// A lowercase token no other test uses.
std::string unique_name(const std::string& prefix);

/// Moves every session of `user_id` so that it expired (absolute lifetime) a second ago.
void expire_sessions(std::uint64_t user_id);
/// Makes every session of `user_id` look idle for longer than the idle timeout.
void idle_sessions(std::uint64_t user_id);
void suspend(std::uint64_t user_id);
int count_sessions(std::uint64_t user_id);

inline Client pterodactyl() {
    return Client(Stack::get().url(config::Dialect::pterodactyl));
}
inline Client calagopus() {
    return Client(Stack::get().url(config::Dialect::calagopus));
}
inline Client eclipanel() {
    return Client(Stack::get().url(config::Dialect::eclipanel));
}

/// A browser signed in to the Pterodactyl SPA: its cookies, and the XSRF header its writes send.
struct PterodactylSession {
    TestUser t;
    Client client;
    Headers write;
};
PterodactylSession pterodactyl_session(TestUser t);

/// A client holding a session cookie of that dialect for `t` (the sign-in must succeed).
Client pterodactyl_signed_in(const TestUser& t);
Client calagopus_signed_in(const TestUser& t);

/// The Origin a browser on the same host would send.
inline Headers same_origin(const Client& client) {
    return {{"Origin", client.base_url()}};
}

}  // namespace accountd::testing
