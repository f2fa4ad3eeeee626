// What a sign-in is counted under, through nginx against the real worker pool and MariaDB:
// IPv6 clients per /64 (a host is given a whole /64, so single addresses would be fresh counts
// forever), and names as the database folds them (accents, case, fullwidth forms), keyed on the
// account once the name resolves to one. The test stack's nginx takes the client address from
// X-Forwarded-For sent from loopback (scripts/lib/stack.sh).

#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

Headers from(const std::string& address) {
    return {{"X-Forwarded-For", address}};
}

/// A /64 no other test uses: "2001:db8:XXXX:YYYY:".
std::string fresh_network() {
    const auto name = unique_name("");
    unsigned a = 0;
    for (const char c : name)
        a = a * 31 + static_cast<unsigned char>(c);
    char text[32];
    std::snprintf(text, sizeof text, "2001:db8:%x:%x:", (a >> 16) & 0xffff, a & 0xffff);
    return text;
}

/// `ascii` with every lowercase letter in its fullwidth form (U+FF41..U+FF5A), as UTF-8.
std::string fullwidth(const std::string& ascii) {
    std::string out;
    for (const char c : ascii) {
        if (c < 'a' || c > 'z') {
            out += c;
            continue;
        }
        const unsigned cp = 0xFF41 + static_cast<unsigned>(c - 'a');
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return out;
}

/// `ascii` (lowercase) with its first 'u' as 'Ú' and the rest uppercase.
std::string accented(const std::string& ascii) {
    std::string out;
    bool done = false;
    for (const char c : ascii) {
        if (!done && c == 'u') {
            out += "\xc3\x9a";  // U+00DA
            done = true;
        } else {
            out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

bool is_our_throttle(const HttpResult& r) {
    // accountd's own 429, not nginx's limit_req
    return r.status == 429 && r.json()["errors"][0]["detail"].get<std::string>().starts_with(
                                  "Too many login attempts.");
}

}  // namespace

BOOST_AUTO_TEST_SUITE(throttle_keys)

BOOST_AUTO_TEST_CASE(wrong_passwords_from_many_addresses_of_one_ipv6_64_are_counted_together) {
    const auto t = create_user();
    const std::string network = fresh_network();
    const nlohmann::json wrong = {{"user", t.user.username}, {"password", "wrong password"}};
    // Five addresses of one /64, one guess each: each would be a fresh count per address.
    for (int i = 1; i <= 5; ++i) {
        const auto r =
            pterodactyl().post_json("/auth/login", wrong, from(network + ":" + std::to_string(i)));
        BOOST_TEST(r.status == 400, "guess " << i << " answered " << r.status);
    }
    const auto sixth = pterodactyl().post_json(
        "/auth/login", {{"user", t.user.username}, {"password", t.password}},
        from(network + "ffff:ffff:ffff:fffe"));
    BOOST_TEST(is_our_throttle(sixth));
    // The count is kept for the network, not for any one address.
    int rows = 0;
    const std::string bucket = "login-ip|" + network + ":/64";
    Stack::get().sql()
        << "SELECT COUNT(*) FROM throttle_buckets WHERE bucket = UNHEX(SHA2(:b, 256))",
        soci::use(bucket), soci::into(rows);
    BOOST_TEST(rows == 1);
    // Another /64 signs in.
    const auto other = fresh_network();
    BOOST_TEST(pterodactyl()
                   .post_json("/auth/login", {{"user", t.user.username}, {"password", t.password}},
                              from(other + ":1"))
                   .status == 200);
}

BOOST_AUTO_TEST_CASE(spellings_the_database_matches_share_the_accounts_count) {
    // Username, e-mail, accents, case and fullwidth forms all find this account in MariaDB, so
    // all are one count: five wrong guesses lock the sixth, whichever spelling it uses.
    const auto t = create_user();
    const std::string address = "198.51.100." + std::to_string(1 + t.user.id % 250);
    const std::vector<std::string> spellings = {t.user.username, accented(t.user.username),
                                                fullwidth(t.user.username), t.user.email,
                                                accented(t.user.email)};
    for (const auto& spelling : spellings) {
        const auto r = pterodactyl().post_json(
            "/auth/login", {{"user", spelling}, {"password", "wrong password"}}, from(address));
        BOOST_TEST(r.status == 400, spelling << " answered " << r.status);
    }
    BOOST_TEST(is_our_throttle(pterodactyl().post_json(
        "/auth/login", {{"user", t.user.username}, {"password", t.password}}, from(address))));
}

BOOST_AUTO_TEST_CASE(spellings_of_an_unknown_name_share_its_count_too) {
    // Otherwise a name would show whether it exists by how its spellings are counted.
    const std::string name = unique_name("nobody");
    const std::string address = "198.51.100.251";
    for (const auto& spelling :
         {name, accented(name), fullwidth(name), accented(name) + " ", std::string("\t") + name}) {
        const auto r = pterodactyl().post_json(
            "/auth/login", {{"user", spelling}, {"password", "wrong password"}}, from(address));
        BOOST_TEST(r.status == 400, spelling << " answered " << r.status);
    }
    BOOST_TEST(is_our_throttle(pterodactyl().post_json(
        "/auth/login", {{"user", fullwidth(name)}, {"password", "x"}}, from(address))));
}

BOOST_AUTO_TEST_SUITE_END()
