#pragma once
// IP addresses and address ranges for API-key allow-lists. IPv4 and IPv6 never match each other
// (::ffff:127.0.0.1 is not 127.0.0.1), as in Pterodactyl; a client sees the address nginx passes.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accountd::services {

struct IpAddress {
    bool v6 = false;
    std::array<std::uint8_t, 16> bytes{};  ///< IPv4 uses the first 4

    /// inet_pton's strict forms only: no leading zeros in IPv4, no zone ids, no surrounding space.
    static std::optional<IpAddress> parse(std::string_view text);
    std::string to_string() const;
    bool operator==(const IpAddress&) const = default;
};

/// A contiguous block of addresses of one family, first to last inclusive.
struct IpRange {
    IpAddress first;
    IpAddress last;

    /// The forms Pterodactyl's allow-lists take:
    ///   "203.0.113.7"                      a single address;
    ///   "10.1.2.3/8", "2001:db8::/32"      CIDR, host bits allowed and ignored;
    ///   "192.168.0.0 255.255.255.0"        IPv4 address and contiguous netmask;
    ///   "192.168.*.*"                      IPv4 with trailing wildcard octets;
    ///   "10.0.0.5-10.0.0.9"                a range, first not after last, one family.
    /// nullopt for anything else, including a prefix past the family's width, a reversed
    /// range and a wildcard before a fixed octet (which would cover more than it seems to).
    static std::optional<IpRange> parse(std::string_view text);
    bool contains(const IpAddress& address) const;
    /// Every address of `inner` is in this range.
    bool covers(const IpRange& inner) const;
    /// The fewest CIDR blocks ("10.0.0.4/30", "2001:db8::/32") covering exactly this range, in
    /// address order: how a panel that knows only CIDR (Calagopus) shows a range or wildcard.
    std::vector<std::string> cidr_blocks() const;
};

/// The name per-IP throttles count a client address under. An IPv6 host is given a whole /64,
/// so IPv6 is counted per network of `v6_prefix` bits ("2001:db8:1:2::/64"); IPv4 per address,
/// and an IPv4-mapped IPv6 address (::ffff:192.0.2.1) as the IPv4 address it carries. Text that
/// is no address is returned as it is.
std::string throttle_address(std::string_view ip, int v6_prefix);

}  // namespace accountd::services
