#include "services/ip_range.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace accountd::services {

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    if (text.empty() || text.size() > 45) return std::nullopt;
    const std::string copy(text);
    IpAddress address;
    if (copy.find(':') == std::string::npos) {
        if (inet_pton(AF_INET, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
        return address;
    }
    address.v6 = true;
    if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
    return address;
}

std::string IpAddress::to_string() const {
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer);
    return buffer;
}

std::optional<IpRange> IpRange::parse(std::string_view text) {
    const auto slash = text.find('/');
    auto address = IpAddress::parse(text.substr(0, slash));
    if (!address) return std::nullopt;
    const int max_prefix = address->v6 ? 128 : 32;
    int prefix = max_prefix;
    if (slash != std::string_view::npos) {
        const auto digits = text.substr(slash + 1);
        const auto* end = digits.data() + digits.size();
        const auto [ptr, ec] = std::from_chars(digits.data(), end, prefix);
        if (digits.empty() || digits.size() > 3 || ec != std::errc{} || ptr != end || prefix < 0 ||
            prefix > max_prefix) {
            return std::nullopt;
        }
    }
    IpRange range{*address, prefix};
    for (int bit = prefix; bit < max_prefix; ++bit) {
        range.network.bytes[static_cast<std::size_t>(bit / 8)] &=
            static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
    }
    return range;
}

bool IpRange::contains(const IpAddress& address) const {
    if (address.v6 != network.v6) return false;
    const int full_bytes = prefix / 8;
    for (int i = 0; i < full_bytes; ++i) {
        if (address.bytes[static_cast<std::size_t>(i)] !=
            network.bytes[static_cast<std::size_t>(i)]) {
            return false;
        }
    }
    const int rest = prefix % 8;
    if (rest == 0) return true;
    const auto mask = static_cast<std::uint8_t>(0xFFu << (8 - rest));
    const auto i = static_cast<std::size_t>(full_bytes);
    return (address.bytes[i] & mask) == (network.bytes[i] & mask);
}

std::string IpRange::to_string() const {
    return network.to_string() + "/" + std::to_string(prefix);
}

}  // namespace accountd::services
