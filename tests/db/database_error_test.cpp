#include "db_fixture.hpp"

using namespace accountd;

BOOST_AUTO_TEST_SUITE(database_errors)

BOOST_AUTO_TEST_CASE(a_failing_statement_never_leaks_its_bound_values) {
    testing::DbFixture fixture;
    const std::string secret = "token-that-must-not-leak";
    try {
        db::guarded("test.bad_query", [&] {
            fixture.database.sql() << "SELECT no_such_column FROM users WHERE email = :e",
                soci::use(secret);
            return 0;
        });
        BOOST_FAIL("expected DatabaseError");
    } catch (const db::DatabaseError& e) {
        const std::string text = e.what();
        BOOST_TEST(text.find(secret) == std::string::npos);
        BOOST_TEST(text.find("test.bad_query") != std::string::npos);
        BOOST_TEST(e.error_number() == 1054u);  // ER_BAD_FIELD_ERROR
    }
}

BOOST_AUTO_TEST_CASE(an_unreachable_server_is_a_database_error_without_the_password) {
    db::Database database(
        "db=x user=nobody password=hunter2-secret host=127.0.0.1 port=1 connect_timeout=2");
    BOOST_TEST(!database.ping());
    try {
        database.sql();
        BOOST_FAIL("expected DatabaseError");
    } catch (const db::DatabaseError& e) {
        BOOST_TEST(std::string(e.what()).find("hunter2") == std::string::npos);
    }
}

BOOST_AUTO_TEST_CASE(a_live_connection_answers_ping) {
    testing::DbFixture fixture;
    BOOST_TEST(fixture.database.ping());
}

BOOST_AUTO_TEST_SUITE_END()
