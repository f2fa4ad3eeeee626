// The shared throttle counters on real MariaDB: hits from many connections at once are all
// counted and the claim-first sign-in throttle lets exactly its limit through.

#include <atomic>
#include <thread>

#include "db/mysql_throttle_repository.hpp"
#include "db_fixture.hpp"
#include "services/throttle.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

constexpr services::Timestamp kNow{std::chrono::seconds(1'700'000'000)};

class FixedClock final : public services::Clock {
  public:
    services::Timestamp now() const override { return kNow; }
};

int row_count(db::Database& database) {
    int n = 0;
    database.sql() << "SELECT COUNT(*) FROM throttle_buckets", soci::into(n);
    return n;
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(throttle_repository, testing::DbFixture)

BOOST_AUTO_TEST_CASE(a_window_counts_hits_restarts_when_it_ends_and_gives_hits_back) {
    db::MysqlThrottleRepository buckets(database);
    BOOST_TEST(buckets.hit("b", 60, kNow).hits == 1u);
    const auto second = buckets.hit("b", 60, kNow + 10s);
    BOOST_TEST(second.hits == 2u);
    BOOST_TEST((second.ends == kNow + 60s));  // a hit does not move the end
    buckets.release("b", kNow + 20s);
    BOOST_TEST(buckets.hit("b", 60, kNow + 30s).hits == 2u);
    const auto fresh = buckets.hit("b", 60, kNow + 60s);
    BOOST_TEST(fresh.hits == 1u);
    BOOST_TEST((fresh.ends == kNow + 120s));
    buckets.release("b", kNow + 61s);
    buckets.release("b", kNow + 61s);  // never below zero
    BOOST_TEST(buckets.hit("b", 60, kNow + 62s).hits == 1u);
    BOOST_TEST(buckets.running("b", kNow + 62s));
    BOOST_TEST(!buckets.running("b", kNow + 120s));
    BOOST_TEST(!buckets.running("never hit", kNow));
    buckets.clear("b");
    BOOST_TEST(row_count(database) == 0);
}

BOOST_AUTO_TEST_CASE(simultaneous_claims_on_many_connections_let_only_the_limit_through) {
    // Eight workers guess at one account at the same moment, 5 guesses each.
    const std::string url = testing::require_env("ACCOUNTD_TEST_DB_URL");
    std::atomic<int> went_ahead{0};
    std::atomic<int> refused{0};
    std::vector<std::thread> workers;
    workers.reserve(8);
    for (int w = 0; w < 8; ++w) {
        workers.emplace_back([&] {
            db::Database connection(url);
            db::MysqlThrottleRepository buckets(connection);
            FixedClock clock;
            services::LoginThrottle throttle(buckets, clock, services::LoginLimits{});
            for (int i = 0; i < 5; ++i) {
                if (throttle.claim("192.0.2.1", services::LoginThrottle::for_sign_in(1, "alice"))) {
                    ++refused;
                } else {
                    ++went_ahead;
                }
            }
        });
    }
    for (auto& t : workers)
        t.join();
    BOOST_TEST(went_ahead.load() == 5);  // the per IP+account limit, not one more
    BOOST_TEST(refused.load() == 35);
    db::MysqlThrottleRepository buckets(database);
    // The five failures are counted; the refused attempts gave their hits back.
    BOOST_TEST(buckets.hit("login-ip|192.0.2.1", 60, kNow).hits == 6u);
}

BOOST_AUTO_TEST_SUITE_END()
