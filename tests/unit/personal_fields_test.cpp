// db::PersonalFields: names sealed to their column and user, empty names left empty, old
// plaintext values read as they are, and a box that does not open never read as its bytes.

#include <boost/test/unit_test.hpp>

#include "crypto/random.hpp"
#include "db/personal_fields.hpp"

namespace accountd::testing {
namespace {

struct PersonalFieldsFixture {
    crypto::OsRandom random;
    crypto::SecretBox box{std::string(32, 'k'), random};
    db::PersonalFields fields{&box};
};

BOOST_FIXTURE_TEST_SUITE(personal_fields, PersonalFieldsFixture)

BOOST_AUTO_TEST_CASE(a_sealed_name_opens_for_its_column_and_user_only) {
    const auto stored = fields.seal("name_first", "uuid-a", "Ada");
    BOOST_TEST(stored.find("Ada") == std::string::npos);
    BOOST_TEST(fields.open("name_first", "uuid-a", stored) == "Ada");
    BOOST_TEST(fields.open("name_first", "uuid-b", stored).empty());
    BOOST_TEST(fields.open("name_last", "uuid-a", stored).empty());
}

BOOST_AUTO_TEST_CASE(empty_and_legacy_values) {
    BOOST_TEST(fields.seal("name_first", "uuid-a", "").empty());
    BOOST_TEST(fields.open("name_first", "uuid-a", "").empty());
    BOOST_TEST(fields.open("name_first", "uuid-a", "Typed Before") == "Typed Before");
}

BOOST_AUTO_TEST_CASE(an_altered_box_reads_as_empty) {
    auto stored = fields.seal("name_last", "uuid-a", "Lovelace");
    stored.back() = static_cast<char>(stored.back() ^ 1);
    BOOST_TEST(fields.open("name_last", "uuid-a", stored).empty());
}

BOOST_AUTO_TEST_CASE(the_user_gets_both_names_opened) {
    services::User user;
    user.uuid = "uuid-u";
    user.name_first = fields.seal("name_first", user.uuid, "Grace");
    user.name_last = fields.seal("name_last", user.uuid, "Hopper");
    fields.open_user(user);
    BOOST_TEST(user.name_first == "Grace");
    BOOST_TEST(user.name_last == "Hopper");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace accountd::testing
