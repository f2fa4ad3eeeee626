#pragma once
// IP addresses and CIDR ranges for API-key allow-lists. IPv4 and IPv6 never match each other
// (::ffff:127.0.0.1 is not 127.0.0.1), as in Pterodactyl; a client sees the address nginx passes.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accountd::services {

struct IpAddress {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};  ///< IPv4 uses the first 4

    /// inet_pton's strict forms only: no leading zeros in IPv4, no zone ids, no surrounding space.
    static std::optional<IpAddress> parse(std::string_view text);
    std::string to_string() const;
    bool operator==(const IpAddress&) const = default;
};

struct IpRange {
    IpAddress network;  ///< host bits cleared
    int prefix = 0;

    /// "addr" (a single host) or "addr/prefix"; host bits after the prefix are cleared
    /// ("10.1.2.3/8" is 10.0.0.0/8). nullopt for anything else.
    static std::optional<IpRange> parse(std::string_view text);
    bool contains(const IpAddress& address) const;
    /// "10.0.0.0/8", "2001:db8::/32", "127.0.0.1/32".
    std::string to_string() const;
};

}  // namespace accountd::services
