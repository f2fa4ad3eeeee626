#pragma once
// The panel's own translations for its SPA (reference 7.8): a Laravel language file is a PHP
// script that returns an array literal, e.g. `<?php return ['auth' => ['fail' => 'Failed
// log in']];`. We read that literal, never run PHP: strings (single- or double-quoted), integer
// keys, nested `[...]` or `array(...)`, trailing commas and comments. Anything else (constants,
// function calls, concatenation) is refused with the offset, so an operator sees what we cannot
// read instead of a silently missing text.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace accountd::handlers::pterodactyl {

class LangFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The array the file returns, as JSON objects in the file's order (PHP lists become objects
/// keyed "0", "1", ... as Laravel's JSON would for the translator's associative arrays).
/// Throws LangFileError.
nlohmann::ordered_json parse_laravel_lang_file(std::string_view php);

/// Laravel's `:name` placeholders as i18next's `{{name}}`, in every string of `texts`.
nlohmann::ordered_json to_i18next_placeholders(const nlohmann::ordered_json& texts);

}  // namespace accountd::handlers::pterodactyl
