#include "db_fixture.hpp"

using namespace accountd;

BOOST_AUTO_TEST_SUITE(migrations)

BOOST_AUTO_TEST_CASE(migrations_apply_in_order_to_an_empty_database) {
    db::Database database(testing::require_env("ACCOUNTD_TEST_DB_URL"));
    testing::drop_all_tables(database);
    db::Migrator migrator(database, db::embedded_migrations());
    const auto report = migrator.migrate();
    BOOST_TEST(report.from_version == 0);
    BOOST_TEST(report.to_version == migrator.latest_version());
    BOOST_TEST(report.applied.size() == db::embedded_migrations().size());
    int tables = 0;
    database.sql()
        << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
           "AND table_name IN ('users', 'sessions', 'schema_migrations')",
        soci::into(tables);
    BOOST_TEST(tables == 3);
}

BOOST_AUTO_TEST_CASE(running_migrations_again_changes_nothing) {
    testing::DbFixture fixture;
    db::Migrator migrator(fixture.database, db::embedded_migrations());
    const auto report = migrator.migrate();
    BOOST_TEST(report.applied.empty());
    BOOST_TEST(report.from_version == report.to_version);
}

BOOST_AUTO_TEST_CASE(a_database_ahead_of_the_binary_is_refused) {
    testing::DbFixture fixture;
    fixture.database.sql() << "INSERT INTO schema_migrations (version, name, applied_at) "
                              "VALUES (9999, 'from_the_future', UTC_TIMESTAMP())";
    db::Migrator migrator(fixture.database, db::embedded_migrations());
    BOOST_CHECK_THROW(migrator.migrate(), db::SchemaAheadError);
    fixture.database.sql() << "DELETE FROM schema_migrations WHERE version = 9999";
}

BOOST_AUTO_TEST_CASE(tables_are_innodb_utf8mb4) {
    testing::DbFixture fixture;
    int wrong = -1;
    fixture.database.sql()
        << "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
           "AND (engine <> 'InnoDB' OR table_collation NOT LIKE 'utf8mb4%')",
        soci::into(wrong);
    BOOST_TEST(wrong == 0);
}

BOOST_AUTO_TEST_SUITE_END()
