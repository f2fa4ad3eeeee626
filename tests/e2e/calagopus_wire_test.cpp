// Calagopus' wire conventions (reference calagopus.md §1) through nginx: ETag and 304, Vary,
// the body extractor's rules, and errors nginx makes itself in the {"errors":[...]} envelope.

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "e2e_fixture.hpp"

using namespace accountd;
using namespace accountd::testing;

namespace {

std::string sha256_hex(const std::string& body) {
    return crypto::to_hex(crypto::sha256(body));
}

void check_enveloped(const HttpResult& r, int status, const std::string& what) {
    BOOST_TEST(r.status == status, what << " -> " << r.status << " " << r.body.substr(0, 200));
    BOOST_TEST(r.header("content-type").starts_with("application/json"), what);
    const auto body = r.json();
    BOOST_TEST(
        (body.is_object() && body.size() == 1u && body.contains("errors") &&
         body["errors"].is_array() && !body["errors"].empty() && body["errors"][0].is_string()),
        what << " -> " << r.body.substr(0, 200));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(calagopus_wire)

BOOST_AUTO_TEST_CASE(a_json_answer_carries_the_sha256_of_its_body_as_etag_and_vary_accept) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto r = client.get("/api/client/account");
    BOOST_TEST(r.status == 200);
    BOOST_TEST(r.header("etag") == sha256_hex(r.body));
    BOOST_TEST(r.header("etag").size() == 64u);
    BOOST_TEST(r.header("vary") == "Accept");
    // Errors too: the layer tags every JSON answer.
    const auto missing = calagopus().get("/api/client/account");
    BOOST_TEST(missing.status == 401);
    BOOST_TEST(missing.header("etag") == sha256_hex(missing.body));
    BOOST_TEST(missing.header("vary") == "Accept");
}

BOOST_AUTO_TEST_CASE(a_matching_if_none_match_is_304_with_an_empty_body) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    const auto first = client.get("/api/client/account");
    const auto etag = first.header("etag");
    BOOST_REQUIRE(!etag.empty());
    const auto again = client.get("/api/client/account", {{"If-None-Match", etag}});
    BOOST_TEST(again.status == 304);
    BOOST_TEST(again.body.empty());
    BOOST_TEST(again.header("etag") == etag);
    // Another tag: the same length, its first hex digit changed.
    const auto other_tag = (etag.front() == '0' ? "1" : "0") + etag.substr(1);
    const auto other = client.get("/api/client/account", {{"If-None-Match", other_tag}});
    BOOST_TEST(other.status == 200);
    BOOST_TEST(other.body == first.body);
}

BOOST_AUTO_TEST_CASE(other_dialects_carry_no_etag) {
    const auto r = pterodactyl().get("/api/client/account");
    BOOST_TEST(r.header("etag").empty());
    BOOST_TEST(eclipanel().get("/api/health").header("etag").empty());
}

BOOST_AUTO_TEST_CASE(the_body_extractor_follows_calagopus_payload_rules) {
    const auto t = create_user();
    auto client = calagopus_signed_in(t);
    auto headers = same_origin(client);
    const auto post = [&](const std::string& body, const std::string& type) {
        auto h = headers;
        if (!type.empty()) h.emplace_back("Content-Type", type);
        return client.request("POST", "/api/client/account/ssh-keys", body, h);
    };
    const auto errors = [](const HttpResult& r) { return r.json()["errors"]; };
    BOOST_TEST(errors(post("", "")) ==
               nlohmann::json::array({"invalid payload: missing content type header"}));
    BOOST_TEST(errors(post("{}", "text/plain")) ==
               nlohmann::json::array({"invalid payload: unsupported content type"}));
    BOOST_TEST(errors(post("{}", "application/json; charset=utf-8")) ==
               nlohmann::json::array({"invalid payload: unsupported content type"}));
    BOOST_TEST(errors(post("{}", "application/vnd.api+json")) ==
               nlohmann::json::array({"invalid payload: unsupported content type"}));
    // An empty body is {}: the first missing field is reported, as serde does.
    const auto empty = post("", "application/json");
    BOOST_TEST(empty.status == 400);
    BOOST_TEST(errors(empty) == nlohmann::json::array({"invalid payload: missing field `name`"}));
    // A sequence is no struct for serde (PHP would read [] as {}).
    const auto sequence = post("[]", "application/json");
    BOOST_TEST(sequence.status == 400);
    BOOST_TEST(errors(sequence) ==
               nlohmann::json::array({"invalid payload: malformed JSON object"}));
    // Unknown fields are ignored; 400, never 422.
    const auto unknown =
        post(R"({"name":"ab","public_key":"x","extra":[1,2]})", "application/json");
    BOOST_TEST(unknown.status == 400);
    BOOST_TEST(errors(unknown) == nlohmann::json::array({"invalid payload: invalid public key"}));
}

BOOST_AUTO_TEST_CASE(nginxs_own_errors_are_in_the_errors_envelope) {
    const auto base = Stack::get().url(config::Dialect::calagopus);
    // Larger than nginx's client_max_body_size (1 MiB).
    check_enveloped(
        http_request(base, "POST", "/api/client/account/ssh-keys", std::string(1100 * 1024, 'x'),
                     {{"Content-Type", "application/json"}}),
        413, "body over 1 MiB");
    check_enveloped(http_request(base, "GET", "/api/client/account", "",
                                 {{"Cookie", "calagopus_session=" + std::string(20000, 'x')}}),
                    400, "header too large");
    check_enveloped(http_request(base, "GET", "/api/client/" + std::string(9000, 'a')), 414,
                    "uri too long");
    check_enveloped(http_request(base, "GET", "/api/no-such-route"), 404, "unknown route");
}

BOOST_AUTO_TEST_SUITE_END()
