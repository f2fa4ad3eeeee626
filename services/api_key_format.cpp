#include "services/api_key_format.hpp"

#include <algorithm>

#include "crypto/encoding.hpp"

namespace accountd::services {
namespace {

// Pterodactyl's keys of any prefix: letters, digits and the prefix's underscore.
bool key_text(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

bool in_alphabet(ApiKeyFormat::Alphabet alphabet, char c) {
    const auto u = static_cast<unsigned char>(c);
    switch (alphabet) {
        case ApiKeyFormat::Alphabet::alphanumeric:
            return std::isalnum(u) != 0;
        case ApiKeyFormat::Alphabet::lower_hex:
            return std::isxdigit(u) != 0;
    }
    return false;
}

std::string random_text(ApiKeyFormat::Alphabet alphabet, crypto::RandomSource& random,
                        std::size_t length) {
    switch (alphabet) {
        case ApiKeyFormat::Alphabet::alphanumeric:
            return crypto::random_alphanumeric(random, length);
        case ApiKeyFormat::Alphabet::lower_hex:
            break;
    }
    return crypto::to_hex(random.bytes((length + 1) / 2)).substr(0, length);
}

}  // namespace

std::string ApiKeyFormat::new_identifier(crypto::RandomSource& random) const {
    return prefix + random_text(alphabet, random, identifier_length - prefix.size());
}

std::string ApiKeyFormat::new_secret(crypto::RandomSource& random) const {
    return random_text(alphabet, random, secret_length);
}

std::optional<std::string> ApiKeyFormat::canonical(std::string_view token) const {
    if (token.size() != token_length()) return std::nullopt;
    if (!prefix_required) {
        if (!std::all_of(token.begin(), token.end(), key_text)) return std::nullopt;
        return std::string(token);
    }
    if (!token.starts_with(prefix)) return std::nullopt;
    const auto body = token.substr(prefix.size());
    if (!std::all_of(body.begin(), body.end(), [&](char c) { return in_alphabet(alphabet, c); })) {
        return std::nullopt;
    }
    std::string out(token);
    if (alphabet == Alphabet::lower_hex) {
        std::transform(out.begin(), out.end(), out.begin(), [](char c) {
            return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        });
    }
    return out;
}

bool ApiKeyFormat::plausible_identifier(std::string_view identifier) const {
    if (identifier.size() != identifier_length) return false;
    if (!prefix_required) return std::all_of(identifier.begin(), identifier.end(), key_text);
    if (!identifier.starts_with(prefix)) return false;
    const auto body = identifier.substr(prefix.size());
    return std::all_of(body.begin(), body.end(), [&](char c) { return in_alphabet(alphabet, c); });
}

const ApiKeyFormat& pterodactyl_key_format() {
    static const ApiKeyFormat format{.name = "pterodactyl",
                                     .prefix = "ptlc_",
                                     .identifier_length = 16,
                                     .secret_length = 32,
                                     .alphabet = ApiKeyFormat::Alphabet::alphanumeric,
                                     .prefix_required = false,
                                     .also_accepts = {"calagopus", "eclipanel"}};
    return format;
}

const ApiKeyFormat& calagopus_key_format() {
    static const ApiKeyFormat format{.name = "calagopus",
                                     .prefix = "c7sp_",
                                     .identifier_length = 16,
                                     .secret_length = 32,
                                     .alphabet = ApiKeyFormat::Alphabet::alphanumeric,
                                     .prefix_required = false,
                                     .also_accepts = {"pterodactyl", "eclipanel"}};
    return format;
}

const ApiKeyFormat& eclipanel_key_format() {
    static const ApiKeyFormat format{.name = "eclipanel",
                                     .prefix = "",
                                     .identifier_length = 16,
                                     .secret_length = 48,
                                     .alphabet = ApiKeyFormat::Alphabet::lower_hex,
                                     .prefix_required = true,
                                     .also_accepts = {"pterodactyl", "calagopus"}};
    return format;
}

const ApiKeyFormat* key_format_named(std::string_view name) {
    for (const ApiKeyFormat* format :
         {&pterodactyl_key_format(), &calagopus_key_format(), &eclipanel_key_format()}) {
        if (format->name == name) return format;
    }
    return nullptr;
}

}  // namespace accountd::services
