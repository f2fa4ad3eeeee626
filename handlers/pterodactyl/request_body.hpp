#pragma once
// The JSON body as Laravel hands it to Pterodactyl's controllers. Its global middleware trims
// every input string (TrimStrings) and turns an empty one into null (ConvertEmptyStringsToNull),
// so a description of spaces is `required`, not stored as spaces. Every Pterodactyl handler
// reads its body through here, so the rule holds in one place.

#include <nlohmann/json.hpp>

#include "server/request_context.hpp"

namespace accountd::handlers::pterodactyl {

/// server::parse_json_object, then laravel_input. Throws as parse_json_object does.
nlohmann::json read_body(const server::RequestContext& ctx);

/// Trims the leading and trailing whitespace (Unicode's too, as Laravel's Str::trim does) of
/// every string in `body`, at any depth, except the top-level password fields (`password`,
/// `password_confirmation`, `current_password`: a password is what the user typed), then makes
/// every empty string null.
void laravel_input(nlohmann::json& body);

}  // namespace accountd::handlers::pterodactyl
