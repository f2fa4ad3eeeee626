#pragma once
// Reading a Calagopus API-key body: serde's type rules (a wrong type or a bad address is
// "invalid payload: ..."), then garde's rules as one "<field>: <message>" per failing field.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "services/clock.hpp"

namespace accountd::handlers::calagopus {

inline constexpr std::size_t kMinKeyName = 3;
inline constexpr std::size_t kMaxKeyName = 31;

/// What a create or PATCH body holds. For PATCH every field may be absent; `expires_sent` tells
/// an absent expiry (unchanged) from `null` (no expiry).
struct ApiKeyRequest {
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> allowed_ips;  ///< normalized: "10.0.0.1/32"
    std::optional<std::vector<std::string>> user_permissions;
    std::optional<std::vector<std::string>> admin_permissions;
    std::optional<std::vector<std::string>> server_permissions;
    bool expires_sent = false;
    std::optional<services::Timestamp> expires;
};

/// Reads the body. `all_required`: create (every field but `expires` must be present).
/// Throws the dialect's 400 "invalid payload: ..." for a missing field, a wrong type, an
/// address that is no IP or network, or an expiry that is no RFC 3339 date-time.
ApiKeyRequest read_api_key_request(const nlohmann::json& body, bool all_required);

/// garde's messages for what the body holds: name length, unknown permissions, an expiry not
/// in the future. Empty when all is well.
std::vector<std::string> api_key_violations(const ApiKeyRequest& request, services::Timestamp now);

/// An allow-list entry in ipnetwork's form: an address (IPv4 or IPv6) with a prefix length
/// ("10.0.0.1/32"), read from an address, CIDR or IPv4 dotted-netmask ("10.0.0.0/255.0.0.0")
/// form; nullopt for anything else.
std::optional<std::string> ip_network(const std::string& text);

}  // namespace accountd::handlers::calagopus
