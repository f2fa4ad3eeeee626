#pragma once
// The SessionRepository contract (services/session_repository.hpp): a session is found by the
// exact bytes of its token hash, together with its owner; removals report whether a row went,
// and never take another user's session. See contract/contract.hpp for how it is run.

#include "contract/contract.hpp"
#include "services/session_repository.hpp"

namespace accountd::contract::session_repository {

using namespace std::chrono_literals;

inline services::Session make_session(std::uint64_t user_id, const std::string& public_id) {
    services::Session s;
    s.public_id = public_id;
    s.user_id = user_id;
    s.dialect = "calagopus";
    s.ip = "2001:db8::1";
    s.user_agent = "test agent";
    s.created_at = services::Timestamp(1'700'000'000s);
    s.last_used_at = s.created_at;
    s.expires_at = s.created_at + 3600s;
    return s;
}

/// A UUID-shaped public id, unique within the world.
template <typename World>
std::string public_id(World& world) {
    const auto name = world.unique("");
    return "00000000-0000-4000-8000-" +
           std::string(12 - std::min<std::size_t>(12, name.size()), '0') + name.substr(0, 12);
}

BOOST_AUTO_TEST_SUITE(session_repository_contract)

BOOST_AUTO_TEST_CASE_TEMPLATE(a_session_is_found_by_its_token_hash_with_its_user, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto s = make_session(user_id, public_id(world));
    const std::string hash = digest("token");
    const auto id = sessions.insert(s, hash);
    const auto found = sessions.find_by_token_hash(hash);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->session.id == id);
    BOOST_TEST(found->session.public_id == s.public_id);
    BOOST_TEST(found->session.user_id == user_id);
    BOOST_TEST(found->session.dialect == "calagopus");
    BOOST_TEST(found->session.ip == "2001:db8::1");
    BOOST_TEST(found->session.user_agent == "test agent");
    BOOST_TEST((found->session.created_at == s.created_at));
    BOOST_TEST((found->session.last_used_at == s.last_used_at));
    BOOST_TEST((found->session.expires_at == s.expires_at));
    BOOST_TEST(found->user.id == user_id);
    BOOST_TEST(!sessions.find_by_token_hash(digest("other")).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(hashes_with_nul_bytes_are_stored_and_matched_exactly, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const std::string hash = std::string("\0\0abc", 5) + std::string(27, '\0');
    sessions.insert(make_session(user_id, public_id(world)), hash);
    BOOST_TEST(sessions.find_by_token_hash(hash).has_value());
    BOOST_TEST(!sessions.find_by_token_hash(std::string(32, '\0')).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(the_user_found_with_a_session_is_the_users_current_row, World,
                              Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    services::UserRepository& users = world.users;
    const auto user_id = world.make_user("s");
    sessions.insert(make_session(user_id, public_id(world)), digest("t"));
    users.update_email(user_id, "moved@example.org", kT0 + 10s);
    BOOST_TEST(sessions.find_by_token_hash(digest("t")).value().user.email == "moved@example.org");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(touch_updates_last_used_and_ip, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const std::string hash = digest("t");
    const auto id = sessions.insert(make_session(user_id, public_id(world)), hash);
    sessions.touch(id, services::Timestamp(1'700'000'100s), "192.0.2.4");
    const auto found = sessions.find_by_token_hash(hash);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST((found->session.last_used_at == services::Timestamp(1'700'000'100s)));
    BOOST_TEST(found->session.ip == "192.0.2.4");
    BOOST_TEST((found->session.expires_at == services::Timestamp(1'700'003'600s)));  // unmoved
}

BOOST_AUTO_TEST_CASE_TEMPLATE(touch_leaves_other_sessions_alone, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto id = sessions.insert(make_session(user_id, public_id(world)), digest("a"));
    sessions.insert(make_session(user_id, public_id(world)), digest("b"));
    sessions.touch(id, services::Timestamp(1'700'000'100s), "192.0.2.4");
    const auto other = sessions.find_by_token_hash(digest("b"));
    BOOST_REQUIRE(other.has_value());
    BOOST_TEST((other->session.last_used_at == services::Timestamp(1'700'000'000s)));
    BOOST_TEST(other->session.ip == "2001:db8::1");
}

BOOST_AUTO_TEST_CASE_TEMPLATE(remove_owned_only_removes_the_owners_session, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto s = make_session(user_id, public_id(world));
    const std::string hash = digest("owned");
    sessions.insert(s, hash);
    BOOST_TEST(!sessions.remove_owned(s.public_id, user_id + 1000));
    BOOST_TEST(sessions.find_by_token_hash(hash).has_value());
    BOOST_TEST(sessions.remove_owned(s.public_id, user_id));
    BOOST_TEST(!sessions.find_by_token_hash(hash).has_value());
    BOOST_TEST(!sessions.remove_owned(s.public_id, user_id));
}

BOOST_AUTO_TEST_CASE_TEMPLATE(another_users_session_is_never_removed_as_ones_own, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto owner = world.make_user("s");
    const auto intruder = world.make_user("i");
    const auto s = make_session(owner, public_id(world));
    sessions.insert(s, digest("owned"));
    sessions.insert(make_session(intruder, public_id(world)), digest("theirs"));
    BOOST_TEST(!sessions.remove_owned(s.public_id, intruder));
    BOOST_TEST(sessions.find_by_token_hash(digest("owned")).has_value());
    BOOST_TEST(sessions.find_by_token_hash(digest("theirs")).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(remove_and_remove_all_delete_rows, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const std::string a = digest("a"), b = digest("b");
    const auto id = sessions.insert(make_session(user_id, public_id(world)), a);
    sessions.insert(make_session(user_id, public_id(world)), b);
    BOOST_TEST(sessions.remove(id));
    BOOST_TEST(!sessions.remove(id));
    BOOST_TEST(sessions.find_by_token_hash(b).has_value());
    sessions.remove_all_for_user_except(user_id, std::nullopt);
    BOOST_TEST(!sessions.find_by_token_hash(b).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_removed_sessions_id_is_never_given_to_a_new_one, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto first = sessions.insert(make_session(user_id, public_id(world)), digest("a"));
    const auto second = sessions.insert(make_session(user_id, public_id(world)), digest("b"));
    BOOST_TEST(sessions.remove(first));
    const auto third = sessions.insert(make_session(user_id, public_id(world)), digest("c"));
    BOOST_TEST(third != first);
    BOOST_TEST(third != second);
    BOOST_TEST(sessions.find_by_token_hash(digest("b")).value().session.id == second);
    BOOST_TEST(sessions.find_by_token_hash(digest("c")).value().session.id == third);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(remove_all_but_one_keeps_that_one_and_other_users_sessions, World,
                              Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto other = world.make_user("o");
    const auto kept = sessions.insert(make_session(user_id, public_id(world)), digest("kept"));
    sessions.insert(make_session(user_id, public_id(world)), digest("a"));
    sessions.insert(make_session(user_id, public_id(world)), digest("b"));
    sessions.insert(make_session(other, public_id(world)), digest("other"));
    BOOST_TEST(sessions.remove_all_for_user_except(user_id, kept) == 2u);
    BOOST_TEST(sessions.find_by_token_hash(digest("kept")).value().session.id == kept);
    BOOST_TEST(!sessions.find_by_token_hash(digest("a")).has_value());
    BOOST_TEST(!sessions.find_by_token_hash(digest("b")).has_value());
    BOOST_TEST(sessions.find_by_token_hash(digest("other")).has_value());
    sessions.remove_all_for_user_except(user_id, std::nullopt);
    BOOST_TEST(!sessions.find_by_token_hash(digest("kept")).has_value());
    BOOST_TEST(sessions.find_by_token_hash(digest("other")).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(keeping_another_users_session_removes_all_of_ones_own, World,
                              Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto other = world.make_user("o");
    sessions.insert(make_session(user_id, public_id(world)), digest("mine"));
    const auto theirs = sessions.insert(make_session(other, public_id(world)), digest("theirs"));
    sessions.remove_all_for_user_except(user_id, theirs);
    BOOST_TEST(!sessions.find_by_token_hash(digest("mine")).has_value());
    BOOST_TEST(sessions.find_by_token_hash(digest("theirs")).has_value());
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_users_sessions_list_newest_first_in_pages_with_a_total, World,
                              Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto other = world.make_user("o");
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
        auto s = make_session(user_id, public_id(world));
        s.created_at += std::chrono::seconds(i * 10);
        s.last_used_at = s.created_at;
        s.dialect = i == 1 ? "pterodactyl" : "calagopus";  // every dialect's sessions
        sessions.insert(s, digest("s" + std::to_string(i)));
        ids.push_back(s.public_id);
    }
    sessions.insert(make_session(other, public_id(world)), digest("theirs"));
    services::SessionQuery q;
    q.user_id = user_id;
    q.now = services::Timestamp(1'700'000'100s);
    q.used_since = services::Timestamp(1'699'000'000s);
    q.limit = 2;
    auto page = sessions.list_for_user(q);
    BOOST_TEST(page.total == 3u);
    BOOST_REQUIRE(page.sessions.size() == 2u);
    BOOST_TEST(page.sessions[0].public_id == ids[2]);
    BOOST_TEST(page.sessions[1].public_id == ids[1]);
    BOOST_TEST(page.sessions[1].dialect == "pterodactyl");
    BOOST_TEST(page.sessions[0].user_agent == "test agent");
    q.offset = 2;
    page = sessions.list_for_user(q);
    BOOST_TEST(page.total == 3u);
    BOOST_REQUIRE(page.sessions.size() == 1u);
    BOOST_TEST(page.sessions[0].public_id == ids[0]);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(the_sessions_list_leaves_out_dead_sessions_and_searches_the_agent,
                              World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    auto firefox = make_session(user_id, public_id(world));
    firefox.user_agent = "Mozilla/5.0 Firefox/140";
    sessions.insert(firefox, digest("ff"));
    auto odd = make_session(user_id, public_id(world));
    odd.user_agent = "100% curl_x";
    sessions.insert(odd, digest("odd"));
    auto expired = make_session(user_id, public_id(world));
    expired.expires_at = expired.created_at + 10s;
    sessions.insert(expired, digest("expired"));
    auto idle = make_session(user_id, public_id(world));
    idle.last_used_at = idle.created_at - 1000s;
    sessions.insert(idle, digest("idle"));
    services::SessionQuery q;
    q.user_id = user_id;
    q.now = firefox.created_at + 60s;
    q.used_since = firefox.created_at - 100s;
    BOOST_TEST(sessions.list_for_user(q).total == 2u);
    q.search = "FIREFOX";
    auto page = sessions.list_for_user(q);
    BOOST_REQUIRE(page.sessions.size() == 1u);
    BOOST_TEST(page.sessions[0].public_id == firefox.public_id);
    // LIKE's metacharacters match only themselves.
    q.search = "0% c";
    BOOST_TEST(sessions.list_for_user(q).total == 1u);
    q.search = "_";
    BOOST_TEST(sessions.list_for_user(q).total == 1u);
    q.search = "%";
    BOOST_TEST(sessions.list_for_user(q).total == 1u);
}

BOOST_AUTO_TEST_CASE_TEMPLATE(a_session_is_found_by_public_id_only_for_its_owner, World, Worlds) {
    World world;
    services::SessionRepository& sessions = world.sessions;
    const auto user_id = world.make_user("s");
    const auto other = world.make_user("o");
    const auto s = make_session(user_id, public_id(world));
    const auto id = sessions.insert(s, digest("mine"));
    const auto found = sessions.find_owned(s.public_id, user_id);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->id == id);
    BOOST_TEST(found->user_agent == "test agent");
    BOOST_TEST(found->ip == "2001:db8::1");
    BOOST_TEST((found->created_at == s.created_at));
    BOOST_TEST(!sessions.find_owned(s.public_id, other).has_value());
    BOOST_TEST(!sessions.find_owned(public_id(world), user_id).has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace accountd::contract::session_repository
