#include "crypto/hash.hpp"
#include "db/mysql_session_repository.hpp"
#include "db/mysql_user_repository.hpp"
#include "db_fixture.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

struct SessionFixture : testing::DbFixture {
    db::MysqlUserRepository users{database};
    db::MysqlSessionRepository sessions{database};
    std::uint64_t user_id = 0;

    SessionFixture() { user_id = make_user("s"); }

    services::Session make_session() {
        services::Session s;
        s.public_id = crypto::random_uuid_v4(random);
        s.user_id = user_id;
        s.dialect = "calagopus";
        s.ip = "2001:db8::1";
        s.user_agent = "test agent";
        s.created_at = services::Timestamp(1'700'000'000s);
        s.last_used_at = s.created_at;
        s.expires_at = s.created_at + 3600s;
        return s;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(session_repository, SessionFixture)

// The repository's contract is in tests/contract/session_repository_contract.hpp; what is
// here is particular to MySQL.

BOOST_AUTO_TEST_CASE(deleting_a_user_deletes_their_sessions) {
    const std::string hash = crypto::sha256("cascade");
    sessions.insert(make_session(), hash);
    const long long id = static_cast<long long>(user_id);
    database.sql() << "DELETE FROM users WHERE id = :id", soci::use(id);
    BOOST_TEST(!sessions.find_by_token_hash(hash).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(session_lookup_plan)

// The hot-path lookup must stay a unique-index point read however many sessions exist, also for
// a bound hash that is not valid UTF-8.
BOOST_FIXTURE_TEST_CASE(the_token_lookup_uses_the_unique_index, SessionFixture) {
    for (int i = 0; i < 50; ++i)
        sessions.insert(make_session(), crypto::sha256("t" + std::to_string(i)));
    const std::string hash = crypto::sha256("t7");
    soci::row row;
    database.sql() << "EXPLAIN SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE "
                      "s.token_hash = :h",
        soci::use(hash), soci::into(row);
    // Columns: id, select_type, table, type, possible_keys, key, ...
    BOOST_TEST(row.get<std::string>(3) == "const");
    BOOST_TEST(row.get<std::string>(5) == "sessions_token_hash_unique");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(session_lookup_reconnect)

// A worker's connection can die under it (mariadbd restart, wait_timeout, KILL). The prepared
// lookup then reconnects and prepares again instead of failing every later request.
BOOST_FIXTURE_TEST_CASE(the_token_lookup_survives_a_killed_connection, SessionFixture) {
    const std::string hash = crypto::sha256("reconnect");
    sessions.insert(make_session(), hash);
    BOOST_REQUIRE(sessions.find_by_token_hash(hash).has_value());
    long long connection_id = 0;
    database.sql() << "SELECT CONNECTION_ID()", soci::into(connection_id);
    db::Database killer(testing::require_env("ACCOUNTD_TEST_DB_URL"));
    killer.sql() << "KILL CONNECTION " + std::to_string(connection_id);
    BOOST_TEST(sessions.find_by_token_hash(hash).has_value());
    BOOST_TEST(sessions.find_by_token_hash(hash).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
