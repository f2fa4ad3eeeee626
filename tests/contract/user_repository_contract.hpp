#pragma once
// The UserRepository contract (services/user_repository.hpp): lookups by username and e-mail
// ignore case, as MySQL's utf8mb4_unicode_ci does; a taken username or e-mail is DuplicateUser,
// whatever its case. See contract/contract.hpp for how it is run.

#include "contract/contract.hpp"
#include "services/user_repository.hpp"

namespace accountd::contract::user_repository {

using namespace std::chrono_literals;

inline services::User sample_user(const std::string& name) {
    services::User u;
    u.uuid = "00000000-0000-4000-8000-" +
             std::string(12 - std::min<std::size_t>(12, name.size()), '0') + name.substr(0, 12);
    u.username = name;
    u.email = name + "@example.com";
    u.name_first = "Zoë";
    u.name_last = "Ünicode";
    u.password_hash = "$argon2id$v=19$m=19456,t=2,p=1,keyid=p1$c2FsdA$aGFzaA";
    u.created_at = services::Timestamp(1'700'000'000s);
    u.updated_at = u.created_at;
    return u;
}

BOOST_AUTO_TEST_SUITE(user_repository_contract)

BOOST_AUTO_TEST_CASE_TEMPLATE(an_inserted_user_reads_back_by_id_username_and_email, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    const auto id = users.insert(sample_user(name));
    const auto by_id = users.find_by_id(id);
    BOOST_REQUIRE(by_id.has_value());
    BOOST_TEST(by_id->id == id);
    BOOST_TEST(by_id->username == name);
    BOOST_TEST(by_id->name_first == "Zoë");
    BOOST_TEST(by_id->name_last == "Ünicode");
    BOOST_TEST(by_id->password_hash.value().starts_with("$argon2id$"));
    BOOST_TEST((by_id->created_at == services::Timestamp(1'700'000'000s)));
    BOOST_TEST(by_id->language == "en");
    BOOST_TEST(!by_id->root_admin);
    BOOST_TEST(!by_id->role.has_value());
    BOOST_TEST(!by_id->totp_enabled);
    BOOST_TEST(users.find_by_username(name).value().id == id);
    BOOST_TEST(users.find_by_email(name + "@example.com").value().id == id);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(every_profile_field_of_an_inserted_user_reads_back, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    auto u = sample_user(world.unique("u"));
    u.language = "de";
    u.toast_position = "top_left";
    u.start_on_grouped_servers = true;
    u.portal_type = "pro";
    u.email_verified = true;
    u.suspended = true;
    u.updated_at = u.created_at + 60s;
    const auto back = users.find_by_id(users.insert(u));
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->uuid == u.uuid);
    BOOST_TEST(back->email == u.email);
    BOOST_TEST(back->language == "de");
    BOOST_TEST(back->toast_position == "top_left");
    BOOST_TEST(back->start_on_grouped_servers);
    BOOST_TEST(back->portal_type == "pro");
    BOOST_TEST(back->email_verified);
    BOOST_TEST(back->suspended);
    BOOST_TEST((back->updated_at == u.created_at + 60s));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(each_inserted_user_gets_an_id_of_its_own, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto a = users.insert(sample_user(world.unique("a")));
    const auto b = users.insert(sample_user(world.unique("b")));
    BOOST_TEST(a != 0u);
    BOOST_TEST(b != 0u);
    BOOST_TEST(a != b);
    BOOST_TEST(users.find_by_id(a).value().username != users.find_by_id(b).value().username);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(lookups_ignore_case_as_the_panels_do, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    const auto id = users.insert(sample_user(name));
    BOOST_TEST(users.find_by_username(upper(name)).value().id == id);
    BOOST_TEST(users.find_by_email(upper(name) + "@EXAMPLE.COM").value().id == id);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_name_stored_in_capitals_is_found_in_lower_case, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    auto u = sample_user(name);
    u.username = upper(name);
    u.email = upper(name) + "@Example.Com";
    const auto id = users.insert(u);
    BOOST_TEST(users.find_by_username(name).value().id == id);
    BOOST_TEST(users.find_by_email(name + "@example.com").value().id == id);
    BOOST_TEST(users.find_by_id(id).value().username == upper(name));  // stored as given
}

BOOST_AUTO_TEST_CASE_TEMPLATE(unknown_users_are_not_found, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    BOOST_TEST(!users.find_by_id(987654321).has_value());
    BOOST_TEST(!users.find_by_username("nobody-here").has_value());
    BOOST_TEST(!users.find_by_email("' OR '1'='1").has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_username_is_not_found_by_email_nor_an_email_by_username, World,
                              Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    users.insert(sample_user(name));
    BOOST_TEST(!users.find_by_email(name).has_value());
    BOOST_TEST(!users.find_by_username(name + "@example.com").has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_taken_username_or_email_is_a_duplicate, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    users.insert(sample_user(name));
    auto same_name = sample_user(name);
    same_name.uuid = "00000000-0000-4000-8000-aaaaaaaaaaaa";
    same_name.email = "other-" + name + "@example.com";
    BOOST_CHECK_THROW(users.insert(same_name), services::DuplicateUser);
    auto same_email = sample_user(world.unique("v"));
    same_email.email = name + "@EXAMPLE.com";
    BOOST_CHECK_THROW(users.insert(same_email), services::DuplicateUser);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_username_taken_in_another_case_is_a_duplicate, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    users.insert(sample_user(name));
    auto shouting = sample_user(world.unique("v"));
    shouting.username = upper(name);
    BOOST_CHECK_THROW(users.insert(shouting), services::DuplicateUser);
    BOOST_TEST(!users.find_by_email(shouting.email).has_value());  // nothing was stored
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_user_without_password_and_with_a_role_round_trips, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    auto u = sample_user(world.unique("u"));
    u.password_hash.reset();
    u.role = "rootAdmin";
    u.root_admin = true;
    const auto id = users.insert(u);
    const auto back = users.find_by_id(id);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(!back->password_hash.has_value());
    BOOST_TEST(back->role.value() == "rootAdmin");
    BOOST_TEST(back->root_admin);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(the_password_hash_can_be_replaced, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto id = users.insert(sample_user(world.unique("u")));
    users.update_password_hash(id, "$argon2id$new", services::Timestamp(1'800'000'000s));
    const auto back = users.find_by_id(id);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->password_hash.value() == "$argon2id$new");
    BOOST_TEST((back->updated_at == services::Timestamp(1'800'000'000s)));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(replacing_a_password_hash_leaves_other_accounts_alone, World,
                              Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto a = users.insert(sample_user(world.unique("a")));
    const auto b = users.insert(sample_user(world.unique("b")));
    users.update_password_hash(a, "$argon2id$new", services::Timestamp(1'800'000'000s));
    const auto other = users.find_by_id(b);
    BOOST_REQUIRE(other.has_value());
    BOOST_TEST(other->password_hash.value().starts_with("$argon2id$v=19"));
    BOOST_TEST((other->updated_at == services::Timestamp(1'700'000'000s)));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_new_email_replaces_the_old_one_in_lookups, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    auto verified = sample_user(name);
    verified.email_verified = true;
    const auto id = users.insert(verified);
    users.update_email(id, "new-" + name + "@example.org", services::Timestamp(1'800'000'000s));
    BOOST_TEST(users.find_by_email("NEW-" + name + "@example.org").value().id == id);
    // Nobody has shown they receive mail at the new address yet.
    BOOST_TEST(!users.find_by_id(id).value().email_verified);
    BOOST_TEST(!users.find_by_email(name + "@example.com").has_value());
    const auto back = users.find_by_id(id);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->email == "new-" + name + "@example.org");
    BOOST_TEST((back->updated_at == services::Timestamp(1'800'000'000s)));
    BOOST_TEST(back->username == name);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_email_another_account_has_is_a_duplicate_whatever_its_case, World,
                              Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto taken = world.unique("t");
    users.insert(sample_user(taken));
    const auto name = world.unique("u");
    const auto id = users.insert(sample_user(name));
    BOOST_CHECK_THROW(
        users.update_email(id, upper(taken) + "@example.com", services::Timestamp(1'800'000'000s)),
        services::DuplicateUser);
    BOOST_TEST(users.find_by_id(id).value().email == name + "@example.com");  // unchanged
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_account_may_change_the_case_of_its_own_email, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    const auto id = users.insert(sample_user(name));
    users.update_email(id, upper(name) + "@example.com", services::Timestamp(1'800'000'000s));
    BOOST_TEST(users.find_by_id(id).value().email == upper(name) + "@example.com");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(identifiers_a_lookup_treats_as_one_fold_alike, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto name = world.unique("u");
    const auto folded = users.fold_identifier(name);
    BOOST_TEST(!folded.empty());
    BOOST_TEST(users.fold_identifier(upper(name)) == folded);
    BOOST_TEST(users.fold_identifier("  " + name + " ") == folded);
    BOOST_TEST(users.fold_identifier(name + "x") != folded);
    BOOST_TEST(users.fold_identifier(name + "@example.com") != folded);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(an_inserted_user_means_there_are_users, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    world.make_user("any");
    BOOST_TEST(users.has_any_user());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_profile_update_writes_only_the_present_fields, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto id = users.insert(sample_user(world.unique("u")));
    const auto renamed = world.unique("r");
    services::ProfileChanges changes;
    changes.username = renamed;
    changes.language = "de";
    changes.start_on_grouped_servers = true;
    users.update_profile(id, changes, services::Timestamp(1'700'000'100s));
    const auto back = users.find_by_id(id).value();
    BOOST_TEST(back.username == renamed);
    BOOST_TEST(back.language == "de");
    BOOST_TEST(back.start_on_grouped_servers);
    BOOST_TEST(back.name_first == "Zoë");
    BOOST_TEST(back.name_last == "Ünicode");
    BOOST_TEST(back.toast_position == "bottom_right");
    BOOST_TEST((back.updated_at == services::Timestamp(1'700'000'100s)));
    services::ProfileChanges more;
    more.name_first = "Ann";
    more.name_last = "Lee";
    more.toast_position = "top_left";
    more.start_on_grouped_servers = false;
    users.update_profile(id, more, services::Timestamp(1'700'000'200s));
    const auto again = users.find_by_id(id).value();
    BOOST_TEST(again.username == renamed);
    BOOST_TEST(again.name_first == "Ann");
    BOOST_TEST(again.name_last == "Lee");
    BOOST_TEST(again.toast_position == "top_left");
    BOOST_TEST(!again.start_on_grouped_servers);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_profile_update_to_a_username_taken_in_any_case_is_a_duplicate,
                              World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto taken = world.unique("u");
    users.insert(sample_user(taken));
    const auto name = world.unique("v");
    const auto id = users.insert(sample_user(name));
    services::ProfileChanges changes;
    changes.username = upper(taken);
    changes.name_first = "Changed";
    BOOST_CHECK_THROW(users.update_profile(id, changes, services::Timestamp(1'700'000'100s)),
                      services::DuplicateUser);
    BOOST_TEST(users.find_by_id(id).value().name_first == "Zoë");  // nothing was stored
    services::ProfileChanges own;
    own.username = upper(name);  // the account's own name in another case is no duplicate
    users.update_profile(id, own, services::Timestamp(1'700'000'100s));
    BOOST_TEST(users.find_by_id(id).value().username == upper(name));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(replacing_the_avatar_returns_the_one_it_replaced, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto id = users.insert(sample_user(world.unique("u")));
    BOOST_TEST(!users.find_by_id(id).value().avatar.has_value());
    const auto t = services::Timestamp(1'700'000'100s);
    BOOST_TEST(!users.replace_avatar(id, std::string("avatars/a/first.webp"), t).has_value());
    BOOST_TEST(users.find_by_id(id).value().avatar.value() == "avatars/a/first.webp");
    BOOST_TEST(users.replace_avatar(id, std::string("avatars/a/second.webp"), t).value() ==
               "avatars/a/first.webp");
    BOOST_TEST(users.replace_avatar(id, std::nullopt, t).value() == "avatars/a/second.webp");
    BOOST_TEST(!users.find_by_id(id).value().avatar.has_value());
    BOOST_TEST(!users.replace_avatar(id, std::nullopt, t).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(account_state_changes_write_only_the_present_fields, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    auto sample = sample_user(world.unique("u"));
    sample.role = "support";
    const auto id = users.insert(sample);
    services::AccountStateChanges changes;
    changes.portal_type = "enterprise";
    changes.suspended = true;
    users.update_account_state(id, changes, services::Timestamp(1'700'000'100s));
    auto back = users.find_by_id(id).value();
    BOOST_TEST(back.portal_type == "enterprise");
    BOOST_TEST(back.suspended);
    BOOST_TEST(!back.email_verified);
    BOOST_TEST(back.role.value() == "support");
    BOOST_TEST((back.updated_at == services::Timestamp(1'700'000'100s)));
    services::AccountStateChanges clear;
    clear.role = std::optional<std::string>();
    clear.email_verified = true;
    users.update_account_state(id, clear, services::Timestamp(1'700'000'200s));
    back = users.find_by_id(id).value();
    BOOST_TEST(!back.role.has_value());
    BOOST_TEST(back.email_verified);
    BOOST_TEST(back.portal_type == "enterprise");
    BOOST_TEST(back.suspended);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(profile_fields_are_written_read_and_deleted_per_user, World, Worlds) {
    World world;
    services::UserRepository& users = world.users;
    const auto id = users.insert(sample_user(world.unique("u")));
    const auto other = users.insert(sample_user(world.unique("v")));
    BOOST_TEST(users.profile_fields(id).empty());
    const auto t = services::Timestamp(1'700'000'100s);
    // Boxes are binary: a NUL and high bytes must come back as written.
    const std::string box("\x01\x00\xff\x80sealed", 10);
    users.write_profile_fields(id, {{"phone", box}, {"guide_shown", std::string("1")}}, t);
    users.write_profile_fields(other, {{"phone", std::string("other")}}, t);
    auto fields = users.profile_fields(id);
    BOOST_TEST(fields.size() == 2U);
    BOOST_TEST((fields.at("phone") == box));
    BOOST_TEST(fields.at("guide_shown") == "1");
    users.write_profile_fields(id, {{"phone", std::nullopt}, {"guide_shown", std::string("0")}},
                               t + 1s);
    fields = users.profile_fields(id);
    BOOST_TEST(fields.size() == 1U);
    BOOST_TEST(fields.at("guide_shown") == "0");
    BOOST_TEST(users.profile_fields(other).at("phone") == "other");
    BOOST_TEST((users.find_by_id(id).value().updated_at == t + 1s));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::user_repository
