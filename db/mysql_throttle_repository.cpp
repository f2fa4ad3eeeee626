#include "db/mysql_throttle_repository.hpp"

#include "crypto/hash.hpp"
#include "db/time_convert.hpp"

namespace accountd::db {

services::ThrottleWindow MysqlThrottleRepository::hit(const std::string& bucket, int window_seconds,
                                                      services::Timestamp now) {
    return guarded("throttle.hit", [&] {
        const std::string key = crypto::sha256(bucket);
        const std::tm at = to_tm(now);
        const std::tm ends = to_tm(now + std::chrono::seconds(window_seconds));
        // One statement, so concurrent workers cannot lose a hit: a window that has ended
        // restarts at 1, otherwise the count goes up. LAST_INSERT_ID(x) hands this
        // connection the count its own hit made, which a later SELECT could not: another
        // worker's hit may land in between.
        db_.sql() << "INSERT INTO throttle_buckets (bucket, hits, window_ends) "
                     "VALUES (:b, LAST_INSERT_ID(1), :ends) "
                     "ON DUPLICATE KEY UPDATE "
                     "hits = LAST_INSERT_ID(IF(window_ends <= :now, 1, hits + 1)), "
                     "window_ends = IF(window_ends <= :now2, :ends2, window_ends)",
            soci::use(key, "b"), soci::use(ends, "ends"), soci::use(at, "now"),
            soci::use(at, "now2"), soci::use(ends, "ends2");
        // One round trip: LAST_INSERT_ID() is this connection's, whatever row is read with it.
        long long hits = 0;
        int stored_hits = 0;
        std::tm window_ends{};
        db_.sql() << "SELECT LAST_INSERT_ID(), hits, window_ends FROM throttle_buckets "
                     "WHERE bucket = :b",
            soci::use(key), soci::into(hits), soci::into(stored_hits), soci::into(window_ends);
        services::ThrottleWindow window;
        if (!db_.sql().got_data()) {
            // Cleared by a success since the upsert: this hit starts the count again.
            window.hits = 1;
            window.ends = now + std::chrono::seconds(window_seconds);
            return window;
        }
        // 0 means the connection was re-established after the upsert (the id is per
        // connection): the row's count, which may include other hits, is the safe answer.
        window.hits = static_cast<std::uint32_t>(hits > 0 ? hits : stored_hits);
        window.ends = from_tm(window_ends);
        return window;
    });
}

void MysqlThrottleRepository::release(const std::string& bucket, services::Timestamp now) {
    guarded("throttle.release", [&] {
        const std::string key = crypto::sha256(bucket);
        const std::tm at = to_tm(now);
        db_.sql() << "UPDATE throttle_buckets SET hits = hits - 1 "
                     "WHERE bucket = :b AND hits > 0 AND window_ends > :now",
            soci::use(key, "b"), soci::use(at, "now");
        return 0;
    });
}

bool MysqlThrottleRepository::running(const std::string& bucket, services::Timestamp now) {
    return guarded("throttle.running", [&] {
        const std::string key = crypto::sha256(bucket);
        const std::tm at = to_tm(now);
        int found = 0;
        db_.sql()
            << "SELECT COUNT(*) FROM throttle_buckets WHERE bucket = :b AND window_ends > :now",
            soci::use(key, "b"), soci::use(at, "now"), soci::into(found);
        return found > 0;
    });
}

void MysqlThrottleRepository::clear(const std::string& bucket) {
    guarded("throttle.clear", [&] {
        const std::string key = crypto::sha256(bucket);
        db_.sql() << "DELETE FROM throttle_buckets WHERE bucket = :b", soci::use(key);
        return 0;
    });
}

}  // namespace accountd::db
