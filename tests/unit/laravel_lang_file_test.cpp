#include <boost/test/unit_test.hpp>

#include "handlers/pterodactyl/laravel_lang_file.hpp"

using namespace accountd::handlers::pterodactyl;
using nlohmann::ordered_json;

BOOST_AUTO_TEST_SUITE(laravel_lang_file)

BOOST_AUTO_TEST_CASE(reads_nested_arrays_in_both_syntaxes_with_comments) {
    const auto texts = parse_laravel_lang_file(R"(<?php
// a comment
return [
    'auth' => ['fail' => 'Failed', /* inline */ 'token' => "Solved\n"],
    # another comment
    'user' => array('account' => array('email' => 'It\'s a \\ backslash',),),
    'list' => ['a', 'b'],
];
)");
    BOOST_TEST(texts["auth"]["fail"] == "Failed");
    BOOST_TEST(texts["auth"]["token"] == "Solved\n");
    BOOST_TEST(texts["user"]["account"]["email"] == "It's a \\ backslash");
    BOOST_TEST(texts["list"]["0"] == "a");
    BOOST_TEST(texts["list"]["1"] == "b");
    // The file's order is kept.
    BOOST_TEST(texts.begin().key() == "auth");
}

BOOST_AUTO_TEST_CASE(what_is_not_a_plain_literal_is_refused_with_its_offset) {
    for (const char* php : {"return [];", "<?php echo 'x';", "<?php return ['a' => FOO];",
                            "<?php return ['a' => 'b' . 'c'];", "<?php return ['a' => \"$x\"];",
                            "<?php return ['a' => 'unterminated];", "<?php return ['a' => 'b']",
                            "<?php return [/* open"}) {
        BOOST_CHECK_THROW(parse_laravel_lang_file(php), LangFileError);
    }
    try {
        parse_laravel_lang_file("<?php return ['a' => FOO];");
    } catch (const LangFileError& e) {
        BOOST_TEST(std::string(e.what()).find("offset 21") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_refused_not_a_stack_overflow) {
    const std::string php =
        "<?php return " + std::string(100000, '[') + std::string(100000, ']') + ";";
    BOOST_CHECK_THROW(parse_laravel_lang_file(php), LangFileError);
}

BOOST_AUTO_TEST_CASE(placeholders_become_i18next_interpolations) {
    const ordered_json texts = {{"a", "Changed from :old to :new."},
                                {"b", {{"c", "Key :identifier, time 10:30, :server.name-x: done"}}},
                                {"n", 3}};
    const auto converted = to_i18next_placeholders(texts);
    BOOST_TEST(converted["a"] == "Changed from {{old}} to {{new}}.");
    BOOST_TEST(converted["b"]["c"] == "Key {{identifier}}, time 10:30, {{server.name-x}}: done");
    BOOST_TEST(converted["n"] == 3);
}

BOOST_AUTO_TEST_SUITE_END()
