// A database that stops answering fails the statement within the configured timeouts
// (database.connect_timeout / read_timeout, passed to Connector/C as SOCI options) instead of
// holding the worker: a listener that accepts and never speaks, and the test stack's own mariadbd
// stopped with SIGSTOP.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "db_fixture.hpp"
#include "support/stopped_mariadb.hpp"

using namespace accountd;
using Clock = std::chrono::steady_clock;

namespace {

// A TCP port on loopback whose connections the kernel completes but nobody ever serves.
struct SilentListener {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    int port = 0;
    SilentListener() {
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof addr;
        BOOST_REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        BOOST_REQUIRE(::listen(fd, 16) == 0);
        BOOST_REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length) == 0);
        port = ntohs(addr.sin_port);
    }
    ~SilentListener() { ::close(fd); }
    SilentListener(const SilentListener&) = delete;
    SilentListener& operator=(const SilentListener&) = delete;
};

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(database_timeouts)

BOOST_AUTO_TEST_CASE(a_server_that_accepts_and_never_answers_fails_within_the_connect_timeout) {
    const SilentListener listener;
    db::Database database("db=x user=nobody password=hunter2-secret host=127.0.0.1 port=" +
                          std::to_string(listener.port) + " connect_timeout=2");
    const auto start = Clock::now();
    BOOST_CHECK_THROW(database.sql(), db::DatabaseError);
    const double took = seconds_since(start);
    BOOST_TEST(took >= 1.5);
    BOOST_TEST(took < 10.0, "took " << took << " s");
}

BOOST_AUTO_TEST_CASE(a_stalled_server_fails_the_statement_within_the_read_timeout_and_recovers) {
    db::Database database(testing::require_env("ACCOUNTD_TEST_DB_URL") +
                          " read_timeout=2 write_timeout=2 connect_timeout=2");
    BOOST_REQUIRE(database.ping());
    {
        const testing::StoppedMariadb stopped(testing::require_env("ACCOUNTD_TEST_STATE") +
                                              "/mariadb/run/mysqld.pid");
        const auto start = Clock::now();
        BOOST_CHECK_THROW(db::guarded("test.stalled",
                                      [&] {
                                          int one = 0;
                                          database.sql() << "SELECT 1", soci::into(one);
                                          return one;
                                      }),
                          db::DatabaseError);
        const double took = seconds_since(start);
        BOOST_TEST(took >= 1.5);
        BOOST_TEST(took < 15.0, "took " << took << " s");
    }
    // Once the server answers again, the same connection object reconnects.
    BOOST_TEST(database.ping());
}

BOOST_AUTO_TEST_SUITE_END()
