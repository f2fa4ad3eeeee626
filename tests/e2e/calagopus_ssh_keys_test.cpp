// Calagopus' /api/client/account/ssh-keys (reference calagopus.md §10) through nginx, with keys
// made by ssh-keygen, the same rows Pterodactyl's SSH key routes show, and the import against
// a stand-in code host (key_host.hpp).

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "crypto/ssh_public_key.hpp"
#include "e2e_fixture.hpp"
#include "key_host.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

constexpr const char* kPath = "/api/client/account/ssh-keys";
constexpr const char* kImport = "/api/client/account/ssh-keys/import";

struct Keys {
    std::string dir;
    int counter = 0;
    Keys() {
        char name[] = "/tmp/accountd-e2e-cssh-XXXXXX";
        dir = mkdtemp(name);
    }
    ~Keys() {
        std::error_code ignored;  // a leftover temp dir is harmless
        std::filesystem::remove_all(dir, ignored);
    }
    /// The public key line of a fresh key (with a trailing newline, as the .pub file has it).
    std::string make(const std::string& args = "-t ed25519") {
        const std::string path = dir + "/k" + std::to_string(counter++);
        const std::string command =
            "ssh-keygen -q -N '' -C e2e " + args + " -f '" + path + "' >/dev/null 2>&1";
        BOOST_REQUIRE(std::system(command.c_str()) == 0);  // NOLINT(concurrency-mt-unsafe)
        std::ifstream pub(path + ".pub");
        std::stringstream p;
        p << pub.rdbuf();
        return p.str();
    }
};

std::string fingerprint_of(const std::string& key) {
    return "SHA256:" +
           std::get<crypto::SshPublicKey>(crypto::parse_ssh_public_key(key)).fingerprint();
}

struct Browser {
    TestUser t = create_user();
    Client client = calagopus_signed_in(t);

    HttpResult add(const std::string& name, const std::string& key) {
        return client.post_json(kPath, {{"name", name}, {"public_key", key}}, same_origin(client));
    }
    HttpResult send(const std::string& method, const std::string& path, const std::string& body) {
        auto headers = same_origin(client);
        headers.emplace_back("Content-Type", "application/json");
        return client.request(method, path, body, headers);
    }
    HttpResult import(const std::string& provider, const std::string& username) {
        return client.post_json(kImport, {{"provider", provider}, {"username", username}},
                                same_origin(client));
    }
};

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"errors", {message}}}), r.body);
}

std::pair<std::string, nlohmann::json> last_activity(std::uint64_t user_id) {
    std::string event, properties;
    const long long id = static_cast<long long>(user_id);
    Stack::get().sql() << "SELECT event, properties FROM activity_logs WHERE subject_user_id = :u "
                          "ORDER BY id DESC LIMIT 1",
        soci::use(id), soci::into(event), soci::into(properties);
    return {event, nlohmann::json::parse(properties)};
}

int key_rows(std::uint64_t user_id) {
    int n = 0;
    const long long id = static_cast<long long>(user_id);
    Stack::get().sql() << "SELECT COUNT(*) FROM ssh_keys WHERE user_id = :u", soci::use(id),
        soci::into(n);
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_ssh_keys)

