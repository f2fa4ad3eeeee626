#include <boost/test/unit_test.hpp>

#include "db/migration.hpp"

using namespace accountd::db;

BOOST_AUTO_TEST_SUITE(migration_files)

BOOST_AUTO_TEST_CASE(statements_split_at_line_final_semicolons_and_skip_comments) {
    const auto statements = split_sql_statements(
        "-- comment; not a statement\nCREATE TABLE a (\n  x INT -- trailing; kept\n);\n\n"
        "INSERT INTO a VALUES (1);\nSELECT 'a;b'\n");
    BOOST_REQUIRE(statements.size() == 3u);
    BOOST_TEST(statements[0].starts_with("CREATE TABLE a"));
    BOOST_TEST(statements[1] == "INSERT INTO a VALUES (1)");
    BOOST_TEST(statements[2] == "SELECT 'a;b'\n");
}

BOOST_AUTO_TEST_CASE(embedded_migrations_are_numbered_in_order_from_one) {
    const auto& migrations = embedded_migrations();
    BOOST_REQUIRE(!migrations.empty());
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        BOOST_TEST(migrations[i].version == static_cast<int>(i + 1));
        BOOST_TEST(!split_sql_statements(migrations[i].sql).empty());
    }
}

BOOST_AUTO_TEST_SUITE_END()
