#include "crypto/random.hpp"

#include <sys/random.h>

#include <cerrno>
#include <stdexcept>

#include "crypto/encoding.hpp"

namespace accountd::crypto {

std::string RandomSource::bytes(std::size_t size) {
    std::string out(size, '\0');
    fill(reinterpret_cast<std::uint8_t*>(out.data()), size);
    return out;
}

void OsRandom::fill(std::uint8_t* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = getrandom(out + done, size - done, 0);
        if (got < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("getrandom failed");
        }
        done += static_cast<std::size_t>(got);
    }
}

std::string random_alphanumeric(RandomSource& random, std::size_t length) {
    static constexpr std::string_view alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::string out;
    out.reserve(length);
    std::uint8_t buffer[64];
    while (out.size() < length) {
        random.fill(buffer, sizeof buffer);
        for (const std::uint8_t byte : buffer) {
            // 248 = 4 * 62: bytes above it are dropped so every character is equally likely.
            if (byte >= 248) continue;
            out.push_back(alphabet[byte % alphabet.size()]);
            if (out.size() == length) break;
        }
    }
    return out;
}

std::string random_uuid_v4(RandomSource& random) {
    std::string raw = random.bytes(16);
    raw[6] = static_cast<char>((static_cast<std::uint8_t>(raw[6]) & 0x0F) | 0x40);  // version 4
    raw[8] =
        static_cast<char>((static_cast<std::uint8_t>(raw[8]) & 0x3F) | 0x80);  // RFC 4122 variant
    const std::string hex = to_hex(raw);
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace accountd::crypto
