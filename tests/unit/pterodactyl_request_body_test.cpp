#include <boost/test/unit_test.hpp>

#include "handlers/pterodactyl/request_body.hpp"

using accountd::handlers::pterodactyl::laravel_input;
using nlohmann::json;

namespace {

json cleaned(json body) {
    laravel_input(body);
    return body;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pterodactyl_request_body)

BOOST_AUTO_TEST_CASE(strings_are_trimmed_and_empty_ones_become_null_as_laravel_does) {
    BOOST_TEST(cleaned({{"description", "  deploy \t\n"}}) == json({{"description", "deploy"}}));
    BOOST_TEST(cleaned({{"description", "   "}}) == json({{"description", nullptr}}));
    BOOST_TEST(cleaned({{"description", ""}}) == json({{"description", nullptr}}));
    BOOST_TEST(cleaned({{"n", 5}, {"b", true}}) == json({{"n", 5}, {"b", true}}));
    // At any depth, lists included.
    BOOST_TEST(cleaned({{"allowed_ips", {" 10.0.0.1 ", "  "}}}) ==
               json({{"allowed_ips", {"10.0.0.1", nullptr}}}));
    BOOST_TEST(cleaned({{"a", {{"b", " c "}}}}) == json({{"a", {{"b", "c"}}}}));
}

BOOST_AUTO_TEST_CASE(unicode_spaces_are_trimmed_but_inner_text_is_kept) {
    // NBSP, ideographic space, zero-width space and BOM around "a b".
    BOOST_TEST(cleaned({{"name", "\u00a0\u3000a b\u200b\ufeff"}}) == json({{"name", "a b"}}));
    BOOST_TEST(cleaned({{"name", "é "}}) == json({{"name", "é"}}));
    BOOST_TEST(cleaned({{"name", "\u2003"}}) == json({{"name", nullptr}}));
}

BOOST_AUTO_TEST_CASE(passwords_are_kept_as_typed_but_empty_ones_are_still_null) {
    const json body = {{"password", " secret "},
                       {"password_confirmation", " secret "},
                       {"current_password", " old "}};
    BOOST_TEST(cleaned(body) == body);
    BOOST_TEST(cleaned({{"password", ""}}) == json({{"password", nullptr}}));
    // Only the top-level fields of those names.
    BOOST_TEST(cleaned({{"x", {{"password", " p "}}}}) == json({{"x", {{"password", "p"}}}}));
}

BOOST_AUTO_TEST_SUITE_END()
