#include "crypto/secret_box.hpp"

#include <cryptopp/aes.h>
#include <cryptopp/gcm.h>

#include <stdexcept>

namespace accountd::crypto {
namespace {

constexpr std::size_t kNonceBytes = 12;  // SP 800-38D section 8.2.2: 96-bit IVs
constexpr std::size_t kTagBytes = 16;

const CryptoPP::byte* bytes(std::string_view s) {
    return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

}  // namespace

SecretBox::SecretBox(std::string key, RandomSource& random)
    : key_(std::move(key)), random_(&random) {
    if (key_.size() != 32) throw std::invalid_argument("SecretBox needs a 32-byte key");
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated_data) const {
    const std::string nonce = random_->bytes(kNonceBytes);
    CryptoPP::GCM<CryptoPP::AES>::Encryption gcm;
    gcm.SetKeyWithIV(bytes(key_), key_.size(), bytes(nonce), nonce.size());
    std::string out = nonce;
    out.resize(kNonceBytes + plaintext.size() + kTagBytes);
    auto* cipher = reinterpret_cast<CryptoPP::byte*>(out.data()) + kNonceBytes;
    gcm.EncryptAndAuthenticate(cipher, cipher + plaintext.size(), kTagBytes, bytes(nonce),
                               static_cast<int>(nonce.size()), bytes(associated_data),
                               associated_data.size(), bytes(plaintext), plaintext.size());
    return out;
}

std::optional<std::string> SecretBox::open(std::string_view box,
                                           std::string_view associated_data) const {
    if (box.size() < kNonceBytes + kTagBytes) return std::nullopt;
    const auto nonce = box.substr(0, kNonceBytes);
    const auto cipher = box.substr(kNonceBytes, box.size() - kNonceBytes - kTagBytes);
    const auto tag = box.substr(box.size() - kTagBytes);
    CryptoPP::GCM<CryptoPP::AES>::Decryption gcm;
    gcm.SetKeyWithIV(bytes(key_), key_.size(), bytes(nonce), nonce.size());
    std::string plain(cipher.size(), '\0');
    const bool ok =
        gcm.DecryptAndVerify(reinterpret_cast<CryptoPP::byte*>(plain.data()), bytes(tag), kTagBytes,
                             bytes(nonce), static_cast<int>(nonce.size()), bytes(associated_data),
                             associated_data.size(), bytes(cipher), cipher.size());
    if (!ok) return std::nullopt;
    return plain;
}

}  // namespace accountd::crypto