BOOST_AUTO_TEST_CASE(a_key_is_added_listed_renamed_and_deleted) {
    Keys keys;
    Browser me;
    const auto pub = keys.make();
    const auto added = me.add("laptop", pub);
    BOOST_TEST(added.status == 200, added.body);
    const auto body = nlohmann::ordered_json::parse(added.body);
    std::vector<std::string> order;
    for (const auto& [k, v] : body["ssh_key"].items())
        order.push_back(k);
    BOOST_TEST((order == std::vector<std::string>{"uuid", "name", "fingerprint", "created"}));
    const auto uuid = body["ssh_key"]["uuid"].get<std::string>();
    BOOST_TEST(body["ssh_key"]["fingerprint"] == fingerprint_of(pub));
    BOOST_TEST(body["ssh_key"]["fingerprint"].get<std::string>().size() == 50u);
    BOOST_TEST(body["ssh_key"]["created"].get<std::string>().ends_with("Z"));
    auto [event, data] = last_activity(me.t.user.id);
    BOOST_TEST(event == "user:ssh-key.create");
    BOOST_TEST(data["uuid"] == uuid);
    BOOST_TEST(data["fingerprint"] == fingerprint_of(pub));
    BOOST_TEST(data["name"] == "laptop");

    const auto list = me.client.get(kPath).json();
    BOOST_TEST(list["ssh_keys"]["total"] == 1);
    BOOST_TEST(list["ssh_keys"]["per_page"] == 25);
    BOOST_TEST(list["ssh_keys"]["page"] == 1);
    BOOST_TEST(list["ssh_keys"]["data"][0]["uuid"] == uuid);

    const auto renamed = me.send("PATCH", std::string(kPath) + "/" + uuid, R"({"name":"desk"})");
    BOOST_TEST(renamed.status == 200, renamed.body);
    BOOST_TEST(renamed.json() == nlohmann::json::object());
    BOOST_TEST(last_activity(me.t.user.id).first == "user:ssh-key.update");
    BOOST_TEST(me.client.get(kPath).json()["ssh_keys"]["data"][0]["name"] == "desk");

    const auto deleted = me.send("DELETE", std::string(kPath) + "/" + uuid, "");
    BOOST_TEST(deleted.status == 200, deleted.body);
    BOOST_TEST(last_activity(me.t.user.id).first == "user:ssh-key.delete");
    BOOST_TEST(last_activity(me.t.user.id).second["fingerprint"] == fingerprint_of(pub));
    check_error(me.send("DELETE", std::string(kPath) + "/" + uuid, ""), 404, "ssh key not found");
}

BOOST_AUTO_TEST_CASE(the_list_searches_names_pages_and_is_oldest_first) {
    Keys keys;
    Browser me;
    for (const auto* name : {"Work laptop", "home", "old LAPTOP"})
        BOOST_REQUIRE_EQUAL(me.add(name, keys.make()).status, 200);
    const auto found = me.client.get(std::string(kPath) + "?search=laptop&per_page=1&page=2");
    BOOST_TEST(found.json()["ssh_keys"]["total"] == 2);
    BOOST_TEST(found.json()["ssh_keys"]["data"].size() == 1u);
    BOOST_TEST(found.json()["ssh_keys"]["data"][0]["name"] == "old LAPTOP");
    const auto all = me.client.get(kPath).json()["ssh_keys"]["data"];
    BOOST_TEST(all[0]["name"] == "Work laptop");
    BOOST_TEST(all[2]["name"] == "old LAPTOP");
    check_error(me.client.get(std::string(kPath) + "?per_page=101"), 400,
                "per_page: greater than 100");
}

BOOST_AUTO_TEST_CASE(keys_are_shared_with_the_pterodactyl_dialect) {
    Keys keys;
    const auto t = create_user();
    auto cala = calagopus_signed_in(t);
    auto ptero = pterodactyl_session(t);
    const auto from_calagopus = keys.make();
    BOOST_REQUIRE_EQUAL(
        cala.post_json(kPath, {{"name", "from-cala"}, {"public_key", from_calagopus}},
                       same_origin(cala))
            .status,
        200);
    const auto from_pterodactyl = keys.make("-t rsa -b 2048");
    BOOST_REQUIRE_EQUAL(
        ptero.client
            .post_json(kPath, {{"name", "from-ptero"}, {"public_key", from_pterodactyl}},
                       ptero.write)
            .status,
        200);
    const auto ptero_list = ptero.client.get(kPath).json()["data"];
    BOOST_REQUIRE(ptero_list.size() == 2u);
    BOOST_TEST(ptero_list[0]["attributes"]["name"] == "from-cala");
    BOOST_TEST("SHA256:" + ptero_list[0]["attributes"]["fingerprint"].get<std::string>() ==
               fingerprint_of(from_calagopus));
    const auto cala_list = cala.get(kPath).json()["ssh_keys"]["data"];
    BOOST_REQUIRE(cala_list.size() == 2u);
    BOOST_TEST(cala_list[1]["name"] == "from-ptero");
    BOOST_TEST(cala_list[1]["fingerprint"] == fingerprint_of(from_pterodactyl));
    // The same key cannot be added again through the other panel.
    check_error(cala.post_json(kPath, {{"name", "again"}, {"public_key", from_pterodactyl}},
                               same_origin(cala)),
                409, "ssh key with name or fingerprint already exists");
}

