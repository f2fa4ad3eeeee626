// The API-key and SSH-key caps on real MariaDB, against creates running at once on separate
// connections (as separate workers): counting and inserting must be one step, or several
// creates each count one below the cap and all insert.

#include <atomic>
#include <thread>
#include <vector>

#include "db/mysql_api_key_repository.hpp"
#include "db/mysql_ssh_key_repository.hpp"
#include "db_fixture.hpp"

using namespace accountd;

namespace {

constexpr int kWorkers = 8;
constexpr int kTriesEach = 6;  // 48 creates against a cap of 25

// Runs `create(connection, worker, attempt)` from kWorkers threads, each on its own connection,
// all released at once; returns how many returned true.
template <typename Create>
int race(const Create& create) {
    const std::string url = testing::require_env("ACCOUNTD_TEST_DB_URL");
    std::atomic<int> ready{0};
    std::atomic<int> stored{0};
    std::vector<std::thread> workers;
    workers.reserve(kWorkers);
    for (int w = 0; w < kWorkers; ++w) {
        workers.emplace_back([&, w] {
            db::Database connection(url);
            connection.sql() << "SELECT 1";  // connect before the start line
            ++ready;
            while (ready.load() < kWorkers)
                std::this_thread::yield();
            for (int i = 0; i < kTriesEach; ++i) {
                if (create(connection, w, i)) ++stored;
            }
        });
    }
    for (auto& t : workers)
        t.join();
    return stored.load();
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(key_caps, testing::DbFixture)

BOOST_AUTO_TEST_CASE(parallel_api_key_creates_stop_at_the_cap) {
    const auto owner = make_user("cap");
    const int stored = race([&](db::Database& connection, int w, int i) {
        db::MysqlApiKeyRepository keys(connection);
        services::ApiKey k;
        k.user_id = owner;
        k.format = "pterodactyl";
        k.identifier = "ptlc_race" + std::to_string(w) + "x" + std::to_string(i);
        k.identifier.resize(16, 'z');
        k.description = "race";
        k.created_at = services::Timestamp(std::chrono::seconds(1'700'000'000));
        k.updated_at = k.created_at;
        return keys.insert_within_cap(k, std::string(32, 'h'), 25).has_value();
    });
    BOOST_TEST(stored == 25);
    BOOST_TEST(db::MysqlApiKeyRepository(database).count_for_user(
                   owner, "pterodactyl", services::kAccountKeyType) == 25u);
}

BOOST_AUTO_TEST_CASE(parallel_ssh_key_creates_stop_at_the_cap) {
    const auto owner = make_user("cap");
    const int stored = race([&](db::Database& connection, int w, int i) {
        db::MysqlSshKeyRepository keys(connection);
        services::SshKey k;
        k.uuid =
            "00000000-0000-4000-8000-0000000" + std::to_string(100 + w) + std::to_string(10 + i);
        k.user_id = owner;
        k.name = "race";
        k.fingerprint = "fp" + std::to_string(w) + "-" + std::to_string(i);
        k.public_key = "-----BEGIN PUBLIC KEY-----\r\nAA==\r\n-----END PUBLIC KEY-----";
        k.created_at = services::Timestamp(std::chrono::seconds(1'700'000'000));
        return keys.insert_within_cap(k, 25) == services::SshKeyRepository::Insert::stored;
    });
    BOOST_TEST(stored == 25);
    BOOST_TEST(db::MysqlSshKeyRepository(database).count_for_user(owner) == 25u);
}

BOOST_AUTO_TEST_SUITE_END()
