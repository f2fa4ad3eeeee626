#include <boost/test/unit_test.hpp>

#include "services/profile_service.hpp"
#include "support/in_memory_repositories.hpp"
#include "test_support.hpp"

using namespace accountd;

namespace {

namespace field = services::profile_field;

struct ProfileWorld {
    testing::InMemoryUsers users;
    testing::ManualClock clock;
    crypto::OsRandom random;
    crypto::SecretBox box{random.bytes(32), random};
    services::ProfileService profiles{users, box, clock};
    std::uint64_t alice = 0;
    std::uint64_t bob = 0;

    ProfileWorld() {
        services::User u;
        u.username = "alice";
        u.email = "alice@example.com";
        alice = users.insert(u);
        u.username = "bob";
        u.email = "bob@example.com";
        bob = users.insert(u);
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(profile_service)

BOOST_AUTO_TEST_CASE(personal_fields_are_stored_sealed_and_read_back_opened) {
    ProfileWorld w;
    w.profiles.write(w.alice, {{field::phone, std::string("+43 660 1234567")},
                               {field::address, std::string("Stephansplatz 1")},
                               {field::date_of_birth, std::string("1990-04-01")},
                               {field::settings, std::string(R"({"locale":"de"})")}});
    const auto& stored = w.users.profiles.at(w.alice);
    BOOST_TEST(stored.at(field::phone).find("1234567") == std::string::npos);
    BOOST_TEST(stored.at(field::address).find("Stephansplatz") == std::string::npos);
    BOOST_TEST(stored.at(field::date_of_birth).find("1990") == std::string::npos);
    // Settings are no personal data: stored as given.
    BOOST_TEST(stored.at(field::settings) == R"({"locale":"de"})");
    const auto read = w.profiles.read(w.alice);
    BOOST_TEST(read.at(field::phone) == "+43 660 1234567");
    BOOST_TEST(read.at(field::address) == "Stephansplatz 1");
    BOOST_TEST(read.at(field::date_of_birth) == "1990-04-01");
    BOOST_TEST(read.at(field::settings) == R"({"locale":"de"})");
}

BOOST_AUTO_TEST_CASE(a_box_copied_to_another_user_or_field_does_not_open) {
    ProfileWorld w;
    w.profiles.write(w.alice, {{field::phone, std::string("+43 660 1234567")}});
    const auto box = w.users.profiles.at(w.alice).at(field::phone);
    w.users.profiles[w.bob][field::phone] = box;      // another row
    w.users.profiles[w.alice][field::address] = box;  // another column
    BOOST_TEST(w.profiles.read(w.bob).count(field::phone) == 0U);
    BOOST_TEST(w.profiles.read(w.alice).count(field::address) == 0U);
    BOOST_TEST(w.profiles.read(w.alice).at(field::phone) == "+43 660 1234567");
}

BOOST_AUTO_TEST_CASE(a_cleared_field_is_gone_and_others_stay) {
    ProfileWorld w;
    w.profiles.write(w.alice,
                     {{field::phone, std::string("1")}, {field::title, std::string("Dr")}});
    w.profiles.write(w.alice, {{field::phone, std::nullopt}});
    const auto read = w.profiles.read(w.alice);
    BOOST_TEST(read.count(field::phone) == 0U);
    BOOST_TEST(read.at(field::title) == "Dr");
}

BOOST_AUTO_TEST_CASE(every_personal_field_and_any_unknown_one_is_sealed) {
    for (const char* name : {field::middle_name, field::display_name, field::title, field::gender,
                             field::address, field::address2, field::phone, field::billing_company,
                             field::billing_city, field::billing_state, field::billing_zip,
                             field::billing_country, field::date_of_birth, "some_future_field"}) {
        BOOST_TEST(services::ProfileService::is_sealed(name), name);
    }
    for (const char* name : {field::settings, field::guide_shown, field::terms_consent_version,
                             field::consent, field::consent_version, field::consent_at}) {
        BOOST_TEST(!services::ProfileService::is_sealed(name), name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