BOOST_AUTO_TEST_CASE(bad_input_is_refused_in_calagopus_order_and_words) {
    Keys keys;
    Browser me;
    const auto pub = keys.make();
    check_error(me.send("POST", kPath, R"({"public_key":"x"})"), 400,
                "invalid payload: missing field `name`");
    check_error(me.send("POST", kPath, R"({"name":5,"public_key":"x"})"), 400,
                "invalid payload: invalid type: an integer for `name`, expected a string");
    // The key is read with the body, before the name's length.
    check_error(me.add("ab", "ssh-ed25519 not-a-key"), 400, "invalid payload: invalid public key");
    check_error(me.add("ab", pub), 400, "name: length is lower than 3");
    check_error(me.add(std::string(32, 'n'), pub), 400, "name: length is greater than 31");
    // Pterodactyl's refusals of weak keys hold here too (Calagopus would store them).
    check_error(me.add("old-dsa", "ssh-dss AAAAB3NzaC1kc3MAAAABAQ=="), 400,
                "public_key: DSA keys are not accepted");
    check_error(me.add("short-rsa", keys.make("-t rsa -b 1024")), 400,
                "public_key: RSA keys must be at least 2048 bits");
    // A PEM key is Pterodactyl's form, not Calagopus'.
    const auto pem = std::get<crypto::SshPublicKey>(crypto::parse_ssh_public_key(pub)).pem();
    check_error(me.add("pem-key", pem), 400, "invalid payload: invalid public key");
    BOOST_REQUIRE_EQUAL(me.add("laptop", pub).status, 200);
    check_error(me.add("laptop", keys.make()), 409,
                "ssh key with name or fingerprint already exists");
    check_error(me.add("other-name", pub), 409, "ssh key with name or fingerprint already exists");
    check_error(me.client.request("POST", kPath, R"({"name":"n"})", same_origin(me.client)), 400,
                "invalid payload: missing content type header");
    auto charset = same_origin(me.client);
    charset.emplace_back("Content-Type", "application/json; charset=utf-8");
    check_error(me.client.request("POST", kPath, R"({"name":"n"})", charset), 400,
                "invalid payload: unsupported content type");
    check_error(me.send("POST", kPath, "{nope"), 400, "invalid payload: malformed JSON object");
    BOOST_TEST(key_rows(me.t.user.id) == 1);
}

BOOST_AUTO_TEST_CASE(the_51st_key_is_refused_with_417) {
    Keys keys;
    Browser me;
    const long long id = static_cast<long long>(me.t.user.id);
    for (int i = 0; i < 50; ++i) {
        const std::string n = std::to_string(i);
        Stack::get().sql() << "INSERT INTO ssh_keys (uuid, user_id, name, fingerprint, public_key, "
                              "created_at) VALUES (UUID(), :u, :n, :f, 'x', UTC_TIMESTAMP())",
            soci::use(id), soci::use(n), soci::use("fp" + n);
    }
    check_error(me.add("one-too-many", keys.make()), 417, "maximum number of ssh keys reached");
    // Validation comes first.
    check_error(me.add("ab", keys.make()), 400, "name: length is lower than 3");
    BOOST_TEST(key_rows(me.t.user.id) == 50);
}

BOOST_AUTO_TEST_CASE(someone_elses_key_is_not_found) {
    Keys keys;
    Browser owner;
    Browser intruder;
    const auto uuid = owner.add("owned", keys.make()).json()["ssh_key"]["uuid"].get<std::string>();
    intruder.add("mine", keys.make());
    check_error(intruder.send("PATCH", std::string(kPath) + "/" + uuid, R"({"name":"stolen"})"),
                404, "ssh key not found");
    check_error(intruder.send("DELETE", std::string(kPath) + "/" + uuid, ""), 404,
                "ssh key not found");
    check_error(intruder.send("DELETE", std::string(kPath) + "/not-a-uuid", ""), 404,
                "ssh key not found");
    BOOST_TEST(key_rows(owner.t.user.id) == 1);
    BOOST_TEST(owner.client.get(kPath).json()["ssh_keys"]["data"][0]["name"] == "owned");
}

