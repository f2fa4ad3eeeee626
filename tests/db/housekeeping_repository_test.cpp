// Housekeeping's deletes on real MariaDB: only rows past their time go, the limit holds, and
// the deletes use their indexes.

#include "db/mysql_housekeeping_repository.hpp"
#include "db/mysql_throttle_repository.hpp"
#include "db_fixture.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

// Far from the wall clock on purpose: the rows' times are all relative to it.
constexpr services::Timestamp kNow{std::chrono::seconds(1'800'000'000)};

struct HousekeepingFixture : testing::DbFixture {
    db::MysqlHousekeepingRepository housekeeping{database};
    std::uint64_t user_id = make_user("hk");

    int count(const std::string& table) {
        int n = 0;
        database.sql() << "SELECT COUNT(*) FROM " + table, soci::into(n);
        return n;
    }
    // FROM_UNIXTIME reads in the connection's time zone, which Database sets to UTC.
    void session_ending(std::chrono::seconds from_now) {
        const long long owner = static_cast<long long>(user_id);
        const long long at = (kNow + from_now).time_since_epoch().count();
        const std::string id = crypto::random_uuid_v4(random);
        const std::string hash = random.bytes(32);
        database.sql()
            << "INSERT INTO sessions (public_id, token_hash, user_id, dialect, ip, "
               "created_at, last_used_at, expires_at) VALUES (:p, :h, :u, 'pterodactyl', "
               "'127.0.0.1', UTC_TIMESTAMP(), UTC_TIMESTAMP(), FROM_UNIXTIME(:at))",
            soci::use(id), soci::use(hash), soci::use(owner), soci::use(at);
    }
    void pending_ending(std::chrono::seconds from_now) {
        const long long owner = static_cast<long long>(user_id);
        const long long at = (kNow + from_now).time_since_epoch().count();
        const std::string hash = random.bytes(32);
        database.sql() << "INSERT INTO pending_logins (token_hash, user_id, dialect, expires_at) "
                          "VALUES (:h, :u, 'pterodactyl', FROM_UNIXTIME(:at))",
            soci::use(hash), soci::use(owner), soci::use(at);
    }
    void activity_at(std::chrono::seconds from_now) {
        const long long owner = static_cast<long long>(user_id);
        const long long at = (kNow + from_now).time_since_epoch().count();
        database.sql() << "INSERT INTO activity_logs (event, ip, subject_user_id, properties, "
                          "created_at) VALUES ('auth:success', '127.0.0.1', :u, '{}', "
                          "FROM_UNIXTIME(:at))",
            soci::use(owner), soci::use(at);
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(housekeeping_repository, HousekeepingFixture)

BOOST_AUTO_TEST_CASE(only_rows_past_their_time_are_deleted) {
    session_ending(-10s);
    session_ending(0s);
    session_ending(10s);
    pending_ending(-1s);
    pending_ending(60s);
    activity_at(-91 * 24h);
    activity_at(-89 * 24h);
    db::MysqlThrottleRepository buckets(database);
    buckets.hit("ended", 60, kNow - 120s);
    buckets.hit("running", 60, kNow - 30s);

    BOOST_TEST(housekeeping.delete_expired_sessions(kNow, 100) == 2u);
    BOOST_TEST(count("sessions") == 1);
    BOOST_TEST(housekeeping.delete_expired_pending_logins(kNow, 100) == 1u);
    BOOST_TEST(count("pending_logins") == 1);
    BOOST_TEST(housekeeping.delete_ended_throttle_windows(kNow, 100) == 1u);
    BOOST_TEST(count("throttle_buckets") == 1);
    BOOST_TEST(housekeeping.delete_activity_before(kNow - 90 * 24h, 100) == 1u);
    BOOST_TEST(count("activity_logs") == 1);
    // Nothing left to do.
    BOOST_TEST(housekeeping.delete_expired_sessions(kNow, 100) == 0u);
}

BOOST_AUTO_TEST_CASE(a_run_deletes_at_most_its_limit) {
    for (int i = 0; i < 7; ++i)
        activity_at(-std::chrono::seconds(100 + i));
    BOOST_TEST(housekeeping.delete_activity_before(kNow, 5) == 5u);
    BOOST_TEST(housekeeping.delete_activity_before(kNow, 5) == 2u);
    BOOST_TEST(count("activity_logs") == 0);
}

BOOST_AUTO_TEST_CASE(every_delete_has_an_index_on_its_time_column) {
    const std::vector<std::pair<std::string, std::string>> deletes = {
        {"sessions", "expires_at"},
        {"pending_logins", "expires_at"},
        {"throttle_buckets", "window_ends"},
        {"activity_logs", "created_at"}};
    for (const auto& [table, column] : deletes) {
        // On a near-empty table the optimizer may well scan; what must hold is that it could
        // use an index, whatever the table grows to.
        soci::row row;
        database.sql() << "EXPLAIN DELETE FROM " + table + " WHERE " + column +
                              " <= '2030-01-01' LIMIT 1000",
            soci::into(row);
        // Columns: id, select_type, table, type, possible_keys, key, ...
        const bool listed = row.get_indicator(4) == soci::i_ok;
        BOOST_TEST(listed, table);
        if (listed) {
            const auto keys = row.get<std::string>(4);
            BOOST_TEST(keys.find(column) != std::string::npos, table << ": " << keys);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
