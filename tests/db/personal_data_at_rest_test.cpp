// Reference eclipanel.md §10: the personal profile fields are sealed in the database. Reads the
// raw rows a profile write leaves (the user row and its profile fields) and finds none of the
// values in clear text. The names stay in users.name_first/name_last on purpose: the Pterodactyl
// and Calagopus dialects search and show them (README, EcliPanel: personal data at rest).

#include <soci/soci.h>

#include "crypto/secret_box.hpp"
#include "db_fixture.hpp"
#include "services/profile_service.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

namespace field = services::profile_field;

struct FixedClock final : services::Clock {
    services::Timestamp now() const override {
        return services::Timestamp(std::chrono::seconds(1'700'000'000));
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(personal_data_at_rest)

BOOST_AUTO_TEST_CASE(no_personal_profile_field_is_stored_in_clear_text) {
    DbFixture f;
    db::MysqlUserRepository users(f.database);
    crypto::SecretBox box(f.random.bytes(32), f.random);
    FixedClock clock;
    services::ProfileService profiles(users, box, clock);
    const auto id = f.make_user();
    const std::map<std::string, std::string> personal = {
        {field::middle_name, "Quintessa"},
        {field::display_name, "quintdisplay"},
        {field::title, "Archduchess"},
        {field::gender, "genderqwv"},
        {field::address, "742 Evergreen Terrace"},
        {field::address2, "Apartment 9Z"},
        {field::phone, "+43 660 9876543"},
        {field::billing_company, "Zyxcorp"},
        {field::billing_city, "Springfieldia"},
        {field::billing_state, "Oregonia"},
        {field::billing_zip, "97475-QX"},
        {field::billing_country, "Austria"},
        {field::date_of_birth, "1987-03-14"},
    };
    services::ProfileUpdate update;
    for (const auto& [name, value] : personal)
        update[name] = value;
    profiles.write(id, update);
    BOOST_TEST(profiles.read(id).at(field::phone) == "+43 660 9876543");

    // Every stored byte of the user's rows, as the database hands them out.
    std::string raw;
    const long long user_id = static_cast<long long>(id);
    soci::rowset<soci::row> rows =
        (f.database.sql().prepare << "SELECT * FROM users WHERE id = :id", soci::use(user_id));
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (row.get_indicator(c) == soci::i_null) continue;
            if (row.get_properties(c).get_data_type() == soci::dt_string) {
                raw += row.get<std::string>(c);
            }
            raw += '|';
        }
    }
    std::string value;
    std::string name;
    soci::statement st = (f.database.sql().prepare
                              << "SELECT field, value FROM user_profile_fields WHERE user_id = :id",
                          soci::use(user_id), soci::into(name), soci::into(value));
    st.execute();
    int stored = 0;
    while (st.fetch()) {
        raw += name + "=" + value + "|";
        ++stored;
    }
    BOOST_TEST(stored == static_cast<int>(personal.size()));
    for (const auto& [name_, value_] : personal) {
        BOOST_TEST(raw.find(value_) == std::string::npos, name_ << " is stored in clear text");
    }
    // The year alone is not there either.
    BOOST_TEST(raw.find("1987") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