BOOST_AUTO_TEST_CASE(a_rename_is_checked_after_the_key_is_found) {
    Keys keys;
    Browser me;
    const auto a = me.add("alpha", keys.make()).json()["ssh_key"]["uuid"].get<std::string>();
    me.add("beta", keys.make());
    const auto path = std::string(kPath) + "/" + a;
    check_error(me.send("PATCH", std::string(kPath) + "/00000000-0000-4000-8000-000000000000",
                        R"({"name":"x"})"),
                404, "ssh key not found");
    check_error(me.send("PATCH", path, R"({"name":"x"})"), 400, "name: length is lower than 3");
    check_error(me.send("PATCH", path, R"({"name":"beta"})"), 409,
                "ssh key with name already exists");
    BOOST_TEST(me.send("PATCH", path, "").status == 200);  // no name: nothing to change
    BOOST_TEST(me.send("PATCH", path, R"({"name":null})").status == 200);
}

BOOST_AUTO_TEST_CASE(no_credentials_is_401) {
    check_error(calagopus().get(kPath), 401, "missing authorization");
    check_error(calagopus().post_json(kPath, {{"name", "abc"}}), 401, "missing authorization");
}

BOOST_AUTO_TEST_CASE(import_stores_the_hosts_new_keys_with_generated_names) {
    Keys keys;
    Browser me;
    KeyHost host;
    const auto known = keys.make();
    BOOST_REQUIRE_EQUAL(me.add("known", known).status, 200);
    const auto fresh = keys.make();
    const auto user = unique_name("gh");
    nlohmann::json listing = nlohmann::json::array();
    listing.push_back({{"id", 1}, {"key", known}, {"created_at", "2020-01-02T03:04:05Z"}});
    listing.push_back({{"id", 2}, {"key", "garbage"}, {"created_at", "2020-01-02T03:04:05Z"}});
    listing.push_back({{"id", 3}, {"key", fresh}, {"created_at", "2021-05-06T07:08:09Z"}});
    host.set("/github/users/" + user + "/keys", {200, listing.dump()});
    const auto r = me.import("github", user);
    BOOST_TEST(r.status == 200, r.body);
    const auto answer = r.json();
    BOOST_REQUIRE(answer["ssh_keys"].size() == 1u);
    const auto& key = answer["ssh_keys"][0];
    BOOST_TEST(key["name"] == "gh-" + user.substr(0, 17) + "-2021-05-06");
    BOOST_TEST(key["fingerprint"] == fingerprint_of(fresh));
    const auto [event, data] = last_activity(me.t.user.id);
    BOOST_TEST(event == "user:ssh-key.import");
    BOOST_TEST(data["provider"] == "github");
    BOOST_TEST(data["username"] == user);
    BOOST_TEST(data["ssh_keys"][0]["fingerprint"] == fingerprint_of(fresh));
    BOOST_TEST(key_rows(me.t.user.id) == 2);

    // GitLab and Launchpad shapes.
    const auto gl_key = keys.make();
    host.set(
        "/gitlab/users/" + user + "/keys",
        {200, nlohmann::json::array({{{"id", 9}, {"title", "me@box"}, {"key", gl_key}}}).dump()});
    const auto gl = me.import("gitlab", user);
    BOOST_TEST(gl.status == 200, gl.body);
    BOOST_TEST(gl.json()["ssh_keys"][0]["name"] == "gl-" + user + "-box");
    const auto lp_key = keys.make();
    const auto lp_text =
        lp_key.substr(lp_key.find(' ') + 1, lp_key.rfind(' ') - lp_key.find(' ') - 1);
    host.set("/launchpad/~" + user + "/sshkeys",
             {200, nlohmann::json({{"total_size", 1},
                                   {"entries", {{{"keytype", "ED25519"}, {"keytext", lp_text}}}}})
                       .dump()});
    const auto lp = me.import("launchpad", user);
    BOOST_TEST(lp.status == 200, lp.body);
    BOOST_TEST(lp.json()["ssh_keys"][0]["name"] == "lp-" + user + "-01");
    BOOST_TEST(lp.json()["ssh_keys"][0]["fingerprint"] == fingerprint_of(lp_key));
}

