#include <boost/test/unit_test.hpp>

#include "handlers/eclipanel/profile_rules.hpp"

using namespace accountd::handlers::eclipanel;
using namespace std::chrono;

BOOST_AUTO_TEST_SUITE(eclipanel_profile_rules)

BOOST_AUTO_TEST_CASE(password_complexity_reports_every_failed_rule_in_order) {
    const auto problems = password_complexity_problems("abc");
    BOOST_TEST(problems.size() == 4U);
    BOOST_TEST(problems[0] == "Password must be at least 8 characters long.");
    BOOST_TEST(problems[1] == "Password must contain at least one uppercase letter.");
    BOOST_TEST(problems[2] == "Password must contain at least one number.");
    BOOST_TEST(problems[3] == "Password must contain at least one symbol.");
    BOOST_TEST(password_complexity_problems("Correct-Horse-9").empty());
    // A space and any non-ASCII character count as symbols; length is in characters.
    BOOST_TEST(password_complexity_problems("Abcdefg 1").empty());
    BOOST_TEST(password_complexity_problems("Abcdefgé1").empty());
    const auto long_one = password_complexity_problems("Aa1!" + std::string(125, 'x'));
    BOOST_TEST(long_one.size() == 1U);
    BOOST_TEST(long_one[0] == "Password must be no more than 128 characters long.");
    BOOST_TEST(password_complexity_problems("A1!" + std::string(40, 'B')).size() == 1U);
}

BOOST_AUTO_TEST_CASE(email_shape_is_ecli_panels_regex) {
    BOOST_TEST(is_email_shaped("a@b.co"));
    BOOST_TEST(is_email_shaped("first.last@sub.example.org"));
    BOOST_TEST(!is_email_shaped("a@b"));
    BOOST_TEST(!is_email_shaped("@b.co"));
    BOOST_TEST(!is_email_shaped("a@.co"));
    BOOST_TEST(!is_email_shaped("a@b."));
    BOOST_TEST(!is_email_shaped("a b@c.de"));
    BOOST_TEST(!is_email_shaped("a@b@c.de"));
    BOOST_TEST(!is_email_shaped(""));
}

BOOST_AUTO_TEST_CASE(dates_of_birth_are_calendar_days) {
    const auto date = parse_date_of_birth("2000-02-29");
    BOOST_REQUIRE(date.has_value());
    BOOST_TEST(format_date(*date) == "2000-02-29");
    BOOST_TEST(parse_date_of_birth("2000-02-29T12:00:00.000Z").has_value());
    BOOST_TEST(!parse_date_of_birth("2001-02-29").has_value());
    BOOST_TEST(!parse_date_of_birth("2001-13-01").has_value());
    BOOST_TEST(!parse_date_of_birth("01.02.2001").has_value());
    BOOST_TEST(!parse_date_of_birth("2001-1-01").has_value());
    BOOST_TEST(!parse_date_of_birth("2001-01-01x").has_value());
    BOOST_TEST(!parse_date_of_birth("").has_value());
    BOOST_TEST(!parse_date_of_birth("+001-01-01").has_value());
}

BOOST_AUTO_TEST_CASE(age_counts_whole_years_to_the_birthday) {
    const year_month_day birth{year{2010}, month{6}, day{15}};
    BOOST_TEST(age_on(birth, year_month_day{year{2024}, month{6}, day{14}}) == 13);
    BOOST_TEST(age_on(birth, year_month_day{year{2024}, month{6}, day{15}}) == 14);
    BOOST_TEST(age_on(birth, year_month_day{year{2024}, month{12}, day{1}}) == 14);
}

BOOST_AUTO_TEST_CASE(minimum_age_is_fourteen_in_the_eu_and_uk_and_thirteen_elsewhere) {
    BOOST_TEST(minimum_age("Austria") == 14);
    BOOST_TEST(minimum_age("de") == 14);
    BOOST_TEST(minimum_age(" United Kingdom ") == 14);
    BOOST_TEST(minimum_age("GB") == 14);
    BOOST_TEST(minimum_age("United States") == 13);
    BOOST_TEST(minimum_age("") == 13);
}

BOOST_AUTO_TEST_CASE(max_lengths_follow_the_reference_table) {
    BOOST_TEST(max_length("firstName") == 64U);
    BOOST_TEST(max_length("title") == 32U);
    BOOST_TEST(max_length("address") == 256U);
    BOOST_TEST(max_length("billingZip") == 20U);
    BOOST_TEST(max_length("phone") == 32U);
    BOOST_TEST(max_length("settings") == 0U);
}

BOOST_AUTO_TEST_SUITE_END()
