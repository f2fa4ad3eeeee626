#include "services/ip_range.hpp"

#include <arpa/inet.h>

#include <algorithm>
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

namespace {

std::size_t width(const IpAddress& address) {
    return address.v6 ? 16 : 4;
}

// -1, 0 or 1 as a is before, equal to or after b; both of one family.
int compare(const IpAddress& a, const IpAddress& b) {
    for (std::size_t i = 0; i < width(a); ++i) {
        if (a.bytes[i] != b.bytes[i]) return a.bytes[i] < b.bytes[i] ? -1 : 1;
    }
    return 0;
}

std::optional<int> parse_prefix(std::string_view digits, int max_prefix) {
    int prefix = 0;
    const auto* end = digits.data() + digits.size();
    const auto [ptr, ec] = std::from_chars(digits.data(), end, prefix);
    const bool leading_zero = digits.size() > 1 && digits.front() == '0';
    if (digits.empty() || digits.size() > 3 || leading_zero || ec != std::errc{} || ptr != end ||
        prefix < 0 || prefix > max_prefix) {
        return std::nullopt;
    }
    return prefix;
}

IpRange block(const IpAddress& address, int prefix) {
    IpRange range{address, address};
    const int bits = static_cast<int>(width(address)) * 8;
    for (int bit = prefix; bit < bits; ++bit) {
        const auto i = static_cast<std::size_t>(bit / 8);
        const auto mask = static_cast<std::uint8_t>(0x80u >> (bit % 8));
        range.first.bytes[i] &= static_cast<std::uint8_t>(~mask);
        range.last.bytes[i] |= mask;
    }
    return range;
}

// The prefix length of a contiguous IPv4 netmask ("255.255.240.0" is 20).
std::optional<int> netmask_prefix(std::string_view text) {
    const auto mask = IpAddress::parse(text);
    if (!mask || mask->v6) return std::nullopt;
    const std::uint32_t bits = (std::uint32_t{mask->bytes[0]} << 24) |
                               (std::uint32_t{mask->bytes[1]} << 16) |
                               (std::uint32_t{mask->bytes[2]} << 8) | mask->bytes[3];
    const std::uint32_t inverted = ~bits;
    if ((inverted & (inverted + 1)) != 0) return std::nullopt;  // ones, then zeros
    int prefix = 0;
    for (std::uint32_t b = bits; b != 0; b <<= 1)
        ++prefix;
    return prefix;
}

std::optional<IpRange> parse_wildcard(std::string_view text) {
    std::string low;
    std::string high;
    int octets = 0;
    bool wild = false;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto dot = std::min(text.find('.', start), text.size());
        const auto octet = text.substr(start, dot - start);
        const bool star = octet == "*";
        if (wild && !star) return std::nullopt;
        wild = wild || star;
        if (octets > 0) {
            low += '.';
            high += '.';
        }
        if (star) {
            low += "0";
            high += "255";
        } else {
            low += octet;
            high += octet;
        }
        ++octets;
        start = dot + 1;
    }
    const auto first = IpAddress::parse(low);
    const auto last = IpAddress::parse(high);
    if (octets != 4 || !first || !last || first->v6) return std::nullopt;
    return IpRange{*first, *last};
}

}  // namespace

std::optional<IpRange> IpRange::parse(std::string_view text) {
    if (const auto slash = text.find('/'); slash != std::string_view::npos) {
        const auto address = IpAddress::parse(text.substr(0, slash));
        if (!address) return std::nullopt;
        const auto prefix = parse_prefix(text.substr(slash + 1), address->v6 ? 128 : 32);
        if (!prefix) return std::nullopt;
        return block(*address, *prefix);
    }
    if (const auto space = text.find(' '); space != std::string_view::npos) {
        const auto address = IpAddress::parse(text.substr(0, space));
        const auto prefix = netmask_prefix(text.substr(space + 1));
        if (!address || address->v6 || !prefix) return std::nullopt;
        return block(*address, *prefix);
    }
    if (text.find('*') != std::string_view::npos) return parse_wildcard(text);
    if (const auto dash = text.find('-'); dash != std::string_view::npos) {
        const auto first = IpAddress::parse(text.substr(0, dash));
        const auto last = IpAddress::parse(text.substr(dash + 1));
        if (!first || !last || first->v6 != last->v6 || compare(*first, *last) > 0) {
            return std::nullopt;
        }
        return IpRange{*first, *last};
    }
    const auto address = IpAddress::parse(text);
    if (!address) return std::nullopt;
    return IpRange{*address, *address};
}

bool IpRange::covers(const IpRange& inner) const {
    return contains(inner.first) && contains(inner.last);
}

bool IpRange::contains(const IpAddress& address) const {
    return address.v6 == first.v6 && compare(first, address) <= 0 && compare(address, last) <= 0;
}

std::string throttle_address(std::string_view ip, int v6_prefix) {
    const auto address = IpAddress::parse(ip);
    if (!address) return std::string(ip);
    if (!address->v6) return address->to_string();
    static constexpr std::array<std::uint8_t, 12> kMapped = {0, 0, 0, 0, 0,    0,
                                                             0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(kMapped.begin(), kMapped.end(), address->bytes.begin())) {
        IpAddress v4;
        std::copy_n(address->bytes.begin() + 12, 4, v4.bytes.begin());
        return v4.to_string();
    }
    const int prefix = std::clamp(v6_prefix, 0, 128);
    return block(*address, prefix).first.to_string() + "/" + std::to_string(prefix);
}

namespace {

// Big-endian arithmetic on the family's bytes (4 or 16).
bool bit_set(const IpAddress& a, int bit) {
    return ((a.bytes[static_cast<std::size_t>(bit / 8)] >> (7 - bit % 8)) & 1) != 0;
}

// Whether the host bits after `prefix` are all `value` (0 or 1).
bool host_bits_all(const IpAddress& a, int prefix, int width, bool value) {
    for (int bit = prefix; bit < width; ++bit) {
        if (bit_set(a, bit) != value) return false;
    }
    return true;
}

// `a` with the host bits after `prefix` all set.
IpAddress block_end(IpAddress a, int prefix, int width) {
    for (int bit = prefix; bit < width; ++bit) {
        a.bytes[static_cast<std::size_t>(bit / 8)] |= static_cast<std::uint8_t>(1 << (7 - bit % 8));
    }
    return a;
}

// `a` + 1; false when it wraps (a was the family's last address).
bool increment(IpAddress& a, int width) {
    for (int i = width / 8 - 1; i >= 0; --i) {
        if (++a.bytes[static_cast<std::size_t>(i)] != 0) return true;
    }
    return false;
}

bool not_after(const IpAddress& a, const IpAddress& b, int width) {
    for (int i = 0; i < width / 8; ++i) {
        const auto x = a.bytes[static_cast<std::size_t>(i)];
        const auto y = b.bytes[static_cast<std::size_t>(i)];
        if (x != y) return x < y;
    }
    return true;
}

}  // namespace

std::vector<std::string> IpRange::cidr_blocks() const {
    const int width = first.v6 ? 128 : 32;
    std::vector<std::string> blocks;
    IpAddress start = first;
    while (true) {
        // The widest block aligned at `start` that ends inside the range.
        int prefix = 0;
        while (prefix < width && !(host_bits_all(start, prefix, width, false) &&
                                   not_after(block_end(start, prefix, width), last, width))) {
            ++prefix;
        }
        blocks.push_back(start.to_string() + "/" + std::to_string(prefix));
        IpAddress end = block_end(start, prefix, width);
        if (end == last || !increment(end, width)) break;
        start = end;
    }
    return blocks;
}

}  // namespace accountd::services