BOOST_AUTO_TEST_CASE(import_imports_only_up_to_the_cap) {
    Keys keys;
    Browser me;
    KeyHost host;
    const long long id = static_cast<long long>(me.t.user.id);
    for (int i = 0; i < 49; ++i) {
        const std::string n = std::to_string(i);
        Stack::get().sql() << "INSERT INTO ssh_keys (uuid, user_id, name, fingerprint, public_key, "
                              "created_at) VALUES (UUID(), :u, :n, :f, 'x', UTC_TIMESTAMP())",
            soci::use(id), soci::use(n), soci::use("fp" + n);
    }
    const auto user = unique_name("lp");
    nlohmann::json entries = nlohmann::json::array();
    for (int i = 0; i < 3; ++i) {
        const auto k = keys.make();
        entries.push_back({{"keytext", k.substr(k.find(' ') + 1, k.rfind(' ') - k.find(' ') - 1)}});
    }
    host.set("/launchpad/~" + user + "/sshkeys",
             {200, nlohmann::json({{"entries", entries}}).dump()});
    const auto r = me.import("launchpad", user);
    BOOST_TEST(r.status == 200, r.body);
    BOOST_TEST(r.json()["ssh_keys"].size() == 1u);
    BOOST_TEST(key_rows(me.t.user.id) == 50);
}

BOOST_AUTO_TEST_CASE(a_failing_or_malformed_host_is_417_and_stores_nothing) {
    Browser me;
    KeyHost host;
    const auto user = unique_name("fail");
    host.set("/github/users/" + user + "/keys", {200, "", true});
    check_error(me.import("github", user), 417, "unable to fetch ssh keys from github");
    host.set("/github/users/" + user + "/keys", {500, "[]"});
    check_error(me.import("github", user), 417, "unable to fetch ssh keys from github");
    // Not listed: the stand-in answers 404.
    check_error(me.import("gitlab", user), 417, "unable to fetch ssh keys from gitlab");
    host.set("/github/users/" + user + "/keys", {200, R"({"message":"rate limited"})"});
    check_error(me.import("github", user), 417, "unable to read ssh keys from github");
    host.set("/gitlab/users/" + user + "/keys", {200, "[not json"});
    check_error(me.import("gitlab", user), 417, "unable to read ssh keys from gitlab");
    // Larger than ssh_import_max_bytes (64 KiB in the test stack).
    host.set("/github/users/" + user + "/keys", {200, "[" + std::string(70000, ' ') + "]"});
    check_error(me.import("github", user), 417, "unable to fetch ssh keys from github");
    // Slower than ssh_import_timeout_ms (1.5 s in the test stack).
    host.set("/launchpad/~" + user + "/sshkeys", {200, R"({"entries":[]})", false, 2500});
    check_error(me.import("launchpad", user), 417, "unable to fetch ssh keys from launchpad");
    BOOST_TEST(key_rows(me.t.user.id) == 0);
}

BOOST_AUTO_TEST_CASE(import_checks_provider_and_username_before_fetching) {
    Browser me;
    KeyHost host;
    check_error(me.import("bitbucket", "someone"), 400,
                "invalid payload: unknown variant `bitbucket`, expected one of `github`, "
                "`gitlab`, `launchpad`");
    check_error(me.import("github", "ab"), 400, "username: length is lower than 3");
    check_error(me.import("github", std::string(32, 'u')), 400,
                "username: length is greater than 31");
    check_error(me.import("github", "../../admin"), 400,
                "username: does not match pattern /^[A-Za-z0-9._-]+$/");
    check_error(me.import("github", "a%2f..%2fx"), 400,
                "username: does not match pattern /^[A-Za-z0-9._-]+$/");
    check_error(me.send("POST", kImport, R"({"provider":"github"})"), 400,
                "invalid payload: missing field `username`");
    BOOST_TEST(host.requested().empty());
}

BOOST_AUTO_TEST_SUITE_END()
