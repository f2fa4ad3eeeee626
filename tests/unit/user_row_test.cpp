#include <boost/test/unit_test.hpp>

#include <map>

#include "db/prepared_query.hpp"
#include "db/user_row.hpp"

using namespace accountd;
using db::ColumnKind;

namespace {

// A row whose column c holds the text "c<c>", the number c and the flag (c odd).
struct NumberedRow {
    std::size_t null_column = 999;
    unsigned long long number(std::size_t c) const { return c; }
    std::string text(std::size_t c) const { return "c" + std::to_string(c); }
    std::optional<std::string> nullable_text(std::size_t c) const {
        if (c == null_column) return std::nullopt;
        return text(c);
    }
    bool flag(std::size_t c) const { return c % 2 == 1; }
    services::Timestamp time(std::size_t c) const {
        return services::Timestamp(std::chrono::seconds(1000 + c));
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(user_row)

BOOST_AUTO_TEST_CASE(the_users_column_list_is_the_one_every_user_query_selects) {
    BOOST_TEST(std::string(db::kUserColumns) ==
               "u.id, u.uuid, u.username, u.email, u.name_first, u.name_last, u.password_hash, "
               "u.root_admin, u.role, u.language, u.toast_position, u.start_on_grouped_servers, "
               "u.portal_type, u.email_verified, u.suspended, u.totp_enabled, u.avatar, "
               "u.created_at, u.updated_at");
}

BOOST_AUTO_TEST_CASE(prepared_lookups_fetch_each_users_column_as_its_fields_kind) {
    using K = ColumnKind;
    const std::vector<ColumnKind> expected = {K::number, K::text, K::text,     K::text,    K::text,
                                              K::text,   K::text, K::flag,     K::text,    K::text,
                                              K::text,   K::flag, K::text,     K::flag,    K::flag,
                                              K::flag,   K::text, K::datetime, K::datetime};
    BOOST_TEST((db::user_column_kinds() == expected));
}

BOOST_AUTO_TEST_CASE(a_row_becomes_a_user_field_by_field_from_the_given_first_column) {
    NumberedRow row;
    row.null_column = 3 + 8;  // role
    const auto u = db::read_user(row, 3);
    BOOST_TEST(u.id == 3u);
    BOOST_TEST(u.uuid == "c4");
    BOOST_TEST(u.username == "c5");
    BOOST_TEST(u.email == "c6");
    BOOST_TEST(u.name_first == "c7");
    BOOST_TEST(u.name_last == "c8");
    BOOST_TEST(u.password_hash.value_or("") == "c9");
    BOOST_TEST(u.root_admin == false);  // column 10
    BOOST_TEST(!u.role.has_value());
    BOOST_TEST(u.language == "c12");
    BOOST_TEST(u.toast_position == "c13");
    BOOST_TEST(u.start_on_grouped_servers == false);  // 14
    BOOST_TEST(u.portal_type == "c15");
    BOOST_TEST(u.email_verified == false);  // 16
    BOOST_TEST(u.suspended == true);        // 17
    BOOST_TEST(u.totp_enabled == false);    // 18
    BOOST_TEST(u.avatar.value_or("") == "c19");
    BOOST_TEST(u.created_at.time_since_epoch().count() ==
               services::Timestamp(std::chrono::seconds(1020)).time_since_epoch().count());
    BOOST_TEST(u.updated_at.time_since_epoch().count() ==
               services::Timestamp(std::chrono::seconds(1021)).time_since_epoch().count());
}

BOOST_AUTO_TEST_SUITE_END()
