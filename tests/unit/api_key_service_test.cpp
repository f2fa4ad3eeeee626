#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>

#include "crypto/hash.hpp"
#include "service_error_text.hpp"
#include "services/api_key_service.hpp"
#include "support/in_memory_world.hpp"
#include "test_support.hpp"

using namespace accountd;
using namespace std::chrono_literals;
using services::ApiKeyFormat;
using services::KeyCheck;
using testing::refusal;

namespace {

const std::string kHashKey(32, 'h');

struct Fixture {
    testing::ManualClock clock;
    testing::CountingRandom random;
    testing::InMemoryWorld world;
    services::ActivityService activity{world.activity, clock};
    services::ApiKeyService keys{
        world.api_keys,           activity,       random, clock, kHashKey, 60,
        services::ApiKeyLimits{}, &world.throttle};
    std::uint64_t owner = world.make_user("owner");
    const ApiKeyFormat& ptero = services::pterodactyl_key_format();
    const ApiKeyFormat& cala = services::calagopus_key_format();
    const ApiKeyFormat& ecli = services::eclipanel_key_format();

    static services::NewApiKey request(
        std::optional<std::string> description = "deploy",
        std::vector<std::optional<std::string>> ips = {},
        std::optional<std::vector<std::string>> permissions = std::nullopt) {
        return {std::move(description), std::move(ips), std::move(permissions)};
    }
    services::IssuedApiKey create(const ApiKeyFormat& format = services::pterodactyl_key_format(),
                                  const services::NewApiKey& r = request()) {
        return keys.create(format, owner, r);
    }
    services::ApiKey& stored(const services::IssuedApiKey& issued) {
        return world.api_keys.rows.at(issued.key.id).first;
    }
    services::ApiKey& stored_row(const services::ApiKey& key) {
        return world.api_keys.rows.at(key.id).first;
    }
    KeyCheck check(const ApiKeyFormat& format, const std::string& token,
                   const std::string& ip = "192.0.2.10") {
        return keys.authenticate(format, token, ip).result;
    }
};

bool all_of_alphabet(const std::string& text, ApiKeyFormat::Alphabet alphabet) {
    return std::all_of(text.begin(), text.end(), [&](char c) {
        const auto u = static_cast<unsigned char>(c);
        return alphabet == ApiKeyFormat::Alphabet::alphanumeric
                   ? std::isalnum(u) != 0
                   : (std::isdigit(u) != 0 || (c >= 'a' && c <= 'f'));
    });
}

std::string check_name(KeyCheck check) {
    switch (check) {
        case KeyCheck::ok:
            return "ok";
        case KeyCheck::invalid:
            return "invalid";
        case KeyCheck::ip_not_allowed:
            return "ip_not_allowed";
        case KeyCheck::application_key:
            return "application_key";
    }
    return "?";
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(api_key_service, Fixture)

BOOST_AUTO_TEST_CASE(a_key_of_each_format_has_its_shape_and_is_stored_only_as_an_hmac) {
    for (const auto* format : {&ptero, &cala, &ecli}) {
        BOOST_TEST_CONTEXT("format " << format->name) {
            const auto issued = create(
                *format, request("ci", {" 10.0.0.0/8 "}, std::vector<std::string>{"a.read"}));
            const auto& key = issued.key;
            BOOST_TEST(key.format == format->name);
            BOOST_TEST(key.identifier.size() == 16u);
            BOOST_TEST(key.identifier.starts_with(format->prefix));
            BOOST_TEST(
                all_of_alphabet(key.identifier.substr(format->prefix.size()), format->alphabet));
            BOOST_TEST(issued.secret.size() == format->secret_length);
            BOOST_TEST(all_of_alphabet(issued.secret, format->alphabet));
            BOOST_TEST(issued.token().size() == format->token_length());
            BOOST_TEST(key.uuid.value_or("").size() == 36u);
            BOOST_TEST(key.user_id == owner);
            BOOST_TEST(key.key_type == services::kAccountKeyType);
            BOOST_TEST(key.description.value_or("") == "ci");
            BOOST_TEST(key.allowed_ips == std::vector<std::string>{"10.0.0.0/8"});
            BOOST_TEST(key.permissions.value_or(std::vector<std::string>{}) ==
                       std::vector<std::string>{"a.read"});
            BOOST_TEST(!key.expires_at.has_value());
            BOOST_TEST((key.created_at == clock.now()));

            const auto& [row, hash] = world.api_keys.rows.at(key.id);
            BOOST_TEST(row.identifier == key.identifier);
            BOOST_TEST(hash == crypto::hmac_sha256(kHashKey, issued.token()));
            BOOST_TEST(hash.find(issued.secret) == std::string::npos);
            BOOST_TEST(check_name(check(*format, issued.token(), "10.9.8.7")) == "ok");
        }
    }
}

BOOST_AUTO_TEST_CASE(a_description_is_required_and_at_most_500_characters) {
    BOOST_TEST(refusal([&] { create(ptero, request(std::nullopt)); }) ==
               "invalid_fields: description required");
    BOOST_TEST(refusal([&] { create(ptero, request("")); }) ==
               "invalid_fields: description required");
    BOOST_TEST(refusal([&] { create(ptero, request(std::string(501, 'd'))); }) ==
               "invalid_fields: description max 500");
    // Characters, not bytes: 500 two-byte characters fit.
    std::string accented;
    for (int i = 0; i < 500; ++i)
        accented += "\xC3\xA9";
    BOOST_TEST(create(ptero, request(accented)).key.description.value_or("") == accented);
    BOOST_TEST(world.api_keys.rows.size() == 1u);
}

BOOST_AUTO_TEST_CASE(the_allow_list_is_counted_before_its_entries_are_parsed) {
    std::vector<std::optional<std::string>> many(51, std::optional<std::string>("not an ip"));
    BOOST_TEST(refusal([&] { create(ptero, request("ci", many)); }) ==
               "invalid_fields: allowed_ips max_items 50");
    many.pop_back();
    std::fill(many.begin(), many.end(), std::optional<std::string>("192.0.2.1"));
    BOOST_TEST(create(ptero, request("ci", many)).key.allowed_ips.size() == 50u);
}

BOOST_AUTO_TEST_CASE(every_bad_allow_list_entry_is_reported_with_its_index_after_the_description) {
    const auto r = request("", {"10.0.0.1", std::nullopt, "  300.1.1.1 ", "192.168.*.1",
                                " 192.168.0.0 255.255.255.0 "});
    BOOST_TEST(refusal([&] { create(ptero, r); }) ==
               "invalid_fields: description required; allowed_ips.1 string; "
               "allowed_ips.2 ip_range 300.1.1.1; allowed_ips.3 ip_range 192.168.*.1");
    BOOST_TEST(world.api_keys.rows.empty());
}

BOOST_AUTO_TEST_CASE(allow_list_entries_are_stored_trimmed_in_every_accepted_form) {
    const auto issued = create(ptero, request("ci", {" 203.0.113.7", "10.1.2.3/8 ", "192.168.*.*",
                                                     "10.0.0.5-10.0.0.9", "2001:db8::/32"}));
    BOOST_TEST(issued.key.allowed_ips ==
               (std::vector<std::string>{"203.0.113.7", "10.1.2.3/8", "192.168.*.*",
                                         "10.0.0.5-10.0.0.9", "2001:db8::/32"}));
}

BOOST_AUTO_TEST_CASE(the_key_limit_is_counted_per_format_and_per_user) {
    for (int i = 0; i < 25; ++i)
        create(ptero);
    BOOST_TEST(refusal([&] { create(ptero); }) == "limit_reached");
    // A request that breaks a rule hears about the rule first.
    BOOST_TEST(refusal([&] { create(ptero, request("")); }) ==
               "invalid_fields: description required");
    BOOST_TEST(refusal([&] { create(cala); }) == "no error");
    BOOST_TEST(refusal([&] { create(ecli); }) == "no error");
    const auto other = world.make_user("other");
    BOOST_TEST(refusal([&] { keys.create(ptero, other, request()); }) == "no error");

    BOOST_TEST(keys.remove(ptero, owner, keys.list(ptero, owner).front().identifier));
    BOOST_TEST(refusal([&] { create(ptero); }) == "no error");
    BOOST_TEST(refusal([&] { create(ptero); }) == "limit_reached");
}

BOOST_AUTO_TEST_CASE(a_key_made_by_a_key_stays_inside_the_creating_keys_allow_list) {
    const auto parent = create(ptero, request("parent", {"10.0.0.0/8", "192.0.2.7"})).key;
    const auto inside =
        keys.create(ptero, owner, request("child", {"10.1.2.0/24", "192.0.2.7"}), &parent);
    BOOST_TEST(inside.key.allowed_ips == (std::vector<std::string>{"10.1.2.0/24", "192.0.2.7"}));

    BOOST_TEST(
        refusal([&] {
            keys.create(ptero, owner, request("child", {"10.2.0.0/16", "192.0.2.0/24"}), &parent);
        }) == "invalid_fields: allowed_ips.1 narrower 192.0.2.0/24");
    // No list at all would mean any address.
    BOOST_TEST(refusal([&] { keys.create(ptero, owner, request("child"), &parent); }) ==
               "invalid_fields: allowed_ips narrower");

    // A key without a list may make keys with any list, or none.
    const auto open = create(ptero, request("open")).key;
    BOOST_TEST(keys.create(ptero, owner, request("child"), &open).key.allowed_ips.empty());
    BOOST_TEST(keys.create(ptero, owner, request("child", {"198.51.100.1"}), &open)
                   .key.allowed_ips.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_key_made_by_a_key_has_permissions_within_the_creating_keys_list) {
    const auto parent =
        create(ptero, request("parent", {}, std::vector<std::string>{"a.read", "b.read"})).key;
    const auto inherited = keys.create(ptero, owner, request("child"), &parent);
    BOOST_TEST(inherited.key.permissions.value_or(std::vector<std::string>{}) ==
               (std::vector<std::string>{"a.read", "b.read"}));
    const auto narrower = keys.create(
        ptero, owner, request("child", {}, std::vector<std::string>{"b.read"}), &parent);
    BOOST_TEST(narrower.key.permissions.value_or(std::vector<std::string>{}) ==
               std::vector<std::string>{"b.read"});
    BOOST_TEST(refusal([&] {
                   keys.create(ptero, owner,
                               request("child", {}, std::vector<std::string>{"a.read", "c.write"}),
                               &parent);
               }) == "invalid_fields: permissions.1 narrower c.write");

    // A key without a list hands out what is asked for, or the whole account.
    const auto open = create(ptero, request("open")).key;
    BOOST_TEST(
        keys.create(ptero, owner, request("child", {}, std::vector<std::string>{"c.write"}), &open)
            .key.permissions.value_or(std::vector<std::string>{}) ==
        std::vector<std::string>{"c.write"});
    BOOST_TEST(!keys.create(ptero, owner, request("child"), &open).key.permissions.has_value());
}

BOOST_AUTO_TEST_CASE(a_key_made_by_a_key_expires_when_the_creating_key_does) {
    auto parent = create(ptero, request("parent")).key;
    BOOST_TEST(!keys.create(ptero, owner, request("child"), &parent).key.expires_at.has_value());
    parent.expires_at = clock.now() + 3600s;
    const auto child = keys.create(ptero, owner, request("child"), &parent);
    BOOST_TEST((child.key.expires_at == parent.expires_at));
    BOOST_TEST((stored(child).expires_at == parent.expires_at));
    // A key made by the owner directly does not expire.
    BOOST_TEST(!create(ptero).key.expires_at.has_value());
}

BOOST_AUTO_TEST_CASE(listing_and_removing_see_only_the_owners_keys) {
    const auto first = create(ptero, request("first"));
    const auto second = create(ptero, request("second"));
    const auto calagopus = create(cala, request("calagopus"));
    const auto other = world.make_user("other");
    const auto theirs = keys.create(ptero, other, request("theirs"));

    const auto listed = keys.list(ptero, owner);
    BOOST_REQUIRE(listed.size() == 2u);
    BOOST_TEST(listed[0].identifier == first.key.identifier);
    BOOST_TEST(listed[1].identifier == second.key.identifier);
    BOOST_TEST(keys.list(cala, owner).size() == 1u);
    BOOST_TEST(keys.list(ecli, owner).empty());

    // The account's keys of every format its dialect carries.
    const auto account = keys.list_account(ptero, owner);
    BOOST_REQUIRE(account.size() == 3u);
    BOOST_TEST(account[2].identifier == calagopus.key.identifier);
    // EcliPanel carries all three formats.
    BOOST_TEST(keys.list_account(ecli, owner).size() == 3u);

    BOOST_TEST(!keys.remove(ptero, owner, theirs.key.identifier));
    BOOST_TEST(!keys.remove(ecli, owner, theirs.key.identifier));
    BOOST_TEST(!keys.remove(cala, other, calagopus.key.identifier));
    BOOST_TEST(!keys.remove(ecli, owner, "zz"));
    BOOST_TEST(world.api_keys.rows.size() == 4u);

    BOOST_TEST(keys.remove(ptero, owner, first.key.identifier));
    BOOST_TEST(!keys.remove(ptero, owner, first.key.identifier));
    BOOST_TEST(keys.remove(cala, owner, calagopus.key.identifier));
    BOOST_TEST(keys.list(ptero, owner).size() == 1u);
    BOOST_TEST(check_name(check(ptero, first.token())) == "invalid");
    BOOST_TEST(check_name(check(ptero, theirs.token())) == "ok");
}

BOOST_AUTO_TEST_CASE(a_restricted_key_deletes_only_keys_within_its_own_restrictions) {
    auto caller = create(ptero, request("caller", {"10.0.0.0/8"})).key;
    caller.expires_at = clock.now() + 3600s;
    stored_row(caller).expires_at = caller.expires_at;
    const auto wider = create(ptero, request("wider"));
    const auto other_net = create(ptero, request("other net", {"192.0.2.0/24"}));
    const auto child = keys.create(ptero, owner, request("child", {"10.1.0.0/16"}), &caller);
    const auto theirs = keys.create(ptero, world.make_user("other"), request("theirs"));

    // Wider than the caller: no list, another network, or no expiry.
    BOOST_TEST(refusal([&] { keys.remove(ptero, owner, wider.key.identifier, &caller); }) ==
               "not_permitted");
    BOOST_TEST(refusal([&] { keys.remove(ptero, owner, other_net.key.identifier, &caller); }) ==
               "not_permitted");
    // Someone else's key and an unknown one answer as missing, not as forbidden.
    BOOST_TEST(!keys.remove(ptero, owner, theirs.key.identifier, &caller));
    BOOST_TEST(!keys.remove(ptero, owner, "ptlc_00000000000", &caller));
    BOOST_TEST(world.api_keys.rows.size() == 5u);

    // A key it made (same expiry, narrower list), and itself.
    BOOST_TEST(keys.remove(ptero, owner, child.key.identifier, &caller));
    BOOST_TEST(keys.remove(ptero, owner, caller.identifier, &caller));
    // The owner's session (no key) and an unrestricted key delete any of the owner's keys.
    const auto open = create(ptero, request("open")).key;
    BOOST_TEST(keys.remove(ptero, owner, other_net.key.identifier, &open));
    BOOST_TEST(keys.remove(ptero, owner, wider.key.identifier));
}

BOOST_AUTO_TEST_CASE(a_key_limited_by_permissions_deletes_only_keys_with_fewer) {
    const auto caller =
        create(ptero, request("caller", {}, std::vector<std::string>{"a.read", "b.read"})).key;
    const auto wider =
        create(ptero, request("wider", {}, std::vector<std::string>{"a.read", "c.write"}));
    const auto narrower =
        create(ptero, request("narrower", {}, std::vector<std::string>{"b.read"}));
    BOOST_TEST(refusal([&] { keys.remove(ptero, owner, wider.key.identifier, &caller); }) ==
               "not_permitted");
    BOOST_TEST(keys.remove(ptero, owner, narrower.key.identifier, &caller));
}

BOOST_AUTO_TEST_CASE(a_right_key_authenticates_with_its_owner) {
    const auto issued = create(ptero);
    const auto result = keys.authenticate(ptero, issued.token(), "192.0.2.10");
    BOOST_TEST(check_name(result.result) == "ok");
    BOOST_REQUIRE(result.key.has_value());
    BOOST_TEST(result.key->key.id == issued.key.id);
    BOOST_TEST(result.key->owner.id == owner);
}

BOOST_AUTO_TEST_CASE(a_wrong_secret_or_a_malformed_key_is_invalid) {
    const auto issued = create(ptero);
    auto wrong = issued.token();
    wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
    const auto result = keys.authenticate(ptero, wrong, "192.0.2.10");
    BOOST_TEST(check_name(result.result) == "invalid");
    BOOST_TEST(!result.key.has_value());
    BOOST_TEST(check_name(check(ptero, issued.token() + "a")) == "invalid");
    BOOST_TEST(check_name(check(ptero, "")) == "invalid");
    BOOST_TEST(check_name(check(ptero, std::string(48, '-'))) == "invalid");
    BOOST_TEST(!stored(issued).last_used_at.has_value());
}

BOOST_AUTO_TEST_CASE(an_expired_key_is_invalid) {
    const auto issued = create(ptero);
    stored(issued).expires_at = clock.now() + 10s;
    clock.advance(9s);
    BOOST_TEST(check_name(check(ptero, issued.token())) == "ok");
    clock.advance(1s);
    BOOST_TEST(check_name(check(ptero, issued.token())) == "invalid");
}

BOOST_AUTO_TEST_CASE(the_keys_of_every_format_work_in_every_dialect) {
    const auto p = create(ptero);
    const auto c = create(cala);
    const auto e = create(ecli);
    // Both dialects take any 48 of [A-Za-z0-9_]: one account's keys work in either.
    BOOST_TEST(check_name(check(ptero, c.token())) == "ok");
    BOOST_TEST(check_name(check(cala, p.token())) == "ok");
    BOOST_TEST(check_name(check(cala, c.token())) == "ok");
    // EcliPanel's 64 hex characters are read in its shape wherever they are presented, and
    // EcliPanel reads the other two.
    BOOST_TEST(check_name(check(ptero, e.token())) == "ok");
    BOOST_TEST(check_name(check(cala, e.token())) == "ok");
    BOOST_TEST(check_name(check(ecli, p.token())) == "ok");
    BOOST_TEST(check_name(check(ecli, c.token())) == "ok");
    // A wrong secret in another format's shape is still wrong.
    std::string wrong = e.token();
    wrong.back() = wrong.back() == 'a' ? 'b' : 'a';
    BOOST_TEST(check_name(check(ptero, wrong)) == "invalid");
    // EcliPanel's hex keys are matched without regard to case.
    std::string upper = e.token();
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char ch) { return static_cast<char>(std::toupper(ch)); });
    BOOST_TEST(check_name(check(ecli, upper)) == "ok");
}

BOOST_AUTO_TEST_CASE(an_application_key_is_refused_with_its_key) {
    const auto issued = create(ptero);
    stored(issued).key_type = services::kApplicationKeyType;
    const auto result = keys.authenticate(ptero, issued.token(), "192.0.2.10");
    BOOST_TEST(check_name(result.result) == "application_key");
    BOOST_REQUIRE(result.key.has_value());
    BOOST_TEST(result.key->key.id == issued.key.id);
    BOOST_TEST(!stored(issued).last_used_at.has_value());
}

BOOST_AUTO_TEST_CASE(an_address_off_the_allow_list_is_refused_and_recorded_as_ip_blocked) {
    const auto issued = create(ptero, request("ci", {"10.0.0.0/8"}));
    const auto refused = keys.authenticate(ptero, issued.token(), "192.0.2.10");
    BOOST_TEST(check_name(refused.result) == "ip_not_allowed");
    BOOST_REQUIRE(refused.key.has_value());
    BOOST_TEST(refused.key->owner.id == owner);

    BOOST_REQUIRE(world.activity.rows.size() == 1u);
    const auto& entry = world.activity.rows.begin()->second;
    BOOST_TEST(entry.event == "auth:ip-blocked");
    BOOST_TEST(entry.actor_id.value_or(0) == owner);
    BOOST_TEST(entry.subject_user_id.value_or(0) == owner);
    BOOST_TEST(entry.api_key_id.value_or(0) == issued.key.id);
    BOOST_TEST(entry.ip == "192.0.2.10");
    BOOST_TEST(entry.properties_json == R"({"identifier":")" + issued.key.identifier + R"("})");
    BOOST_TEST((entry.created_at == clock.now()));
    BOOST_TEST(!stored(issued).last_used_at.has_value());

    // Not an address at all: refused the same way (and, within the minute, not recorded again).
    BOOST_TEST(check_name(check(ptero, issued.token(), "unix:")) == "ip_not_allowed");
    // An address on the list passes and records nothing.
    BOOST_TEST(check_name(check(ptero, issued.token(), "10.20.30.40")) == "ok");
    BOOST_TEST(world.activity.rows.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_key_refused_again_and_again_is_recorded_once_a_minute_not_per_request) {
    const auto issued = create(ptero, request("ci", {"10.0.0.0/8"}));
    const auto other = create(ptero, request("other", {"10.0.0.0/8"}));
    for (int i = 0; i < 100; ++i)
        BOOST_TEST(check_name(check(ptero, issued.token(), "192.0.2.10")) == "ip_not_allowed");
    BOOST_TEST(world.activity.rows.size() == 1u);
    // Each key has its own record.
    BOOST_TEST(check_name(check(ptero, other.token(), "192.0.2.10")) == "ip_not_allowed");
    BOOST_TEST(world.activity.rows.size() == 2u);
    clock.advance(59s);
    BOOST_TEST(check_name(check(ptero, issued.token(), "192.0.2.11")) == "ip_not_allowed");
    BOOST_TEST(world.activity.rows.size() == 2u);
    clock.advance(1s);
    BOOST_TEST(check_name(check(ptero, issued.token(), "192.0.2.11")) == "ip_not_allowed");
    BOOST_TEST(world.activity.rows.size() == 3u);
    BOOST_TEST(world.activity.rows.rbegin()->second.ip == "192.0.2.11");
}

BOOST_AUTO_TEST_CASE(last_used_is_written_at_most_once_per_touch_interval) {
    const auto issued = create(ptero);
    const auto start = clock.now();
    const auto first = keys.authenticate(ptero, issued.token(), "192.0.2.10");
    BOOST_TEST((first.key->key.last_used_at == start));
    BOOST_TEST((stored(issued).last_used_at == start));
    clock.advance(59s);
    const auto within = keys.authenticate(ptero, issued.token(), "192.0.2.10");
    BOOST_TEST((within.key->key.last_used_at == start));
    BOOST_TEST((stored(issued).last_used_at == start));
    clock.advance(1s);
    check(ptero, issued.token());
    BOOST_TEST((stored(issued).last_used_at == start + 60s));
}

BOOST_AUTO_TEST_CASE(a_key_without_a_permission_list_grants_every_permission) {
    services::ApiKey key;
    BOOST_TEST(services::ApiKeyService::grants(key, "anything"));
    key.permissions = std::vector<std::string>{"a.read", "b.write"};
    BOOST_TEST(services::ApiKeyService::grants(key, "b.write"));
    BOOST_TEST(!services::ApiKeyService::grants(key, "b.read"));
    BOOST_TEST(!services::ApiKeyService::grants(key, ""));
    key.permissions = std::vector<std::string>{};
    BOOST_TEST(!services::ApiKeyService::grants(key, "a.read"));
}

BOOST_AUTO_TEST_CASE(an_issued_key_is_stored_within_the_cap_and_found_by_uuid_while_live) {
    services::ApiKey draft;
    draft.user_id = owner;
    draft.description = "deploy";
    draft.permissions = std::vector<std::string>{"api-keys.read"};
    draft.admin_permissions = std::vector<std::string>{};
    draft.server_permissions = std::vector<std::string>{};
    draft.expires_at = clock.now() + 10s;
    const auto issued = keys.issue(cala, draft, 2);
    BOOST_TEST(issued.token().starts_with("c7sp_"));
    BOOST_TEST(issued.token().size() == 48u);
    BOOST_TEST(issued.key.uuid.has_value());
    BOOST_TEST(check_name(check(cala, issued.token())) == "ok");
    BOOST_TEST(keys.find_live(owner, *issued.key.uuid).has_value());
    BOOST_TEST(keys.find_live_by_identifier(owner, issued.key.identifier).has_value());
    const auto other = world.make_user("other");
    BOOST_TEST(!keys.find_live(other, *issued.key.uuid).has_value());
    BOOST_TEST(!keys.find_live_by_identifier(other, issued.key.identifier).has_value());
    BOOST_TEST(keys.name_taken(owner, "deploy"));
    BOOST_TEST(!keys.name_taken(owner, "deploy", issued.key.id));
    keys.issue(cala, draft, 2);
    BOOST_TEST(refusal([&] { keys.issue(cala, draft, 2); }) == "limit_reached");
    // Expired: gone at once, from every lookup and the page.
    clock.advance(10s);
    BOOST_TEST(!keys.find_live(owner, *issued.key.uuid).has_value());
    BOOST_TEST(!keys.find_live_by_identifier(owner, issued.key.identifier).has_value());
    BOOST_TEST(keys.page(owner, std::nullopt, 0, 25).total == 0u);
    BOOST_TEST(check_name(check(cala, issued.token())) == "invalid");
}

BOOST_AUTO_TEST_CASE(a_recreated_key_has_a_new_text_and_the_old_one_stops_at_once) {
    services::ApiKey draft;
    draft.user_id = owner;
    draft.description = "ci";
    const auto issued = keys.issue(cala, draft, 50);
    const auto again = keys.recreate(issued.key);
    BOOST_TEST(again.token() != issued.token());
    BOOST_TEST(again.token().starts_with("c7sp_"));
    BOOST_TEST((again.key.uuid == issued.key.uuid));
    BOOST_TEST(check_name(check(cala, issued.token())) == "invalid");
    BOOST_TEST(check_name(check(cala, again.token())) == "ok");
    // A Pterodactyl key recreated through Calagopus stays a Pterodactyl key.
    const auto ptlc = create(ptero);
    BOOST_TEST(keys.recreate(ptlc.key).token().starts_with("ptlc_"));
}

BOOST_AUTO_TEST_CASE(a_key_made_by_a_calagopus_key_inherits_its_admin_and_server_lists) {
    services::ApiKey maker;
    maker.permissions = std::vector<std::string>{"api-keys.create"};
    maker.admin_permissions = std::vector<std::string>{};
    maker.server_permissions = std::vector<std::string>{"files.read"};
    const auto made = keys.create(ptero, owner, request("child"), &maker);
    BOOST_TEST((made.key.permissions == maker.permissions));
    BOOST_TEST((made.key.admin_permissions == maker.admin_permissions));
    BOOST_TEST((made.key.server_permissions == maker.server_permissions));
}

BOOST_AUTO_TEST_SUITE_END()
