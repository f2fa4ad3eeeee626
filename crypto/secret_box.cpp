#include "crypto/secret_box.hpp"

#include <cryptopp/aes.h>
#include <cryptopp/gcm.h>

#include <stdexcept>

namespace accountd::crypto {
namespace {

constexpr std::size_t kNonceBytes = 12;  // SP 800-38D section 8.2.2: 96-bit IVs
constexpr std::size_t kTagBytes = 16;
constexpr char kFormat = 1;
constexpr std::size_t kHeaderBytes = 2;  // format, key id

const CryptoPP::byte* bytes(std::string_view s) {
    return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

// nonce || ciphertext || tag under `key`.
std::optional<std::string> open_body(const std::string& key, std::string_view body,
                                     std::string_view associated_data) {
    if (body.size() < kNonceBytes + kTagBytes) return std::nullopt;
    const auto nonce = body.substr(0, kNonceBytes);
    const auto cipher = body.substr(kNonceBytes, body.size() - kNonceBytes - kTagBytes);
    const auto tag = body.substr(body.size() - kTagBytes);
    CryptoPP::GCM<CryptoPP::AES>::Decryption gcm;
    gcm.SetKeyWithIV(bytes(key), key.size(), bytes(nonce), nonce.size());
    std::string plain(cipher.size(), '\0');
    const bool ok =
        gcm.DecryptAndVerify(reinterpret_cast<CryptoPP::byte*>(plain.data()), bytes(tag), kTagBytes,
                             bytes(nonce), static_cast<int>(nonce.size()), bytes(associated_data),
                             associated_data.size(), bytes(cipher), cipher.size());
    if (!ok) return std::nullopt;
    return plain;
}

}  // namespace

SecretBox::SecretBox(std::map<std::uint8_t, std::string> keys, std::uint8_t current,
                     RandomSource& random)
    : keys_(std::move(keys)), current_(current), random_(&random) {
    for (const auto& [id, key] : keys_) {
        if (key.size() != 32) throw std::invalid_argument("SecretBox needs 32-byte keys");
    }
    if (!keys_.contains(current_)) throw std::invalid_argument("SecretBox: no current key");
}

SecretBox::SecretBox(std::string key, RandomSource& random)
    : SecretBox(std::map<std::uint8_t, std::string>{{0, std::move(key)}}, 0, random) {}

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated_data) const {
    const std::string& key = keys_.at(current_);
    const std::string nonce = random_->bytes(kNonceBytes);
    CryptoPP::GCM<CryptoPP::AES>::Encryption gcm;
    gcm.SetKeyWithIV(bytes(key), key.size(), bytes(nonce), nonce.size());
    std::string out{kFormat, static_cast<char>(current_)};
    out += nonce;
    out.resize(kHeaderBytes + kNonceBytes + plaintext.size() + kTagBytes);
    auto* cipher = reinterpret_cast<CryptoPP::byte*>(out.data()) + kHeaderBytes + kNonceBytes;
    gcm.EncryptAndAuthenticate(cipher, cipher + plaintext.size(), kTagBytes, bytes(nonce),
                               static_cast<int>(nonce.size()), bytes(associated_data),
                               associated_data.size(), bytes(plaintext), plaintext.size());
    return out;
}

std::optional<std::string> SecretBox::open(std::string_view box,
                                           std::string_view associated_data) const {
    // The header is not authenticated, and need not be: a changed key id picks a key under
    // which the tag fails. A box from before key ids starts with its random nonce, which looks
    // like a header one time in 256 at most; the tag tells, and it is then tried as such.
    if (box.size() >= kHeaderBytes && box[0] == kFormat) {
        const auto key = keys_.find(static_cast<std::uint8_t>(box[1]));
        if (key != keys_.end()) {
            if (auto plain = open_body(key->second, box.substr(kHeaderBytes), associated_data)) {
                return plain;
            }
        }
    }
    const auto legacy = keys_.find(0);
    if (legacy == keys_.end()) return std::nullopt;
    return open_body(legacy->second, box, associated_data);
}

bool SecretBox::sealed_with_current_key(std::string_view box,
                                        std::string_view associated_data) const {
    // The header alone could be the start of an old box's nonce: the tag decides.
    return box.size() >= kHeaderBytes && box[0] == kFormat &&
           static_cast<std::uint8_t>(box[1]) == current_ &&
           open_body(keys_.at(current_), box.substr(kHeaderBytes), associated_data).has_value();
}

}  // namespace accountd::crypto
