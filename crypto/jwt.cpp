#include "crypto/jwt.hpp"

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"

namespace accountd::crypto {

std::string jwt_hs256_sign(const nlohmann::json& claims, std::string_view key) {
    std::string signing_input = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
    signing_input.push_back('.');
    signing_input += base64url_encode(claims.dump());
    const std::string signature = hmac_sha256(key, signing_input);
    return signing_input + "." + base64url_encode(signature);
}

std::optional<nlohmann::json> jwt_hs256_verify(std::string_view token, std::string_view key) {
    const auto first = token.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    const auto second = token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const auto signing_input = token.substr(0, second);
    const auto signature = base64url_decode(token.substr(second + 1));
    if (!signature || !constant_time_equals(*signature, hmac_sha256(key, signing_input))) {
        return std::nullopt;
    }
    const auto header_text = base64url_decode(token.substr(0, first));
    const auto payload_text = base64url_decode(token.substr(first + 1, second - first - 1));
    if (!header_text || !payload_text) return std::nullopt;
    const auto header = nlohmann::json::parse(*header_text, nullptr, false);
    if (!header.is_object()) return std::nullopt;
    const auto alg = header.find("alg");
    if (alg == header.end() || !alg->is_string() || alg->get_ref<const std::string&>() != "HS256") {
        return std::nullopt;
    }
    auto payload = nlohmann::json::parse(*payload_text, nullptr, false);
    if (!payload.is_object()) return std::nullopt;
    return payload;
}

}  // namespace accountd::crypto
