#include "handlers/calagopus/payload.hpp"

#include <algorithm>
#include <cctype>

#include "server/api_error.hpp"
#include "server/json_body.hpp"

namespace accountd::handlers::calagopus {
namespace {

bool is_exactly_json(std::string_view type) {
    constexpr std::string_view kJson = "application/json";
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t'))
        type.remove_suffix(1);
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t'))
        type.remove_prefix(1);
    // mime compares type and subtype case-insensitively.
    return type.size() == kJson.size() &&
           std::equal(type.begin(), type.end(), kJson.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
           });
}

}  // namespace

nlohmann::json read_payload(const server::RequestContext& ctx) {
    const auto type = ctx.request.header("content-type");
    if (type.empty()) throw server::ApiError(server::ErrorCode::missing_content_type);
    if (!is_exactly_json(type)) {
        throw server::ApiError(server::ErrorCode::unsupported_media_type, "not application/json");
    }
    // serde reads `[]` as a sequence, not a struct: unlike PHP, Calagopus refuses it.
    if (const auto first = ctx.request.body.find_first_not_of(" \t\r\n");
        first != std::string::npos && ctx.request.body[first] == '[') {
        throw server::ApiError(server::ErrorCode::malformed_json, "a sequence, not an object");
    }
    return server::parse_json_object(ctx.request);
}

}  // namespace accountd::handlers::calagopus
