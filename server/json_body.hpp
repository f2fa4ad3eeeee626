#pragma once
// Reading a JSON request body and its fields. Every failure is an ApiError the dialect renders
// as its own 4xx: never an exception that could become a 500.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "server/http_request.hpp"

namespace accountd::server {

/// The body as a JSON object. An empty body and an empty array are `{}`. A non-empty body must
/// be declared application/json (or +json): missing_content_type / unsupported_media_type
/// otherwise; malformed_json when it does not parse or is another kind of value.
nlohmann::json parse_json_object(const HttpRequest& request);

/// The field as a string; nullopt when absent or null. Throws invalid_field (rule "string").
std::optional<std::string> optional_string(const nlohmann::json& body, const char* field);

/// The field as a string. Throws missing_field (rule "required") or invalid_field.
std::string required_string(const nlohmann::json& body, const char* field);

/// The field as an integer. Throws missing_field or invalid_field (rule "integer").
long long required_integer(const nlohmann::json& body, const char* field);

/// Name of a JSON value's type as a client would say it ("a number", "an array", ...).
std::string json_type_phrase(const nlohmann::json& value);

}  // namespace accountd::server
