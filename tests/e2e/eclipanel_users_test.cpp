// EcliPanel's /api/users routes through nginx (reference eclipanel.md §5, §4.5, §14): the
// account reads, PUT /api/users/:id in §5.7's order, the avatar, the user-setting routes, and
// what the frontend reads around them (/health, /api/panel/settings, /api/internal-domains).

#include <algorithm>
#include <cctype>
#include <functional>

#include "e2e_fixture.hpp"
#include "support/test_images.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

struct SignedIn {
    Client client;
    std::string token;
};

SignedIn signed_in(const std::string& email, const std::string& password) {
    auto client = eclipanel();
    const auto r = client.post_json("/api/auth/login", {{"email", email}, {"password", password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    return {client, r.json()["token"]};
}

SignedIn signed_in(const TestUser& t) {
    return signed_in(t.user.email, t.password);
}

void check_error(const HttpResult& r, int status, const std::string& message) {
    BOOST_TEST(r.status == status, r.body);
    BOOST_TEST(r.json() == nlohmann::json({{"error", message}}), r.body);
}

Headers writes(const Client& client) {
    auto headers = same_origin(client);
    headers.emplace_back("Content-Type", "application/json");
    return headers;
}

std::string fresh_address();

// From a client address of its own (`address` empty: the loopback one), as the per-user limit
// counts per address.
HttpResult put_user(Client& client, std::uint64_t id, const nlohmann::json& body,
                    const std::string& address = "") {
    auto headers = writes(client);
    if (!address.empty()) headers.emplace_back("X-Forwarded-For", address);
    return client.request("PUT", "/api/users/" + std::to_string(id), body.dump(), headers);
}

// A root admin's session; the required two-factor (require_2fa = admins) marked as enabled
// after sign-in, so the session passes the gate.
SignedIn admin_signed_in() {
    const auto admin = create_user(true);
    auto s = signed_in(admin.user.email, admin.password);
    Stack::get().sql() << "UPDATE users SET totp_enabled = 1 WHERE id = "
                       << std::to_string(admin.user.id);
    return s;
}

// A password both EcliPanel's composition rules and accountd's policy accept.
std::string strong_password() {
    return "Nv8#Q" + unique_name("zk");
}

// A complete profile, as the stock frontend's form sends it.
nlohmann::json full_profile() {
    return {{"firstName", "Ada"},          {"lastName", "Lovelace"},
            {"middleName", "King"},        {"title", "Countess"},
            {"gender", "female"},          {"displayName", "ada"},
            {"address", "12 St James"},    {"address2", "Flat 3"},
            {"phone", "+44 20 7946 0000"}, {"billingCompany", "AE"},
            {"billingCity", "London"},     {"billingState", "LDN"},
            {"billingZip", "SW1A 1AA"},    {"billingCountry", "United Kingdom"},
            {"dateOfBirth", "1990-12-10"}};
}

// A registration body; each test gets its own client address (the limit is per address).
nlohmann::json registration(const std::string& email) {
    auto body = full_profile();
    body["email"] = email;
    body["password"] = strong_password();
    body["captchaToken"] = "";
    body["captchaAnswer"] = "";
    body["behaviorData"] = {{"mouseMoves", 3}, {"mouseClicks", 1}, {"keyboardEvents", 5}};
    return body;
}

HttpResult register_from(const std::string& address, const nlohmann::json& body) {
    return eclipanel().post_json("/api/users/register", body, {{"X-Forwarded-For", address}});
}

std::string fresh_address() {
    const auto h = std::hash<std::string>{}(unique_name("a"));
    return "10." + std::to_string((h >> 16) % 250 + 1) + "." + std::to_string((h >> 8) % 250 + 1) +
           "." + std::to_string(h % 250 + 1);
}

void check_no_secrets(const nlohmann::json& user) {
    for (const char* secret : {"passwordHash", "password", "password_hash", "sessions",
                               "twoFactorSecret", "twoFactorRecoveryCodes", "totp_secret"}) {
        BOOST_TEST(!user.contains(secret), secret);
    }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(eclipanel_users)

BOOST_AUTO_TEST_CASE(registration_stores_the_whole_form_and_the_account_signs_in) {
    const auto email = unique_name("reg") + "@example.com";
    auto body = registration(email);
    body["parentRegistrationToken"] = "";  // unknown fields are dropped, as Elysia does
    const auto r = register_from(fresh_address(), body);
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const auto user = r.json()["user"];
    BOOST_TEST(r.json()["success"] == true);
    BOOST_TEST(user["email"] == email);
    BOOST_TEST(user["firstName"] == "Ada");
    BOOST_TEST(user["middleName"] == "King");  // kept, unlike EcliPanel (§15.15)
    BOOST_TEST(user["billingCountry"] == "United Kingdom");
    BOOST_TEST(user["dateOfBirth"] == "1990-12-10");
    BOOST_TEST(user["ageVerificationRequired"] == false);
    BOOST_TEST(user["emailVerified"] == false);
    BOOST_TEST(user["portalType"] == "free");
    BOOST_TEST(user["settings"]["notifications"]["security"] == true);
    check_no_secrets(user);
    // No session: the frontend signs in next.
    BOOST_TEST(r.set_cookie("token").empty());
    auto s = signed_in(email, body["password"]);
    const auto session = s.client.get("/api/auth/session").json()["user"];
    BOOST_TEST(session["phone"] == "+44 20 7946 0000");
    BOOST_TEST(session["address"] == "12 St James");
    BOOST_TEST(session["billingZip"] == "SW1A 1AA");
    BOOST_TEST(session["dateOfBirth"] == "1990-12-10");
    // The same address again, in another case: 409.
    std::string upper = email;
    for (auto& c : upper)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    check_error(register_from(fresh_address(), registration(upper)), 409,
                "An account with that email address already exists.");
}

BOOST_AUTO_TEST_CASE(registration_checks_in_the_reference_order) {
    const auto email = unique_name("order") + "@example.com";
    // The schema first: 422 for a wrong type, a missing required field, malformed JSON.
    auto wrong_type = registration(email);
    wrong_type["phone"] = 5;
    check_error(register_from(fresh_address(), wrong_type), 422, "Request error");
    auto no_birth = registration(email);
    no_birth.erase("dateOfBirth");
    check_error(register_from(fresh_address(), no_birth), 422, "Request error");
    auto too_long = registration(email);
    too_long["billingZip"] = std::string(21, '1');
    check_error(register_from(fresh_address(), too_long), 422, "Request error");
    check_error(eclipanel().request(
                    "POST", "/api/users/register", "{\"email\":",
                    {{"Content-Type", "application/json"}, {"X-Forwarded-For", fresh_address()}}),
                422, "Request error");
    // Then every missing required field at once.
    auto missing = registration(email);
    missing.erase("firstName");
    missing["billingCity"] = " ";
    check_error(register_from(fresh_address(), missing), 400,
                "firstName: This field is required; billingCity: This field is required");
    auto bad_email = registration("a@b");
    check_error(register_from(fresh_address(), bad_email), 400,
                "email: Please provide a valid email address (e.g. user@example.com).");
    auto bad_birth = registration(email);
    bad_birth["dateOfBirth"] = "10.12.1990";
    check_error(register_from(fresh_address(), bad_birth), 400,
                "dateOfBirth: Please provide a valid date of birth in YYYY-MM-DD format.");
    auto child = registration(email);
    child["dateOfBirth"] = "2020-01-01";
    check_error(register_from(fresh_address(), child), 400,
                "dateOfBirth: The provided age is below the minimum allowed age of 14 for your "
                "country.");
    child["billingCountry"] = "Canada";
    check_error(register_from(fresh_address(), child), 400,
                "dateOfBirth: The provided age is below the minimum allowed age of 13 for your "
                "country.");
    auto weak = registration(email);
    weak["password"] = "alllowercase1";
    check_error(register_from(fresh_address(), weak), 400,
                "password: Password must contain at least one uppercase letter. Password must "
                "contain at least one symbol.");
    // EcliPanel's rules pass, accountd's policy (12 characters by default) does not.
    weak["password"] = "Ab1!xyzw";
    check_error(register_from(fresh_address(), weak), 400,
                "password: Password must be at least 12 characters long.");
}

BOOST_AUTO_TEST_CASE(registration_is_limited_per_client_address) {
    const auto address = fresh_address();
    auto body = registration(unique_name("lim") + "@example.com");
    body.erase("firstName");
    for (int i = 0; i < 5; ++i)
        BOOST_TEST(register_from(address, body).status == 400);
    const auto r = register_from(address, body);
    BOOST_TEST(r.status == 429);
    BOOST_TEST(r.json()["error"] == "rate_limited");
    BOOST_TEST(!r.header("retry-after").empty());
}

BOOST_AUTO_TEST_CASE(reading_a_user_is_self_or_users_read_and_others_look_unknown) {
    const auto t = create_user();
    const auto other = create_user();
    auto s = signed_in(t);
    const auto me = s.client.get("/api/users/me");
    BOOST_REQUIRE_EQUAL(me.status, 200);
    BOOST_TEST(me.json()["address"] == "");  // required by userSchema, none stored
    check_no_secrets(me.json());
    const auto self = s.client.get("/api/users/" + std::to_string(t.user.id));
    BOOST_TEST(self.status == 200);
    BOOST_TEST(self.json() == me.json());
    // Someone else's record, an unknown id and a non-number answer alike.
    check_error(s.client.get("/api/users/" + std::to_string(other.user.id)), 404, "User not found");
    check_error(s.client.get("/api/users/999999999"), 404, "User not found");
    check_error(s.client.get("/api/users/1e3"), 404, "User not found");
    // A root admin holds users:read.
    auto admin = admin_signed_in();
    const auto read = admin.client.get("/api/users/" + std::to_string(other.user.id));
    BOOST_TEST(read.status == 200);
    BOOST_TEST(read.json()["email"] == other.user.email);
    check_error(eclipanel().get("/api/users/" + std::to_string(t.user.id)), 401,
                "Missing auth token");
}

BOOST_AUTO_TEST_CASE(a_profile_update_is_stored_and_shown_by_every_read) {
    const auto t = create_user();
    auto s = signed_in(t);
    const auto r = put_user(s.client, t.user.id, full_profile());
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.json()["success"] == true);
    BOOST_TEST(r.json()["user"]["title"] == "Countess");
    BOOST_TEST(r.json()["user"]["phone"] == "+44 20 7946 0000");
    check_no_secrets(r.json()["user"]);
    const auto session = s.client.get("/api/auth/session").json()["user"];
    BOOST_TEST(session["firstName"] == "Ada");
    BOOST_TEST(session["displayName"] == "ada");
    BOOST_TEST(session["billingCity"] == "London");
    BOOST_TEST(session["dateOfBirth"] == "1990-12-10");
    // The shared names show in the other dialects.
    const auto row = Stack::get().root().users().find_by_id(t.user.id).value();
    BOOST_TEST(row.name_first == "Ada");
    BOOST_TEST(row.name_last == "Lovelace");
    // A cleared optional field is gone; a blank required one is refused.
    BOOST_TEST(put_user(s.client, t.user.id, {{"address2", nullptr}}).status == 200);
    BOOST_TEST(s.client.get("/api/auth/session").json()["user"]["address2"].is_null());
    check_error(put_user(s.client, t.user.id, {{"phone", " "}}), 400, "phone_required");
    check_error(put_user(s.client, t.user.id, {{"firstName", nullptr}}), 400, "firstName_required");
}

BOOST_AUTO_TEST_CASE(a_settings_only_save_works_with_a_blank_stored_profile_and_merges) {
    const auto t = create_user();  // no phone, address or billing fields stored (§15.10)
    auto s = signed_in(t);
    auto r = put_user(s.client, t.user.id,
                      {{"settings", {{"locale", "de"}, {"theme", {{"name", "dark"}}}}}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    r = put_user(s.client, t.user.id,
                 {{"settings", {{"calendar", {{"week", 1}}}, {"evil", true}}}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const auto settings = r.json()["user"]["settings"];
    BOOST_TEST(settings["locale"] == "de");
    BOOST_TEST(settings["theme"]["name"] == "dark");
    BOOST_TEST(settings["calendar"]["week"] == 1);
    BOOST_TEST(!settings.contains("evil"));  // not a key users set
    check_error(put_user(s.client, t.user.id, {{"settings", "dark"}}), 400,
                "settings must be an object");
}

BOOST_AUTO_TEST_CASE(a_password_change_needs_the_current_one_and_ends_the_other_sessions) {
    const auto t = create_user();
    auto s = signed_in(t);
    auto other = signed_in(t);
    const auto fresh = strong_password();
    check_error(put_user(s.client, t.user.id, {{"password", "short"}}), 400,
                "Password must be at least 8 characters long. Password must contain at least one "
                "uppercase letter. Password must contain at least one number. Password must "
                "contain at least one symbol.");
    check_error(put_user(s.client, t.user.id, {{"password", fresh}}), 400,
                "Current password is required to change password");
    check_error(put_user(s.client, t.user.id, {{"password", fresh}, {"currentPassword", "not it"}}),
                403, "Current password is invalid");
    BOOST_TEST(other.client.get("/api/users/me").status == 200);
    const auto r =
        put_user(s.client, t.user.id, {{"password", fresh}, {"currentPassword", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    // The caller's session survives (SECURITY.md); every other one is gone.
    BOOST_TEST(s.client.get("/api/users/me").status == 200);
    check_error(other.client.get("/api/users/me"), 401, "Invalid session");
    BOOST_TEST(eclipanel()
                   .post_json("/api/auth/login", {{"email", t.user.email}, {"password", fresh}})
                   .status == 200);
    services::ActivityQuery query;
    query.subject_user_id = t.user.id;
    const auto events = Stack::get().root().activity().list(query);
    BOOST_TEST(std::any_of(events.entries.begin(), events.entries.end(), [](const auto& e) {
        return e.event == "user:account.password-changed";
    }));
}

BOOST_AUTO_TEST_CASE(an_email_change_needs_the_password_is_unique_and_clears_verification) {
    const auto t = create_user();
    const auto taken = create_user();
    Stack::get().sql() << "UPDATE users SET email_verified = 1 WHERE id = "
                       << std::to_string(t.user.id);
    auto s = signed_in(t);
    const auto address = unique_name("new") + "@example.com";
    check_error(put_user(s.client, t.user.id, {{"email", "no-at-sign"}}), 400,
                "Invalid email address");
    check_error(put_user(s.client, t.user.id, {{"email", address}}), 400,
                "Current password is required to change password");
    check_error(put_user(s.client, t.user.id, {{"email", address}, {"currentPassword", "nope"}}),
                403, "Current password is invalid");
    check_error(put_user(s.client, t.user.id,
                         {{"email", taken.user.email}, {"currentPassword", t.password}}),
                409, "An account with that email address already exists.");
    // The same address (spaces trimmed) is no change and needs no password.
    BOOST_TEST(put_user(s.client, t.user.id, {{"email", " " + t.user.email + " "}}).status == 200);
    const auto r =
        put_user(s.client, t.user.id, {{"email", address}, {"currentPassword", t.password}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.json()["user"]["email"] == address);
    BOOST_TEST(r.json()["user"]["emailVerified"] == false);
    services::ActivityQuery query;
    query.subject_user_id = t.user.id;
    const auto events = Stack::get().root().activity().list(query);
    BOOST_TEST(std::any_of(events.entries.begin(), events.entries.end(),
                           [](const auto& e) { return e.event == "user:account.email-changed"; }));
}

BOOST_AUTO_TEST_CASE(someone_elses_record_cannot_be_written_and_admin_fields_are_ignored) {
    const auto t = create_user();
    const auto victim = create_user();
    auto s = signed_in(t);
    check_error(put_user(s.client, victim.user.id, {{"settings", {{"locale", "de"}}}}), 404,
                "User not found");
    check_error(put_user(s.client, 999999999, {{"settings", {{"locale", "de"}}}}), 404,
                "User not found");
    const auto r = put_user(s.client, t.user.id,
                            {{"role", "rootAdmin"},
                             {"suspended", true},
                             {"emailVerified", true},
                             {"portalType", "enterprise"},
                             {"limits", {{"memory", 99999}}}});
    BOOST_REQUIRE_EQUAL(r.status, 200);
    const auto row = Stack::get().root().users().find_by_id(t.user.id).value();
    BOOST_TEST(!row.role.has_value());
    BOOST_TEST(!row.root_admin);
    BOOST_TEST(!row.suspended);
    BOOST_TEST(!row.email_verified);
    BOOST_TEST(row.portal_type == "free");
    // A root admin (users:write) edits another user's profile and the admin-only fields.
    auto admin = admin_signed_in();
    const auto edited = put_user(admin.client, victim.user.id,
                                 {{"title", "Dr"},
                                  {"portalType", "paid"},
                                  {"emailVerified", true},
                                  {"role", "support"},
                                  {"limits", {{"memory", 1}}}});
    BOOST_TEST(edited.status == 200, edited.body);
    BOOST_TEST(edited.json()["user"]["title"] == "Dr");
    BOOST_TEST(edited.json()["user"]["portalType"] == "paid");
    BOOST_TEST(edited.json()["user"]["emailVerified"] == true);
    BOOST_TEST(edited.json()["user"]["role"] == "support");
    check_error(put_user(admin.client, victim.user.id, {{"suspended", "yes"}}), 400,
                "suspended must be a boolean");
    // Root is granted by an operator, where role and root_admin go together.
    for (const char* role : {"*", "rootAdmin"}) {
        check_error(put_user(admin.client, victim.user.id, {{"role", role}}), 400,
                    "role * and rootAdmin are granted by an operator, not through the API");
    }
    BOOST_TEST(Stack::get().root().users().find_by_id(victim.user.id)->role.value_or("") ==
               "support");
}

BOOST_AUTO_TEST_CASE(odd_bodies_are_4xx_never_500) {
    const auto t = create_user();
    auto s = signed_in(t);
    const auto path = "/api/users/" + std::to_string(t.user.id);
    auto malformed = writes(s.client);
    malformed.emplace_back("X-Forwarded-For", fresh_address());
    check_error(s.client.request("PUT", path, "{\"title\":", malformed), 400, "Invalid JSON body");
    check_error(put_user(s.client, t.user.id, {{"title", 5}}, fresh_address()), 400,
                "title must be a string");
    check_error(put_user(s.client, t.user.id, {{"password", {1, 2}}}), 400,
                "password must be a string");
    check_error(put_user(s.client, t.user.id, {{"email", false}}, fresh_address()), 400,
                "Invalid email address");
    check_error(put_user(s.client, t.user.id, {{"title", std::string(33, 't')}}, fresh_address()),
                400, "title must be at most 32 characters.");
    check_error(put_user(s.client, t.user.id, {{"dateOfBirth", nullptr}}, fresh_address()), 400,
                "invalid_date_of_birth");
    check_error(put_user(s.client, t.user.id, {{"dateOfBirth", "2024-01-01"}}, fresh_address()),
                400, "minimum_age");
    const auto big = s.client.request(
        "PUT", path, nlohmann::json({{"title", std::string(3 * 1024 * 1024, 'x')}}).dump(),
        writes(s.client));
    BOOST_TEST(big.status == 413);
    check_error(eclipanel().request("PUT", path, "{}", {{"Content-Type", "application/json"}}), 401,
                "Missing auth token");
}

BOOST_AUTO_TEST_CASE(profile_updates_are_limited_per_user_and_address) {
    const auto t = create_user();
    auto s = signed_in(t);
    for (int i = 0; i < 6; ++i)
        BOOST_TEST(put_user(s.client, t.user.id, {{"title", "Dr"}}).status == 200);
    const auto r = put_user(s.client, t.user.id, {{"title", "Dr"}});
    BOOST_TEST(r.status == 429);
    BOOST_TEST(r.json()["error"] == "rate_limited");
    BOOST_TEST(r.json()["retryAfter"].get<int>() > 0);
}

BOOST_AUTO_TEST_CASE(an_avatar_upload_takes_a_multipart_file) {
    const auto t = create_user();
    const auto other = create_user();
    auto s = signed_in(t);
    const std::string boundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";
    const auto multipart = [&](const std::string& name, const std::string& data) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
               "\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n" + data + "\r\n--" +
               boundary + "--\r\n";
    };
    auto headers = same_origin(s.client);
    headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
    // Each upload from an address of its own: the limit is 4 per 120 s per user and address.
    const auto from_fresh = [](Headers h) {
        h.emplace_back("X-Forwarded-For", fresh_address());
        return h;
    };
    const auto path = "/api/users/" + std::to_string(t.user.id) + "/avatar";
    const auto r = s.client.request(
        "POST", path, multipart("file", make_test_image(200, 200, TestImageFormat::png)),
        from_fresh(headers));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.json()["success"] == true);
    const std::string url = r.json()["url"];
    BOOST_TEST(url.ends_with(".webp"));
    BOOST_TEST(s.client.get("/api/auth/session").json()["user"]["avatarUrl"] == url);
    BOOST_TEST(s.client.get("/api/users/me").json()["avatarUrl"] == url);
    check_error(
        s.client.request("POST", path, "--" + boundary + "\r\nnonsense", from_fresh(headers)), 400,
        "Invalid multipart body");
    check_error(s.client.request("POST", path, multipart("picture", "x"), from_fresh(headers)), 400,
                "No file uploaded");
    check_error(
        s.client.request("POST", path, multipart("file", "plain text"), from_fresh(headers)), 400,
        "Invalid file type. Allowed: png, jpeg, webp, gif");
    check_error(s.client.request("POST", path, "{}", from_fresh(writes(s.client))), 400,
                "Invalid multipart body");
    check_error(s.client.request("POST", "/api/users/" + std::to_string(other.user.id) + "/avatar",
                                 multipart("file", "x"), from_fresh(headers)),
                404, "User not found");
    check_error(eclipanel().request("POST", path, multipart("file", "x"),
                                    {{"Content-Type", headers.back().second}}),
                401, "Missing auth token");
}

BOOST_AUTO_TEST_CASE(the_user_setting_routes_store_what_the_session_shows) {
    const auto t = create_user();
    auto s = signed_in(t);
    auto session = s.client.get("/api/auth/session").json()["user"];
    BOOST_TEST(session["guideShown"] == false);
    BOOST_TEST(session["termsConsentVersion"].is_null());
    const auto id = std::to_string(t.user.id);
    auto r =
        s.client.post_json("/api/users/" + id + "/guide", {{"shown", true}}, same_origin(s.client));
    BOOST_REQUIRE_EQUAL(r.status, 200);
    BOOST_TEST(r.json()["success"] == true);
    check_no_secrets(r.json()["user"]);
    check_error(s.client.post_json("/api/users/" + id + "/guide", {{"shown", "yes"}},
                                   same_origin(s.client)),
                422, "Request error");
    r = s.client.post_json("/api/users/me/terms-consent", {{"version", "2026-01"}},
                           same_origin(s.client));
    BOOST_TEST(r.json() == nlohmann::json({{"ok", true}, {"version", "2026-01"}}));
    check_error(
        s.client.post_json("/api/users/me/terms-consent", {{"version", ""}}, same_origin(s.client)),
        400, "version required");
    r = s.client.post_json("/api/users/me/consent", {{"consent", "all"}, {"version", "1"}},
                           same_origin(s.client));
    BOOST_TEST(r.json() == nlohmann::json({{"ok", true}, {"consent", "all"}}));
    check_error(
        s.client.post_json("/api/users/me/consent", {{"consent", "some"}}, same_origin(s.client)),
        400, "Invalid consent value");
    auto headers = writes(s.client);
    r = s.client.request("PATCH", "/api/users/me/favorites",
                         nlohmann::json({{"favorites", {"a1", 7, "a1"}}}).dump(), headers);
    BOOST_TEST(r.json() == nlohmann::json({{"success", true}, {"serverFavorites", {"a1", "7"}}}));
    check_error(s.client.request("PATCH", "/api/users/me/favorites",
                                 nlohmann::json({{"favorites", "a1"}}).dump(), headers),
                400, "Invalid favorites list");
    session = s.client.get("/api/auth/session").json()["user"];
    BOOST_TEST(session["guideShown"] == true);
    BOOST_TEST(session["termsConsentVersion"] == "2026-01");
    BOOST_TEST(session["settings"]["serverFavorites"] == nlohmann::json({"a1", "7"}));
    BOOST_TEST(s.client.get("/api/users/me/export-jobs").json() ==
               nlohmann::json({{"jobs", nlohmann::json::array()}}));
    check_error(eclipanel().get("/api/users/me/export-jobs"), 401, "Missing auth token");
}

BOOST_AUTO_TEST_CASE(the_session_shape_has_every_field_of_the_reference) {
    const auto t = create_user();
    auto s = signed_in(t);
    const auto user = s.client.get("/api/auth/session").json()["user"];
    for (const char* key : {"id",
                            "email",
                            "firstName",
                            "lastName",
                            "middleName",
                            "title",
                            "gender",
                            "displayName",
                            "address",
                            "address2",
                            "phone",
                            "billingCompany",
                            "billingCity",
                            "billingState",
                            "billingZip",
                            "billingCountry",
                            "countryOverride",
                            "tier",
                            "role",
                            "sessionId",
                            "emailVerified",
                            "passkeyCount",
                            "studentVerified",
                            "studentVerifiedAt",
                            "termsConsentVersion",
                            "twoFactorEnabled",
                            "avatarUrl",
                            "supportBanned",
                            "supportBanReason",
                            "dateOfBirth",
                            "parentId",
                            "org",
                            "orgs",
                            "orgRole",
                            "limits",
                            "nodeId",
                            "settings",
                            "permissions",
                            "usesLegacyPasswordHash",
                            "geoBlockLevel",
                            "idVerificationAllowed",
                            "kycRequired",
                            "kycVerified",
                            "guideShown",
                            "serverSunsetNoticeSentAt"}) {
        BOOST_TEST(user.contains(key), key);
    }
    BOOST_TEST(user["tier"] == "free");
    BOOST_TEST(user["passkeyCount"] == 0);
    BOOST_TEST(user["org"].is_null());
    BOOST_TEST(user["orgs"] == nlohmann::json::array());
    check_no_secrets(user);
}

BOOST_AUTO_TEST_CASE(the_frontend_finds_health_settings_and_internal_domains) {
    const auto health = eclipanel().get("/health");
    BOOST_TEST(health.status == 200);
    BOOST_TEST(health.header("content-type").starts_with("application/json"));
    BOOST_TEST(health.json() == nlohmann::json({{"status", "ok"}}));
    const auto settings = eclipanel().get("/api/panel/settings");
    BOOST_TEST(settings.status == 200);
    // scripts/test.sh turns registration on.
    BOOST_TEST(settings.json()["registrationEnabled"] == true);
    BOOST_TEST(settings.json()["registrationNotice"] == "");
    BOOST_TEST(settings.json()["featureToggles"]["captcha"] == false);
    BOOST_TEST(settings.json()["webauthn"]["enabled"] == false);
    BOOST_TEST(settings.json()["webauthn"]["allowDiscoverable"] == false);
    BOOST_TEST(eclipanel().get("/api/internal-domains").json() ==
               nlohmann::json({{"origins", nlohmann::json::array()}}));
}

BOOST_AUTO_TEST_SUITE_END()
