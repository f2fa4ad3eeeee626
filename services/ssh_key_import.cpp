#include "services/ssh_key_import.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "crypto/encoding.hpp"
#include "services/text.hpp"

namespace accountd::services {
namespace {

// The first `n` characters (code points) of `text`, never a split UTF-8 sequence.
std::string first_chars(const std::string& text, std::size_t n) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (count == n) return text.substr(0, i);
            ++count;
        }
    }
    return text;
}

// "YYYY-MM-DD" of an RFC 3339 time as GitHub writes it; nullopt when it does not start so.
std::optional<std::string> date_part(const nlohmann::json& value) {
    if (!value.is_string()) return std::nullopt;
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() < 10) return std::nullopt;
    for (std::size_t i = 0; i < 10; ++i) {
        const bool dash = i == 4 || i == 7;
        if (dash ? text[i] != '-' : !std::isdigit(static_cast<unsigned char>(text[i]))) {
            return std::nullopt;
        }
    }
    return text.substr(0, 10);
}

std::string date_of(Timestamp t) {
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(t)};
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return out;
}

// The algorithm name a wire-format blob starts with ("ssh-ed25519", ...), for Launchpad,
// which lists a key's base64 and its type apart.
std::optional<std::string> blob_type(const std::string& base64) {
    const auto blob = crypto::base64_decode(base64);
    if (!blob || blob->size() < 4) return std::nullopt;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>((*blob)[i]); };
    const std::size_t length = (std::size_t{b(0)} << 24) | (std::size_t{b(1)} << 16) |
                               (std::size_t{b(2)} << 8) | std::size_t{b(3)};
    if (length == 0 || length > 64 || blob->size() < 4 + length) return std::nullopt;
    return blob->substr(4, length);
}

std::optional<std::vector<ProvidedKey>> read_github(const nlohmann::json& answer,
                                                    const std::string& username, Timestamp today) {
    if (!answer.is_array()) return std::nullopt;
    std::vector<ProvidedKey> keys;
    const std::string prefix = "gh-" + first_chars(username, 17) + "-";
    for (const auto& item : answer) {
        if (!item.is_object() || !item.contains("key") || !item["key"].is_string()) {
            return std::nullopt;
        }
        // The public list has no created_at in older API versions: today's date then.
        const auto created = item.contains("created_at") ? date_part(item["created_at"])
                                                         : std::optional<std::string>{};
        keys.push_back({prefix + created.value_or(date_of(today)), item["key"].get<std::string>()});
    }
    return keys;
}

std::optional<std::vector<ProvidedKey>> read_gitlab(const nlohmann::json& answer,
                                                    const std::string& username) {
    if (!answer.is_array()) return std::nullopt;
    std::vector<ProvidedKey> keys;
    const std::string user = first_chars(username, 27);
    for (const auto& item : answer) {
        if (!item.is_object() || !item.contains("key") || !item["key"].is_string()) {
            return std::nullopt;
        }
        std::string title;
        if (item.contains("title") && item["title"].is_string()) {
            title = item["title"].get<std::string>();
        }
        const auto at = title.rfind('@');
        const std::string host = at == std::string::npos ? title : title.substr(at + 1);
        keys.push_back({"gl-" + user + "-" + first_chars(host, 27 - utf8_length(user)),
                        item["key"].get<std::string>()});
    }
    return keys;
}

std::optional<std::vector<ProvidedKey>> read_launchpad(const nlohmann::json& answer,
                                                       const std::string& username) {
    if (!answer.is_object() || !answer.contains("entries") || !answer["entries"].is_array()) {
        return std::nullopt;
    }
    std::vector<ProvidedKey> keys;
    const std::string prefix = "lp-" + first_chars(username, 25) + "-";
    for (const auto& item : answer["entries"]) {
        if (!item.is_object() || !item.contains("keytext") || !item["keytext"].is_string()) {
            return std::nullopt;
        }
        const auto& text = item["keytext"].get_ref<const std::string&>();
        char number[8];
        std::snprintf(number, sizeof number, "%02zu", keys.size() + 1);
        // An entry whose type cannot be read stays in the list (and is skipped as unparsable),
        // so the numbers follow the host's order.
        keys.push_back({prefix + number, blob_type(text).value_or("unknown") + " " + text});
    }
    return keys;
}

}  // namespace

std::optional<KeyProvider> parse_key_provider(std::string_view name) {
    if (name == "github") return KeyProvider::github;
    if (name == "gitlab") return KeyProvider::gitlab;
    if (name == "launchpad") return KeyProvider::launchpad;
    return std::nullopt;
}

std::string_view key_provider_name(KeyProvider provider) {
    switch (provider) {
        case KeyProvider::github:
            return "github";
        case KeyProvider::gitlab:
            return "gitlab";
        case KeyProvider::launchpad:
            break;
    }
    return "launchpad";
}

bool is_importable_username(std::string_view username) {
    return username.size() >= 3 && username.size() <= 31 &&
           std::all_of(username.begin(), username.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                      c == '-';
           });
}

std::optional<std::vector<ProvidedKey>> read_provided_keys(KeyProvider provider,
                                                           const std::string& username,
                                                           const std::string& answer,
                                                           Timestamp today) {
    const auto json = nlohmann::json::parse(answer, nullptr, false);
    if (json.is_discarded()) return std::nullopt;
    switch (provider) {
        case KeyProvider::github:
            return read_github(json, username, today);
        case KeyProvider::gitlab:
            return read_gitlab(json, username);
        case KeyProvider::launchpad:
            break;
    }
    return read_launchpad(json, username);
}

}  // namespace accountd::services
