#include "server/json_body.hpp"

#include <algorithm>

#include "server/api_error.hpp"

namespace accountd::server {

namespace {

void require_json_type(const HttpRequest& request) {
    const std::string type = request.media_type();
    if (type.empty()) throw ApiError(ErrorCode::missing_content_type);
    if (type != "application/json" && !type.ends_with("+json")) {
        throw ApiError(ErrorCode::unsupported_media_type, "content type " + type);
    }
}

}  // namespace

nlohmann::json parse_json_object(const RequestContext& ctx) {
    if (ctx.principal && ctx.principal->source == CredentialSource::session_cookie) {
        require_json_type(ctx.request);
    }
    return parse_json_object(ctx.request);
}

nlohmann::json parse_json_object(const HttpRequest& request) {
    if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) {
        return nlohmann::json::object();
    }
    require_json_type(request);
    // Non-throwing parse; nlohmann also rejects invalid UTF-8 here.
    auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (body.is_discarded()) throw ApiError(ErrorCode::malformed_json, "syntax error");
    // PHP decodes {} and [] to the same empty array, and Pterodactyl's own tests post [] for
    // "no body": both are an empty object, so a missing field is reported as missing.
    if (body.is_array() && body.empty()) return nlohmann::json::object();
    if (!body.is_object()) throw ApiError(ErrorCode::malformed_json, "not an object");
    return body;
}

std::optional<std::string> optional_string(const nlohmann::json& body, const char* field) {
    FieldReader reader(body);
    auto value = reader.string(field);
    reader.check();
    return value;
}

std::string required_string(const nlohmann::json& body, const char* field) {
    auto value = optional_string(body, field);
    if (!value) throw services::ServiceError::invalid(field, services::Rule::required);
    return std::move(*value);
}

long long required_integer(const nlohmann::json& body, const char* field) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        throw services::ServiceError::invalid(field, services::Rule::required);
    }
    if (!it->is_number_integer()) {
        throw services::ServiceError::invalid(field, services::Rule::integer,
                                              json_type_phrase(*it));
    }
    return it->get<long long>();
}

std::string json_type_phrase(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null:
            return "null";
        case nlohmann::json::value_t::boolean:
            return "a boolean";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
            return "an integer";
        case nlohmann::json::value_t::number_float:
            return "a number";
        case nlohmann::json::value_t::string:
            return "a string";
        case nlohmann::json::value_t::array:
            return "an array";
        case nlohmann::json::value_t::object:
            return "an object";
        default:
            return "a value";
    }
}

std::optional<std::string> FieldReader::string(const char* field) {
    const auto it = body_.find(field);
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) {
        add(field, services::Rule::string, json_type_phrase(*it));
        return std::nullopt;
    }
    return it->get<std::string>();
}

void FieldReader::add(std::string field, services::Rule rule, std::string argument) {
    violations_.push_back({std::move(field), rule, std::move(argument)});
}

bool FieldReader::failed(std::string_view field) const {
    return std::any_of(violations_.begin(), violations_.end(),
                       [&](const services::FieldViolation& v) { return v.field == field; });
}

void FieldReader::check() const {
    if (!violations_.empty()) throw services::ServiceError::invalid(violations_);
}

}  // namespace accountd::server
