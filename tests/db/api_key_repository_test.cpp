#include "crypto/hash.hpp"
#include "db/mysql_api_key_repository.hpp"
#include "db/mysql_user_repository.hpp"
#include "db_fixture.hpp"

using namespace accountd;
using namespace std::chrono_literals;

namespace {

struct KeyFixture : testing::DbFixture {
    db::MysqlUserRepository users{database};
    db::MysqlApiKeyRepository keys{database};
    std::uint64_t owner = 0;

    KeyFixture() { owner = make_user("key"); }

    services::ApiKey key(const std::string& identifier) {
        services::ApiKey k;
        k.user_id = owner;
        k.identifier = identifier;
        k.description = "d";
        k.created_at = services::Timestamp(1'700'000'000s);
        k.updated_at = k.created_at;
        return k;
    }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_key_repository, KeyFixture)

// 50 IPv6 ranges are longer than the lookup's fixed text buffer: the value must still come back
// whole through the prepared statement.
BOOST_AUTO_TEST_CASE(a_key_and_its_owner_are_found_by_identifier_with_long_allow_lists) {
    auto k = key("ptlc_" + unique("").substr(0, 11));
    for (int i = 0; i < 50; ++i)
        k.allowed_ips.push_back("2001:db8:aaaa:bbbb:cccc:dddd:eeee:" + std::to_string(1000 + i) +
                                "/128");
    const std::string hash = crypto::sha256("secret");
    keys.insert(k, hash);
    const auto found = keys.find_by_identifier(k.identifier);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->key.allowed_ips == k.allowed_ips);
    BOOST_TEST(found->secret_hash == hash);
    BOOST_TEST(found->owner.id == owner);
    BOOST_TEST(found->key.description.value() == "d");
    BOOST_TEST(!found->key.expires_at.has_value());
    BOOST_TEST(!found->key.last_used_at.has_value());
    BOOST_TEST(!keys.find_by_identifier("ptlc_nothinghere").has_value());
}

BOOST_AUTO_TEST_CASE(touch_count_list_and_remove) {
    const auto id = keys.insert(key("ptlc_aaaaaaaaaaa"), crypto::sha256("a"));
    keys.insert(key("ptlc_bbbbbbbbbbb"), crypto::sha256("b"));
    keys.touch(id, services::Timestamp(1'800'000'000s));
    BOOST_TEST((keys.find_by_identifier("ptlc_aaaaaaaaaaa")->key.last_used_at.value() ==
                services::Timestamp(1'800'000'000s)));
    BOOST_TEST(keys.count_for_user(owner, "pterodactyl", services::kAccountKeyType) == 2u);
    BOOST_TEST(keys.list_for_user(owner, "pterodactyl", services::kAccountKeyType).size() == 2u);
    BOOST_TEST(
        !keys.remove(owner, "pterodactyl", services::kApplicationKeyType, "ptlc_aaaaaaaaaaa"));
    BOOST_TEST(
        !keys.remove(owner + 1, "pterodactyl", services::kAccountKeyType, "ptlc_aaaaaaaaaaa"));
    BOOST_TEST(keys.remove(owner, "pterodactyl", services::kAccountKeyType, "ptlc_aaaaaaaaaaa"));
    BOOST_TEST(keys.count_for_user(owner, "pterodactyl", services::kAccountKeyType) == 1u);
}

BOOST_AUTO_TEST_CASE(keys_of_each_format_are_listed_counted_and_removed_apart) {
    auto calagopus = key("c7sp_" + unique("").substr(0, 11));
    calagopus.format = "calagopus";
    calagopus.uuid = "0b7a6c1e-3f2d-4c5b-9a8e-7d6c5b4a3f2e";
    calagopus.permissions = std::vector<std::string>{"account.read", "api-keys.read"};
    keys.insert(calagopus, crypto::sha256("c"));
    keys.insert(key("ptlc_" + unique("").substr(0, 11)), crypto::sha256("p"));
    BOOST_TEST(keys.count_for_user(owner, "calagopus", services::kAccountKeyType) == 1u);
    BOOST_TEST(keys.count_for_user(owner, "pterodactyl", services::kAccountKeyType) == 1u);
    const auto listed = keys.list_for_user(owner, "calagopus", services::kAccountKeyType);
    BOOST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].identifier == calagopus.identifier);
    BOOST_TEST(listed[0].uuid.value() == *calagopus.uuid);
    BOOST_TEST((listed[0].permissions == calagopus.permissions));
    const auto found = keys.find_by_identifier(calagopus.identifier);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->key.format == "calagopus");
    BOOST_TEST((found->key.permissions == calagopus.permissions));
    BOOST_TEST(!keys.list_for_user(owner, "pterodactyl", services::kAccountKeyType)[0]
                    .permissions.has_value());
    BOOST_TEST(!keys.remove(owner, "pterodactyl", services::kAccountKeyType, calagopus.identifier));
    BOOST_TEST(keys.remove(owner, "calagopus", services::kAccountKeyType, calagopus.identifier));
}

BOOST_AUTO_TEST_SUITE_END()
