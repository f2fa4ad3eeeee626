#pragma once
// The TwoFactorRepository contract (services/two_factor.hpp): the sealed secret, the enabled
// flag (seen on the user row) and the last used time step, which only moves forward so that
// each step is claimed once; recovery codes and pending sign-ins that are used up once only;
// wrong codes counted until the pending sign-in goes. See contract/contract.hpp.

#include <vector>

#include "contract/contract.hpp"
#include "services/two_factor.hpp"
#include "services/user_repository.hpp"

namespace accountd::contract::two_factor_repository {

using namespace std::chrono_literals;

/// `n` codes whose salt and hash have the stored sizes (BINARY(16), BINARY(32)).
inline std::vector<services::RecoveryCode> codes(int n, const std::string& tag) {
    std::vector<services::RecoveryCode> out;
    for (int i = 0; i < n; ++i) {
        services::RecoveryCode code;
        code.salt = std::string(16, static_cast<char>('a' + i));
        code.code_hash = digest(tag + std::to_string(i));
        out.push_back(code);
    }
    return out;
}

inline services::PendingLogin pending_for(std::uint64_t user, services::Timestamp expires) {
    services::PendingLogin p;
    p.user_id = user;
    p.dialect = "pterodactyl";
    p.expires_at = expires;
    return p;
}

BOOST_AUTO_TEST_SUITE(two_factor_repository_contract)

BOOST_AUTO_TEST_CASE_TEMPLATE(a_user_without_setup_has_no_secret_and_two_factor_off, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    BOOST_TEST(!two_factor.secret(user).has_value());
    BOOST_TEST(!two_factor.secret(987654321).has_value());
    BOOST_TEST(two_factor.recovery_codes(user).empty());
    BOOST_TEST(!world.users.find_by_id(user).value().totp_enabled);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_pending_secret_is_stored_without_enabling_two_factor, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const auto other = world.make_user();
    const std::string sealed("\x01\x00sealed\xff", 9);  // ciphertext: any bytes
    BOOST_TEST(two_factor.offer_pending_secret(user, sealed, kT0, kT0 - 600s));
    BOOST_TEST(two_factor.secret(user).value().sealed == sealed);
    BOOST_TEST((two_factor.secret(user).value().set_at == kT0));
    BOOST_TEST(!world.users.find_by_id(user).value().totp_enabled);
    BOOST_TEST(!two_factor.secret(other).has_value());
}

// A setup shows the pending secret while it is fresh; two racing setups store one secret.
BOOST_AUTO_TEST_CASE_TEMPLATE(a_fresh_pending_secret_is_kept_and_a_stale_one_replaced, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    BOOST_TEST(two_factor.offer_pending_secret(user, "first", kT0, kT0 - 600s));
    // Set at kT0, and kT0 is not before the freshness bound: kept.
    BOOST_TEST(!two_factor.offer_pending_secret(user, "second", kT0 + 600s, kT0));
    BOOST_TEST(two_factor.secret(user).value().sealed == "first");
    BOOST_TEST((two_factor.secret(user).value().set_at == kT0));
    BOOST_TEST(two_factor.offer_pending_secret(user, "third", kT0 + 601s, kT0 + 1s));
    BOOST_TEST(two_factor.secret(user).value().sealed == "third");
    BOOST_TEST((two_factor.secret(user).value().set_at == kT0 + 601s));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(no_pending_secret_replaces_an_enabled_one, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    BOOST_TEST(two_factor.offer_pending_secret(user, "enabled", kT0, kT0));
    two_factor.enable(user, 1000, codes(1, "c"), kT0);
    BOOST_TEST(!two_factor.offer_pending_secret(user, "pending", kT0 + 3600s, kT0 + 3600s));
    BOOST_TEST(two_factor.secret(user).value().sealed == "enabled");
    // Once disabled, a new setup stores again.
    two_factor.disable(user, kT0 + 3600s);
    BOOST_TEST(two_factor.offer_pending_secret(user, "pending", kT0 + 3600s, kT0 + 3000s));
    BOOST_TEST(two_factor.secret(user).value().sealed == "pending");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_secret_is_resealed_only_while_it_is_unchanged, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const auto other = world.make_user();
    two_factor.offer_pending_secret(user, "old key", kT0, kT0);
    two_factor.offer_pending_secret(other, "old key", kT0, kT0);
    BOOST_TEST(!two_factor.reseal_secret(user, "something else", "new key"));
    BOOST_TEST(two_factor.secret(user).value().sealed == "old key");
    BOOST_TEST(two_factor.reseal_secret(user, "old key", "new key"));
    BOOST_TEST(two_factor.secret(user).value().sealed == "new key");
    BOOST_TEST((two_factor.secret(user).value().set_at == kT0));
    BOOST_TEST(two_factor.secret(other).value().sealed == "old key");
    BOOST_TEST(!two_factor.reseal_secret(987654321, "old key", "new key"));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(enabling_turns_two_factor_on_and_stores_the_codes_in_order, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const auto other = world.make_user();
    two_factor.offer_pending_secret(user, "sealed", kT0, kT0);
    const auto made = codes(3, "c");
    two_factor.enable(user, 1000, made, kT0 + 60s);
    const auto back = world.users.find_by_id(user);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(back->totp_enabled);
    BOOST_TEST((back->updated_at == kT0 + 60s));
    BOOST_TEST(two_factor.secret(user).value().sealed == "sealed");
    const auto stored = two_factor.recovery_codes(user);
    BOOST_REQUIRE(stored.size() == 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        BOOST_TEST(stored[i].id != 0u);
        BOOST_TEST(stored[i].salt == made[i].salt);
        BOOST_TEST(stored[i].code_hash == made[i].code_hash);
        if (i > 0) BOOST_TEST(stored[i - 1].id < stored[i].id);
    }
    BOOST_TEST(two_factor.recovery_codes(other).empty());
    BOOST_TEST(!world.users.find_by_id(other).value().totp_enabled);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(enabling_again_replaces_the_recovery_codes, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    two_factor.enable(user, 1000, codes(3, "old"), kT0);
    const auto old_ids = two_factor.recovery_codes(user);
    two_factor.enable(user, 1001, codes(2, "new"), kT0 + 1s);
    const auto stored = two_factor.recovery_codes(user);
    BOOST_REQUIRE(stored.size() == 2u);
    BOOST_TEST(stored[0].code_hash == digest("new0"));
    BOOST_TEST(stored[1].code_hash == digest("new1"));
    for (const auto& old : old_ids)
        BOOST_TEST(!two_factor.delete_recovery_code(old.id));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(disabling_forgets_the_secret_the_codes_and_the_last_step, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const auto other = world.make_user();
    two_factor.offer_pending_secret(user, "sealed", kT0, kT0);
    two_factor.enable(user, 1000, codes(2, "c"), kT0);
    two_factor.offer_pending_secret(other, "theirs", kT0, kT0);
    two_factor.enable(other, 1000, codes(2, "o"), kT0);
    two_factor.disable(user, kT0 + 120s);
    const auto back = world.users.find_by_id(user);
    BOOST_REQUIRE(back.has_value());
    BOOST_TEST(!back->totp_enabled);
    BOOST_TEST((back->updated_at == kT0 + 120s));
    BOOST_TEST(!two_factor.secret(user).has_value());
    BOOST_TEST(two_factor.recovery_codes(user).empty());
    BOOST_TEST(two_factor.claim_step(user, 5));  // no last step any more
    // The other account keeps everything.
    BOOST_TEST(world.users.find_by_id(other).value().totp_enabled);
    BOOST_TEST(two_factor.secret(other).value().sealed == "theirs");
    BOOST_TEST(two_factor.recovery_codes(other).size() == 2u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(each_time_step_is_claimed_once_and_only_forward, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const auto other = world.make_user();
    BOOST_TEST(two_factor.claim_step(user, 100));   // nothing used yet
    BOOST_TEST(!two_factor.claim_step(user, 100));  // replay
    BOOST_TEST(!two_factor.claim_step(user, 99));   // older
    BOOST_TEST(two_factor.claim_step(user, 102));
    BOOST_TEST(!two_factor.claim_step(user, 101));  // skipped steps stay behind
    BOOST_TEST(two_factor.claim_step(other, 100));  // per user
}

BOOST_AUTO_TEST_CASE_TEMPLATE(the_last_used_step_reads_back_until_two_factor_is_disabled, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const auto other = world.make_user();
    BOOST_TEST(!two_factor.last_used_step(user).has_value());
    two_factor.enable(user, 40, codes(1, "a"), kT0);
    BOOST_TEST(two_factor.last_used_step(user).value() == 40);
    BOOST_TEST(two_factor.claim_step(user, 57));
    BOOST_TEST(two_factor.last_used_step(user).value() == 57);
    BOOST_TEST(!two_factor.last_used_step(other).has_value());
    two_factor.disable(user, kT0);
    BOOST_TEST(!two_factor.last_used_step(user).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(enabling_counts_its_step_as_used_and_never_moves_it_back, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    two_factor.enable(user, 1000, codes(1, "c"), kT0);
    BOOST_TEST(!two_factor.claim_step(user, 1000));
    BOOST_TEST(two_factor.claim_step(user, 1001));
    two_factor.enable(user, 500, codes(1, "d"), kT0);  // an earlier step does not reopen any
    BOOST_TEST(!two_factor.claim_step(user, 1001));
    BOOST_TEST(!two_factor.claim_step(user, 600));
    BOOST_TEST(two_factor.claim_step(user, 1002));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_step_is_never_claimed_for_an_unknown_user, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    BOOST_TEST(!two_factor.claim_step(987654321, 100));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_recovery_code_is_deleted_once_only, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    two_factor.enable(user, 1, codes(3, "c"), kT0);
    const auto stored = two_factor.recovery_codes(user);
    BOOST_TEST(two_factor.delete_recovery_code(stored[1].id));
    BOOST_TEST(!two_factor.delete_recovery_code(stored[1].id));
    const auto left = two_factor.recovery_codes(user);
    BOOST_REQUIRE(left.size() == 2u);
    BOOST_TEST(left[0].id == stored[0].id);
    BOOST_TEST(left[1].id == stored[2].id);
    BOOST_TEST(!two_factor.delete_recovery_code(987654321));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_pending_sign_in_is_found_by_the_exact_token_hash, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const std::string hash = std::string("\0\0pending", 9) + std::string(23, '\0');
    two_factor.insert_pending(hash, pending_for(user, kT0 + 300s));
    const auto found = two_factor.find_pending(hash);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->id != 0u);
    BOOST_TEST(found->user_id == user);
    BOOST_TEST(found->dialect == "pterodactyl");
    BOOST_TEST((found->expires_at == kT0 + 300s));
    BOOST_TEST(!two_factor.find_pending(std::string(32, '\0')).has_value());
    BOOST_TEST(!two_factor.find_pending(digest("other")).has_value());
}

// Expiry is the caller's to check (and housekeeping's to clean up): an expired row is found.
BOOST_AUTO_TEST_CASE_TEMPLATE(an_expired_pending_sign_in_is_still_found_until_deleted, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    two_factor.insert_pending(digest("old"), pending_for(user, kT0 - 3600s));
    BOOST_TEST((two_factor.find_pending(digest("old")).value().expires_at == kT0 - 3600s));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_pending_sign_in_is_deleted_once_only, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    two_factor.insert_pending(digest("a"), pending_for(user, kT0 + 300s));
    two_factor.insert_pending(digest("b"), pending_for(user, kT0 + 300s));
    const auto id = two_factor.find_pending(digest("a")).value().id;
    BOOST_TEST(two_factor.delete_pending(id));
    BOOST_TEST(!two_factor.delete_pending(id));
    BOOST_TEST(!two_factor.find_pending(digest("a")).has_value());
    BOOST_TEST(two_factor.find_pending(digest("b")).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(deleting_a_users_pending_sign_ins_leaves_other_users_alone, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    const auto other = world.make_user();
    two_factor.insert_pending(digest("a"), pending_for(user, kT0 + 300s));
    two_factor.insert_pending(digest("b"), pending_for(user, kT0 + 300s));
    two_factor.insert_pending(digest("c"), pending_for(other, kT0 + 300s));
    two_factor.delete_pending_for_user(user);
    BOOST_TEST(!two_factor.find_pending(digest("a")).has_value());
    BOOST_TEST(!two_factor.find_pending(digest("b")).has_value());
    BOOST_TEST(two_factor.find_pending(digest("c")).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_pending_sign_in_goes_when_its_failures_reach_the_maximum, World,
                              Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    two_factor.insert_pending(digest("a"), pending_for(user, kT0 + 300s));
    two_factor.insert_pending(digest("b"), pending_for(user, kT0 + 300s));
    const auto a = two_factor.find_pending(digest("a")).value().id;
    const auto b = two_factor.find_pending(digest("b")).value().id;
    two_factor.count_pending_failure(a, 3);
    two_factor.count_pending_failure(a, 3);
    BOOST_TEST(two_factor.find_pending(digest("a")).has_value());  // 2 of 3
    two_factor.count_pending_failure(b, 3);                        // counted per pending sign-in
    two_factor.count_pending_failure(a, 3);
    BOOST_TEST(!two_factor.find_pending(digest("a")).has_value());  // the third deletes it
    BOOST_TEST(!two_factor.delete_pending(a));
    BOOST_TEST(two_factor.find_pending(digest("b")).has_value());
    two_factor.count_pending_failure(a, 3);  // a gone row: nothing to count, no error
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_maximum_of_one_deletes_at_the_first_failure, World, Worlds) {
    World world;
    services::TwoFactorRepository& two_factor = world.two_factor;
    const auto user = world.make_user();
    two_factor.insert_pending(digest("a"), pending_for(user, kT0 + 300s));
    two_factor.count_pending_failure(two_factor.find_pending(digest("a")).value().id, 1);
    BOOST_TEST(!two_factor.find_pending(digest("a")).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::two_factor_repository
