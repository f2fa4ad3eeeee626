#pragma once
// The SshKeyRepository contract (services/ssh_key.hpp): a fingerprint is unique per user and
// compared byte for byte (it is base64); a duplicate is `false`, not an error; removal only of
// the user's own key, false when there was none. See contract/contract.hpp.

#include "contract/contract.hpp"
#include "services/ssh_key.hpp"

namespace accountd::contract::ssh_key_repository {

using namespace std::chrono_literals;

template <typename World>
services::SshKey make_key(World& world, std::uint64_t user, const std::string& fingerprint) {
    const auto name = world.unique("");
    services::SshKey k;
    k.uuid = "00000000-0000-4000-8000-" +
             std::string(12 - std::min<std::size_t>(12, name.size()), '0') + name.substr(0, 12);
    k.user_id = user;
    k.name = "k";
    k.fingerprint = fingerprint;
    k.public_key = "-----BEGIN PUBLIC KEY-----\r\nAA==\r\n-----END PUBLIC KEY-----";
    k.created_at = services::Timestamp(1'700'000'000s);
    return k;
}

BOOST_AUTO_TEST_SUITE(ssh_key_repository_contract)

BOOST_AUTO_TEST_CASE_TEMPLATE(fingerprints_are_unique_per_user_and_case_sensitive, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    const auto a = world.make_user();
    const auto b = world.make_user();
    BOOST_TEST(keys.insert(make_key(world, a, "AbC+/def")));
    BOOST_TEST(!keys.insert(make_key(world, a, "AbC+/def")));
    BOOST_TEST(keys.insert(make_key(world, a, "abc+/def")));  // base64 is case-sensitive
    BOOST_TEST(keys.insert(make_key(world, b, "AbC+/def")));  // the same key may belong to two
    BOOST_TEST(keys.count_for_user(a) == 2u);
    BOOST_TEST(keys.list_for_user(a)[0].public_key.find("\r\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_listed_key_reads_back_as_it_was_stored, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    const auto user = world.make_user();
    auto key = make_key(world, user, "SHA256fingerprint");
    key.name = "laptop – Zoë";
    BOOST_TEST(keys.insert(key));
    const auto listed = keys.list_for_user(user);
    BOOST_REQUIRE(listed.size() == 1u);
    BOOST_TEST(listed[0].id != 0u);
    BOOST_TEST(listed[0].uuid == key.uuid);
    BOOST_TEST(listed[0].user_id == user);
    BOOST_TEST(listed[0].name == "laptop – Zoë");
    BOOST_TEST(listed[0].fingerprint == "SHA256fingerprint");
    BOOST_TEST(listed[0].public_key == key.public_key);
    BOOST_TEST((listed[0].created_at == key.created_at));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_users_keys_are_listed_oldest_first_and_only_theirs, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    const auto user = world.make_user();
    const auto other = world.make_user();
    keys.insert(make_key(world, user, "first"));
    keys.insert(make_key(world, other, "theirs"));
    keys.insert(make_key(world, user, "second"));
    keys.insert(make_key(world, user, "third"));
    const auto listed = keys.list_for_user(user);
    BOOST_REQUIRE(listed.size() == 3u);
    BOOST_TEST(listed[0].fingerprint == "first");
    BOOST_TEST(listed[1].fingerprint == "second");
    BOOST_TEST(listed[2].fingerprint == "third");
    BOOST_TEST(keys.count_for_user(other) == 1u);
    BOOST_TEST(keys.list_for_user(world.make_user()).empty());
    BOOST_TEST(keys.count_for_user(987654321) == 0u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(removal_only_touches_the_owners_key, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    const auto a = world.make_user();
    const auto b = world.make_user();
    keys.insert(make_key(world, a, "same"));
    keys.insert(make_key(world, b, "same"));
    BOOST_TEST(keys.remove(a, "same"));
    BOOST_TEST(!keys.remove(a, "same"));
    BOOST_TEST(!keys.remove(a, "SAME"));
    BOOST_TEST(keys.count_for_user(b) == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(another_users_key_is_never_removed, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    const auto owner = world.make_user();
    const auto intruder = world.make_user();
    keys.insert(make_key(world, owner, "owned"));
    BOOST_TEST(!keys.remove(intruder, "owned"));
    BOOST_TEST(keys.count_for_user(owner) == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_removed_fingerprint_can_be_added_again, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    const auto user = world.make_user();
    BOOST_TEST(keys.insert(make_key(world, user, "again")));
    BOOST_TEST(keys.remove(user, "again"));
    BOOST_TEST(keys.insert(make_key(world, user, "again")));
    BOOST_TEST(keys.count_for_user(user) == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_insert_within_a_cap_stores_until_the_owner_holds_that_many, World,
                              Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    using Insert = services::SshKeyRepository::Insert;
    const auto user = world.make_user();
    BOOST_TEST((keys.insert_within_cap(make_key(world, user, "one"), 2) == Insert::stored));
    BOOST_TEST((keys.insert_within_cap(make_key(world, user, "one"), 2) == Insert::duplicate));
    BOOST_TEST((keys.insert_within_cap(make_key(world, user, "two"), 2) == Insert::stored));
    BOOST_TEST((keys.insert_within_cap(make_key(world, user, "three"), 2) == Insert::cap_reached));
    BOOST_TEST(keys.count_for_user(user) == 2u);
    const auto other = world.make_user();
    BOOST_TEST((keys.insert_within_cap(make_key(world, other, "three"), 2) == Insert::stored));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_named_insert_refuses_a_name_the_owner_already_uses, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    using Insert = services::SshKeyRepository::Insert;
    const auto user = world.make_user();
    auto first = make_key(world, user, "one");
    first.name = "laptop";
    BOOST_TEST((keys.insert_named_within_cap(first, 5) == Insert::stored));
    auto same_name = make_key(world, user, "two");
    same_name.name = "laptop";
    BOOST_TEST((keys.insert_named_within_cap(same_name, 5) == Insert::duplicate));
    same_name.name = "Laptop";  // compared byte for byte
    BOOST_TEST((keys.insert_named_within_cap(same_name, 5) == Insert::stored));
    auto same_key = make_key(world, user, "one");
    same_key.name = "desktop";
    BOOST_TEST((keys.insert_named_within_cap(same_key, 5) == Insert::duplicate));
    BOOST_TEST(
        (keys.insert_named_within_cap(make_key(world, user, "three"), 2) == Insert::cap_reached));
    auto theirs = make_key(world, world.make_user(), "one");
    theirs.name = "laptop";
    BOOST_TEST((keys.insert_named_within_cap(theirs, 5) == Insert::stored));
    // The unnamed insert (Pterodactyl) still allows two keys of one name.
    auto twin = make_key(world, user, "four");
    twin.name = "laptop";
    BOOST_TEST((keys.insert_within_cap(twin, 5) == Insert::stored));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(pages_search_names_case_insensitively_oldest_first, World, Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    const auto user = world.make_user();
    for (const auto* name : {"Work laptop", "home", "LAPTOP old", "100%_real", "laptop new"}) {
        auto key = make_key(world, user, std::string("fp-") + name);
        key.name = name;
        keys.insert(key);
    }
    keys.insert(make_key(world, world.make_user(), "laptop-of-another"));
    BOOST_TEST(keys.count_matching(user, std::nullopt) == 5u);
    BOOST_TEST(keys.count_matching(user, std::string("laptop")) == 3u);
    const auto page = keys.page_for_user(user, 1, 1, std::string("LaPtOp"));
    BOOST_REQUIRE(page.size() == 1u);
    BOOST_TEST(page[0].name == "LAPTOP old");
    BOOST_TEST(keys.page_for_user(user, 0, 10, std::string("laptop")).size() == 3u);
    BOOST_TEST(keys.page_for_user(user, 0, 2, std::nullopt)[1].name == "home");
    BOOST_TEST(keys.page_for_user(user, 10, 10, std::nullopt).empty());
    BOOST_TEST(keys.count_matching(user, std::string("%_")) == 1u);  // metacharacters are text
    BOOST_TEST(keys.count_matching(user, std::string("_")) == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(find_rename_and_remove_by_uuid_touch_only_the_owners_key, World,
                              Worlds) {
    World world;
    services::SshKeyRepository& keys = world.ssh_keys;
    using Rename = services::SshKeyRepository::Rename;
    const auto owner = world.make_user();
    const auto intruder = world.make_user();
    auto key = make_key(world, owner, "a");
    key.name = "first";
    keys.insert(key);
    auto other = make_key(world, owner, "b");
    other.name = "second";
    keys.insert(other);
    BOOST_TEST(keys.find(owner, key.uuid).has_value());
    BOOST_TEST(keys.find(owner, key.uuid)->fingerprint == "a");
    BOOST_TEST(!keys.find(intruder, key.uuid).has_value());
    BOOST_TEST(!keys.find(owner, "00000000-0000-4000-8000-ffffffffffff").has_value());
    BOOST_TEST((keys.rename(intruder, key.uuid, "mine") == Rename::not_found));
    BOOST_TEST((keys.rename(owner, key.uuid, "second") == Rename::duplicate_name));
    BOOST_TEST((keys.rename(owner, key.uuid, "first") == Rename::renamed));  // its own name
    BOOST_TEST((keys.rename(owner, key.uuid, "renamed") == Rename::renamed));
    BOOST_TEST(keys.find(owner, key.uuid)->name == "renamed");
    BOOST_TEST(!keys.remove_by_uuid(intruder, key.uuid));
    BOOST_TEST(keys.remove_by_uuid(owner, key.uuid));
    BOOST_TEST(!keys.remove_by_uuid(owner, key.uuid));
    BOOST_TEST(keys.count_for_user(owner) == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::ssh_key_repository
