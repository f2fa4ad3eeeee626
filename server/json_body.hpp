#pragma once
// Reading a JSON request body and its fields. A body that is no JSON object is an ApiError; a
// field of the wrong type or missing is a services::ServiceError (invalid_fields), like any other
// field that breaks a rule. Either becomes the dialect's own 4xx, never a 500.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_request.hpp"
#include "server/request_context.hpp"
#include "services/service_error.hpp"

namespace accountd::server {

/// The body as a JSON object. An empty body and an empty array are `{}`. A non-empty body must
/// be declared application/json (or +json): missing_content_type / unsupported_media_type
/// otherwise; malformed_json when it does not parse or is another kind of value.
nlohmann::json parse_json_object(const HttpRequest& request);

/// The same, for a handler: a caller authenticated by a cookie must also declare the body JSON
/// when it is empty. A browser sends a cookie with a cross-site form too, and a form can only
/// be form or text, so the route that takes a body refuses it before it reads anything.
nlohmann::json parse_json_object(const RequestContext& ctx);

/// The field as a string; nullopt when absent or null. Throws ServiceError (Rule::string).
std::optional<std::string> optional_string(const nlohmann::json& body, const char* field);

/// The field as a string. Throws ServiceError (Rule::required or Rule::string).
std::string required_string(const nlohmann::json& body, const char* field);

/// The field as an integer. Throws ServiceError (Rule::required or Rule::integer).
long long required_integer(const nlohmann::json& body, const char* field);

/// Name of a JSON value's type as a client would say it ("a number", "an array", ...).
std::string json_type_phrase(const nlohmann::json& value);

/// Reads several fields and collects what is wrong with them instead of throwing at the first,
/// for routes that report every field at once or check something else first.
class FieldReader {
  public:
    explicit FieldReader(const nlohmann::json& body) : body_(body) {}

    /// The field as a string; nullopt when absent, null or not a string (recorded as Rule::string).
    std::optional<std::string> string(const char* field);
    void add(std::string field, services::Rule rule, std::string argument = {});
    /// Whether a violation was recorded for `field`.
    bool failed(std::string_view field) const;
    bool ok() const { return violations_.empty(); }
    /// Throws ServiceError (invalid_fields) with every recorded violation, in order, if any.
    void check() const;

  private:
    const nlohmann::json& body_;
    std::vector<services::FieldViolation> violations_;
};

}  // namespace accountd::server
