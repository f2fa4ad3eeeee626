// The served workers delete what has expired between requests (scripts/test.sh sets
// housekeeping.interval to one second): old activity, expired sessions and pending sign-ins,
// ended throttle windows. Live rows stay.

#include <chrono>
#include <thread>

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

int count_where(const std::string& sql, long long id) {
    int n = 0;
    Stack::get().sql() << sql, soci::use(id), soci::into(n);
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(housekeeping)

BOOST_AUTO_TEST_CASE(workers_delete_expired_rows_between_requests) {
    auto s = pterodactyl_session(create_user());
    auto gone = pterodactyl_session(create_user());
    const long long me = static_cast<long long>(s.t.user.id);
    const long long other = static_cast<long long>(gone.t.user.id);
    const int retention = Stack::get().root().config().activity_retention_days;
    BOOST_REQUIRE(retention > 0);
    // One entry past the retention, one just inside it; the other user's session has expired.
    // A worker may already be at work as they are written, so only the end state is checked.
    Stack::get().sql() << "INSERT INTO activity_logs (event, ip, subject_user_id, properties, "
                          "created_at) VALUES ('test:too-old', '127.0.0.1', :u, '{}', "
                          "UTC_TIMESTAMP() - INTERVAL :d DAY - INTERVAL 1 HOUR), "
                          "('test:kept', '127.0.0.1', :u2, '{}', "
                          "UTC_TIMESTAMP() - INTERVAL :d2 DAY + INTERVAL 1 HOUR)",
        soci::use(me, "u"), soci::use(retention, "d"), soci::use(me, "u2"),
        soci::use(retention, "d2");
    expire_sessions(gone.t.user.id);
    const std::string too_old =
        "SELECT COUNT(*) FROM activity_logs WHERE subject_user_id = :u AND event = 'test:too-old'";
    const std::string kept =
        "SELECT COUNT(*) FROM activity_logs WHERE subject_user_id = :u AND event = 'test:kept'";
    const std::string sessions = "SELECT COUNT(*) FROM sessions WHERE user_id = :u";

    // Every worker is due again after a second; any request wakes one of them.
    for (int i = 0; i < 30 && (count_where(too_old, me) != 0 || count_where(sessions, other) != 0);
         ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        pterodactyl().get("/api/health");
    }
    BOOST_TEST(count_where(too_old, me) == 0);
    BOOST_TEST(count_where(kept, me) == 1);
    BOOST_TEST(count_where(sessions, other) == 0);
    BOOST_TEST(count_where(sessions, me) == 1);
    BOOST_TEST(s.client.get("/api/client/account").status == 200);
}

BOOST_AUTO_TEST_SUITE_END()
