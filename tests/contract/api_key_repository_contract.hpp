#pragma once
// The ApiKeyRepository contract (services/api_key.hpp): a user's keys of one format and type,
// oldest first; a key found by its exact identifier with its secret's HMAC, its owner, its uuid,
// format and permission list; removal only of the user's own key of that format and type, false
// when there was none. See contract/contract.hpp.

#include "contract/contract.hpp"
#include "services/api_key.hpp"

namespace accountd::contract::api_key_repository {

using namespace std::chrono_literals;

inline const std::string kFormat = "pterodactyl";

inline services::ApiKey make_key(std::uint64_t owner, const std::string& identifier) {
    services::ApiKey k;
    k.user_id = owner;
    k.identifier = identifier;
    k.description = "d";
    k.created_at = services::Timestamp(1'700'000'000s);
    k.updated_at = k.created_at;
    return k;
}

/// "ptlc_" and 11 characters, unique within the world.
template <typename World>
std::string identifier(World& world) {
    auto name = world.unique("");
    name.resize(11, 'x');
    return "ptlc_" + name;
}

BOOST_AUTO_TEST_SUITE(api_key_repository_contract)

// 50 IPv6 ranges are longer than the MySQL lookup's fixed text buffer: the value must still
// come back whole through the prepared statement.
BOOST_AUTO_TEST_CASE_TEMPLATE(a_key_and_its_owner_are_found_by_identifier_with_long_allow_lists,
                              World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    auto k = make_key(owner, identifier(world));
    for (int i = 0; i < 50; ++i)
        k.allowed_ips.push_back("2001:db8:aaaa:bbbb:cccc:dddd:eeee:" + std::to_string(1000 + i) +
                                "/128");
    const std::string hash = digest("secret");
    const auto id = keys.insert(k, hash);
    const auto found = keys.find_by_identifier(k.identifier);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->key.id == id);
    BOOST_TEST(found->key.user_id == owner);
    BOOST_TEST(found->key.key_type == services::kAccountKeyType);
    BOOST_TEST(found->key.identifier == k.identifier);
    BOOST_TEST(found->key.allowed_ips == k.allowed_ips);
    BOOST_TEST(found->secret_hash == hash);
    BOOST_TEST(found->owner.id == owner);
    BOOST_TEST(found->key.description.value() == "d");
    BOOST_TEST(!found->key.expires_at.has_value());
    BOOST_TEST(!found->key.last_used_at.has_value());
    BOOST_TEST((found->key.created_at == k.created_at));
    BOOST_TEST(!keys.find_by_identifier("ptlc_nothinghere").has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_expiry_and_a_missing_description_round_trip, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    auto k = make_key(owner, identifier(world));
    k.description.reset();
    k.expires_at = kT0 + 3600s;
    keys.insert(k, digest("s"));
    for (const auto& back : {keys.find_by_identifier(k.identifier).value().key,
                             keys.list_for_user(owner, kFormat, services::kAccountKeyType).at(0)}) {
        BOOST_TEST(!back.description.has_value());
        BOOST_TEST((back.expires_at.value() == kT0 + 3600s));
        BOOST_TEST(back.allowed_ips.empty());
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(identifiers_are_matched_exactly_not_ignoring_case, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    keys.insert(make_key(owner, "ptlc_abcdefghijk"), digest("s"));
    BOOST_TEST(keys.find_by_identifier("ptlc_abcdefghijk").has_value());
    BOOST_TEST(!keys.find_by_identifier("PTLC_ABCDEFGHIJK").has_value());
    BOOST_TEST(!keys.find_by_identifier("ptlc_abcdefghij").has_value());
    BOOST_TEST(!keys.remove(owner, kFormat, services::kAccountKeyType, "PTLC_ABCDEFGHIJK"));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(touch_count_list_and_remove, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    const auto id = keys.insert(make_key(owner, "ptlc_aaaaaaaaaaa"), digest("a"));
    keys.insert(make_key(owner, "ptlc_bbbbbbbbbbb"), digest("b"));
    keys.touch(id, services::Timestamp(1'800'000'000s));
    BOOST_TEST((keys.find_by_identifier("ptlc_aaaaaaaaaaa").value().key.last_used_at.value() ==
                services::Timestamp(1'800'000'000s)));
    BOOST_TEST(!keys.find_by_identifier("ptlc_bbbbbbbbbbb").value().key.last_used_at.has_value());
    BOOST_TEST(keys.count_for_user(owner, kFormat, services::kAccountKeyType) == 2u);
    BOOST_TEST(keys.list_for_user(owner, kFormat, services::kAccountKeyType).size() == 2u);
    BOOST_TEST(!keys.remove(owner, kFormat, services::kApplicationKeyType, "ptlc_aaaaaaaaaaa"));
    BOOST_TEST(!keys.remove(owner + 1, kFormat, services::kAccountKeyType, "ptlc_aaaaaaaaaaa"));
    BOOST_TEST(keys.remove(owner, kFormat, services::kAccountKeyType, "ptlc_aaaaaaaaaaa"));
    BOOST_TEST(!keys.remove(owner, kFormat, services::kAccountKeyType, "ptlc_aaaaaaaaaaa"));
    BOOST_TEST(!keys.find_by_identifier("ptlc_aaaaaaaaaaa").has_value());
    BOOST_TEST(keys.count_for_user(owner, kFormat, services::kAccountKeyType) == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_users_keys_are_listed_oldest_first, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    std::vector<std::string> made;
    for (int i = 0; i < 4; ++i) {
        made.push_back(identifier(world));
        keys.insert(make_key(owner, made.back()), digest(made.back()));
    }
    const auto listed = keys.list_for_user(owner, kFormat, services::kAccountKeyType);
    BOOST_REQUIRE(listed.size() == 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        BOOST_TEST(listed[i].identifier == made[i]);
        BOOST_TEST(listed[i].user_id == owner);
        if (i > 0) BOOST_TEST(listed[i - 1].id < listed[i].id);
    }
}

BOOST_AUTO_TEST_CASE_TEMPLATE(lists_and_counts_hold_only_the_users_keys_of_that_type, World,
                              Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    const auto other = world.make_user("other");
    keys.insert(make_key(owner, "ptlc_mine0000000"), digest("a"));
    auto application = make_key(owner, "ptla_mine0000000");
    application.key_type = services::kApplicationKeyType;
    keys.insert(application, digest("b"));
    keys.insert(make_key(other, "ptlc_theirs00000"), digest("c"));
    const auto mine = keys.list_for_user(owner, kFormat, services::kAccountKeyType);
    BOOST_REQUIRE(mine.size() == 1u);
    BOOST_TEST(mine[0].identifier == "ptlc_mine0000000");
    BOOST_TEST(keys.count_for_user(owner, kFormat, services::kAccountKeyType) == 1u);
    const auto apps = keys.list_for_user(owner, kFormat, services::kApplicationKeyType);
    BOOST_REQUIRE(apps.size() == 1u);
    BOOST_TEST(apps[0].key_type == services::kApplicationKeyType);
    BOOST_TEST(keys.count_for_user(owner, kFormat, services::kApplicationKeyType) == 1u);
    BOOST_TEST(keys.count_for_user(other, kFormat, services::kAccountKeyType) == 1u);
    BOOST_TEST(
        keys.list_for_user(world.make_user("none"), kFormat, services::kAccountKeyType).empty());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(another_users_key_is_never_removed, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    const auto intruder = world.make_user("i");
    keys.insert(make_key(owner, "ptlc_ownedkey000"), digest("a"));
    BOOST_TEST(!keys.remove(intruder, kFormat, services::kAccountKeyType, "ptlc_ownedkey000"));
    BOOST_TEST(keys.find_by_identifier("ptlc_ownedkey000").value().owner.id == owner);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(keys_of_each_format_are_listed_counted_and_removed_apart, World,
                              Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    auto calagopus = make_key(owner, "c7sp_" + identifier(world).substr(5));
    calagopus.format = "calagopus";
    calagopus.uuid = "0b7a6c1e-3f2d-4c5b-9a8e-7d6c5b4a3f2e";
    calagopus.permissions = std::vector<std::string>{"account.read", "api-keys.read"};
    keys.insert(calagopus, digest("c"));
    keys.insert(make_key(owner, identifier(world)), digest("p"));
    BOOST_TEST(keys.count_for_user(owner, "calagopus", services::kAccountKeyType) == 1u);
    BOOST_TEST(keys.count_for_user(owner, kFormat, services::kAccountKeyType) == 1u);
    const auto listed = keys.list_for_user(owner, "calagopus", services::kAccountKeyType);
    BOOST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].identifier == calagopus.identifier);
    BOOST_TEST(listed[0].uuid.value() == *calagopus.uuid);
    BOOST_TEST((listed[0].permissions == calagopus.permissions));
    const auto found = keys.find_by_identifier(calagopus.identifier);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->key.format == "calagopus");
    BOOST_TEST(found->key.uuid.value() == *calagopus.uuid);
    BOOST_TEST((found->key.permissions == calagopus.permissions));
    const auto pterodactyl = keys.list_for_user(owner, kFormat, services::kAccountKeyType);
    BOOST_REQUIRE(pterodactyl.size() == 1u);
    BOOST_TEST(!pterodactyl[0].permissions.has_value());
    BOOST_TEST(!pterodactyl[0].uuid.has_value());
    BOOST_TEST(!keys.remove(owner, kFormat, services::kAccountKeyType, calagopus.identifier));
    BOOST_TEST(keys.remove(owner, "calagopus", services::kAccountKeyType, calagopus.identifier));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_empty_permission_list_is_not_a_missing_one, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    auto k = make_key(world.make_user("key"), identifier(world));
    k.permissions = std::vector<std::string>{};
    keys.insert(k, digest("e"));
    const auto back = keys.find_by_identifier(k.identifier).value().key.permissions;
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->empty());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_insert_within_a_cap_stores_until_the_owner_holds_that_many, World,
                              Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    for (int i = 0; i < 3; ++i)
        BOOST_TEST(
            keys.insert_within_cap(make_key(owner, identifier(world)), digest("s"), 3).has_value());
    const auto fourth = make_key(owner, identifier(world));
    BOOST_TEST(!keys.insert_within_cap(fourth, digest("s"), 3).has_value());
    BOOST_TEST(!keys.find_by_identifier(fourth.identifier).has_value());  // nothing stored
    BOOST_TEST(keys.count_for_user(owner, kFormat, services::kAccountKeyType) == 3u);
    // Counted per owner: another user's keys do not fill this one's cap.
    const auto other = world.make_user("key");
    const auto id = keys.insert_within_cap(make_key(other, identifier(world)), digest("s"), 3);
    BOOST_REQUIRE(id.has_value());
    BOOST_TEST(keys.list_for_user(other, kFormat, services::kAccountKeyType).at(0).id == *id);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_page_holds_the_users_unexpired_keys_of_every_format, World,
                              Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    const auto other = world.make_user("key");
    const services::Timestamp now(1'700'000'100s);
    auto oldest = make_key(owner, identifier(world));
    oldest.description = "Deploy Bot";
    oldest.created_at = services::Timestamp(1'600'000'000s);
    auto cala = make_key(owner, "c7sp_" + identifier(world).substr(5));
    cala.format = "calagopus";
    cala.description = "deploy_100%";
    auto expired = make_key(owner, identifier(world));
    expired.description = "deploy old";
    expired.expires_at = now;
    auto live = make_key(owner, identifier(world));
    live.description = "ci";
    live.expires_at = now + 1s;
    auto application = make_key(owner, identifier(world));
    application.key_type = services::kApplicationKeyType;
    for (const auto& k : {cala, oldest, expired, live, application})
        keys.insert(k, digest(k.identifier));
    keys.insert(make_key(other, identifier(world)), digest("o"));

    const auto all = keys.list_page(owner, now, std::nullopt, 0, 10);
    BOOST_TEST(all.total == 3u);
    BOOST_REQUIRE(all.keys.size() == 3u);
    BOOST_TEST(all.keys[0].identifier == oldest.identifier);  // oldest first
    BOOST_TEST(all.keys[1].identifier == cala.identifier);
    BOOST_TEST(all.keys[2].identifier == live.identifier);
    const auto second = keys.list_page(owner, now, std::nullopt, 1, 1);
    BOOST_TEST(second.total == 3u);
    BOOST_REQUIRE(second.keys.size() == 1u);
    BOOST_TEST(second.keys[0].identifier == cala.identifier);
    BOOST_TEST(keys.list_page(owner, now, std::nullopt, 5, 10).keys.empty());
    // Case-insensitive substring of the name; LIKE's metacharacters match themselves.
    const auto deploy = keys.list_page(owner, now, std::string("DEPLOY"), 0, 10);
    BOOST_TEST(deploy.total == 2u);
    const auto percent = keys.list_page(owner, now, std::string("_100%"), 0, 10);
    BOOST_REQUIRE(percent.keys.size() == 1u);
    BOOST_TEST(percent.keys[0].identifier == cala.identifier);
    BOOST_TEST(keys.list_page(owner, now, std::string("y_1"), 0, 10).total == 1u);
    BOOST_TEST(keys.list_page(owner, now, std::string("%"), 0, 10).total == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_key_is_found_by_uuid_only_for_its_owner, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    const auto other = world.make_user("key");
    auto k = make_key(owner, "c7sp_" + identifier(world).substr(5));
    k.format = "calagopus";
    k.uuid = "1b7a6c1e-3f2d-4c5b-9a8e-7d6c5b4a3f2e";
    k.admin_permissions = std::vector<std::string>{"stats.read"};
    k.server_permissions = std::vector<std::string>{};
    keys.insert(k, digest("u"));
    const auto found = keys.find_by_uuid(owner, *k.uuid);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->identifier == k.identifier);
    BOOST_TEST((found->admin_permissions == k.admin_permissions));
    BOOST_TEST((found->server_permissions == k.server_permissions));
    BOOST_TEST(!found->permissions.has_value());
    BOOST_TEST(!keys.find_by_uuid(other, *k.uuid).has_value());
    BOOST_TEST(!keys.find_by_uuid(owner, "2b7a6c1e-3f2d-4c5b-9a8e-7d6c5b4a3f2e").has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(names_are_taken_per_user_except_by_the_key_itself, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    const auto other = world.make_user("key");
    auto k = make_key(owner, identifier(world));
    k.description = "deploy";
    const auto id = keys.insert(k, digest("n"));
    BOOST_TEST(keys.description_taken(owner, "deploy", 0));
    BOOST_TEST(!keys.description_taken(owner, "deploy", id));
    BOOST_TEST(!keys.description_taken(owner, "deploy2", 0));
    BOOST_TEST(!keys.description_taken(other, "deploy", 0));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_update_stores_the_lists_and_expiry_of_the_owners_key, World,
                              Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    auto k = make_key(owner, identifier(world));
    k.id = keys.insert(k, digest("x"));
    k.description = "renamed";
    k.allowed_ips = {"10.0.0.0/8"};
    k.permissions = std::vector<std::string>{"account.email"};
    k.admin_permissions = std::vector<std::string>{};
    k.server_permissions = std::vector<std::string>{"files.read"};
    k.expires_at = services::Timestamp(1'800'000'000s);
    k.updated_at = services::Timestamp(1'700'000'500s);
    BOOST_TEST(keys.update(k));
    BOOST_TEST(keys.update(k));  // the same values again: still found
    const auto back = keys.find_by_identifier(k.identifier).value().key;
    BOOST_TEST(back.description.value() == "renamed");
    BOOST_TEST((back.allowed_ips == k.allowed_ips));
    BOOST_TEST((back.permissions == k.permissions));
    BOOST_TEST((back.admin_permissions == k.admin_permissions));
    BOOST_TEST((back.server_permissions == k.server_permissions));
    BOOST_TEST((back.expires_at == k.expires_at));
    BOOST_TEST((back.updated_at == k.updated_at));
    k.expires_at.reset();
    BOOST_TEST(keys.update(k));
    BOOST_TEST(!keys.find_by_identifier(k.identifier).value().key.expires_at.has_value());
    auto theirs = k;
    theirs.user_id = world.make_user("key");
    theirs.description = "stolen";
    BOOST_TEST(!keys.update(theirs));
    BOOST_TEST(keys.find_by_identifier(k.identifier).value().key.description.value() == "renamed");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_replaced_secret_gives_the_key_a_new_identifier, World, Worlds) {
    World world;
    services::ApiKeyRepository& keys = world.api_keys;
    const auto owner = world.make_user("key");
    const auto k = make_key(owner, identifier(world));
    const auto id = keys.insert(k, digest("old"));
    const auto fresh = identifier(world);
    BOOST_TEST(keys.replace_secret(id, fresh, digest("new"), services::Timestamp(1'700'000'900s)));
    BOOST_TEST(!keys.find_by_identifier(k.identifier).has_value());
    const auto found = keys.find_by_identifier(fresh);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->secret_hash == digest("new"));
    BOOST_TEST(found->key.id == id);
    BOOST_TEST(!keys.replace_secret(id + 1000, identifier(world), digest("n"),
                                    services::Timestamp(1'700'000'900s)));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::api_key_repository
