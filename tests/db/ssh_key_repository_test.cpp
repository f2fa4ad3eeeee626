#include "db/mysql_ssh_key_repository.hpp"
#include "db/mysql_user_repository.hpp"
#include "db_fixture.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

struct SshFixture : testing::DbFixture {
    db::MysqlUserRepository users{database};
    db::MysqlSshKeyRepository keys{database};

    services::SshKey key(std::uint64_t user, const std::string& fingerprint) {
        services::SshKey k;
        k.uuid = crypto::random_uuid_v4(random);
        k.user_id = user;
        k.name = "k";
        k.fingerprint = fingerprint;
        k.public_key = "-----BEGIN PUBLIC KEY-----\r\nAA==\r\n-----END PUBLIC KEY-----";
        k.created_at = services::Timestamp(1'700'000'000s);
        return k;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(ssh_key_repository, SshFixture)

BOOST_AUTO_TEST_CASE(fingerprints_are_unique_per_user_and_case_sensitive) {
    const auto a = make_user();
    const auto b = make_user();
    BOOST_TEST(keys.insert(key(a, "AbC+/def")));
    BOOST_TEST(!keys.insert(key(a, "AbC+/def")));
    BOOST_TEST(keys.insert(key(a, "abc+/def")));  // base64 is case-sensitive
    BOOST_TEST(keys.insert(key(b, "AbC+/def")));  // the same key may belong to two users
    BOOST_TEST(keys.count_for_user(a) == 2u);
    BOOST_TEST(keys.list_for_user(a)[0].public_key.find("\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(removal_only_touches_the_owners_key) {
    const auto a = make_user();
    const auto b = make_user();
    keys.insert(key(a, "same"));
    keys.insert(key(b, "same"));
    BOOST_TEST(keys.remove(a, "same"));
    BOOST_TEST(!keys.remove(a, "same"));
    BOOST_TEST(!keys.remove(a, "SAME"));
    BOOST_TEST(keys.count_for_user(b) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()
