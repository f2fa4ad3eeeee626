#include "handlers/calagopus/api_key_request.hpp"

#include <algorithm>
#include <bit>

#include "handlers/calagopus/refusal.hpp"
#include "handlers/common/time_format.hpp"
#include "server/json_body.hpp"
#include "services/ip_range.hpp"
#include "services/permission_registry.hpp"
#include "services/text.hpp"

namespace accountd::handlers::calagopus {
namespace {

using Json = nlohmann::json;

[[noreturn]] void payload_error(const std::string& what) {
    refuse(400, "invalid payload: " + what);
}

// serde's words for a value of the wrong type.
[[noreturn]] void wrong_type(const Json& value, const std::string& field,
                             const std::string& expected) {
    payload_error("invalid type: " + server::json_type_phrase(value) + " for `" + field +
                  "`, expected " + expected);
}

std::optional<std::string> read_string(const Json& body, const char* field, bool required) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        if (required && it == body.end())
            payload_error(std::string("missing field `") + field + "`");
        if (required) wrong_type(*it, field, "a string");
        return std::nullopt;
    }
    if (!it->is_string()) wrong_type(*it, field, "a string");
    return it->get<std::string>();
}

std::optional<std::vector<std::string>> read_strings(const Json& body, const char* field,
                                                     bool required) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        if (required && it == body.end())
            payload_error(std::string("missing field `") + field + "`");
        if (required) wrong_type(*it, field, "a sequence");
        return std::nullopt;
    }
    if (!it->is_array()) wrong_type(*it, field, "a sequence");
    std::vector<std::string> out;
    for (const auto& item : *it) {
        if (!item.is_string()) wrong_type(item, field, "a string");
        out.push_back(item.get<std::string>());
    }
    return out;
}

std::optional<int> prefix_length(std::string_view text, bool v6) {
    const int width = v6 ? 128 : 32;
    if (!text.empty() && text.size() <= 3 &&
        std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        const int value = std::stoi(std::string(text));
        if (value <= width) return value;
        return std::nullopt;
    }
    // IPv4's dotted netmask: contiguous ones, then zeros.
    if (v6) return std::nullopt;
    const auto mask = services::IpAddress::parse(text);
    if (!mask || mask->v6) return std::nullopt;
    const std::uint32_t bits = (std::uint32_t{mask->bytes[0]} << 24) |
                               (std::uint32_t{mask->bytes[1]} << 16) |
                               (std::uint32_t{mask->bytes[2]} << 8) | mask->bytes[3];
    const int ones = std::countl_one(bits);
    if (ones < 32 && (bits << ones) != 0) return std::nullopt;
    return ones;
}

}  // namespace

std::optional<std::string> ip_network(const std::string& text) {
    const auto slash = text.find('/');
    const auto address = services::IpAddress::parse(std::string_view(text).substr(0, slash));
    if (!address) return std::nullopt;
    int prefix = address->v6 ? 128 : 32;
    if (slash != std::string::npos) {
        const auto length = prefix_length(std::string_view(text).substr(slash + 1), address->v6);
        if (!length) return std::nullopt;
        prefix = *length;
    }
    return address->to_string() + "/" + std::to_string(prefix);
}

ApiKeyRequest read_api_key_request(const nlohmann::json& body, bool all_required) {
    ApiKeyRequest request;
    // serde reads fields in the struct's order and stops at the first it cannot read.
    request.name = read_string(body, "name", all_required);
    if (auto ips = read_strings(body, "allowed_ips", all_required)) {
        std::vector<std::string> networks;
        for (const auto& entry : *ips) {
            const auto network = ip_network(entry);
            if (!network) payload_error("invalid IP address syntax in `allowed_ips`: " + entry);
            networks.push_back(*network);
        }
        request.allowed_ips = std::move(networks);
    }
    request.user_permissions = read_strings(body, "user_permissions", all_required);
    request.admin_permissions = read_strings(body, "admin_permissions", all_required);
    request.server_permissions = read_strings(body, "server_permissions", all_required);
    if (const auto it = body.find("expires"); it != body.end()) {
        request.expires_sent = true;
        if (!it->is_null()) {
            if (!it->is_string()) wrong_type(*it, "expires", "an RFC 3339 formatted date and time");
            request.expires = parse_rfc3339(it->get<std::string>());
            if (!request.expires)
                payload_error("input is not an RFC 3339 date and time in `expires`");
        }
    }
    return request;
}

std::vector<std::string> api_key_violations(const ApiKeyRequest& request, services::Timestamp now) {
    std::vector<std::string> out;
    if (request.name) {
        const auto length = services::utf8_length(*request.name);
        if (length < kMinKeyName) {
            out.push_back("name: length is lower than " + std::to_string(kMinKeyName));
        } else if (length > kMaxKeyName) {
            out.push_back("name: length is greater than " + std::to_string(kMaxKeyName));
        }
    }
    const auto check = [&](const std::optional<std::vector<std::string>>& list, const char* field,
                           services::PermissionKind kind) {
        if (!list) return;
        if (const auto unknown = services::first_unknown_permission(kind, *list)) {
            out.push_back(std::string(field) + ": invalid permission: " + *unknown);
        }
    };
    check(request.user_permissions, "user_permissions", services::PermissionKind::user);
    check(request.admin_permissions, "admin_permissions", services::PermissionKind::admin);
    check(request.server_permissions, "server_permissions", services::PermissionKind::server);
    if (request.expires && *request.expires <= now)
        out.push_back("expires: time must be in the future");
    return out;
}

}  // namespace accountd::handlers::calagopus
