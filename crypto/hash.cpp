#include "crypto/hash.hpp"

#define CRYPTOPP_ENABLE_NAMESPACE_WEAK 1
#include <cryptopp/hmac.h>
#include <cryptopp/md5.h>
#include <cryptopp/misc.h>
#include <cryptopp/sha.h>

namespace accountd::crypto {
namespace {

const CryptoPP::byte* as_bytes(std::string_view s) {
    return reinterpret_cast<const CryptoPP::byte*>(s.data());
}

template <typename Hash>
std::string digest(std::string_view data) {
    Hash hash;
    std::string out(Hash::DIGESTSIZE, '\0');
    hash.CalculateDigest(reinterpret_cast<CryptoPP::byte*>(out.data()), as_bytes(data),
                         data.size());
    return out;
}

template <typename Hash>
std::string hmac(std::string_view key, std::string_view message) {
    CryptoPP::HMAC<Hash> mac(as_bytes(key), key.size());
    std::string out(Hash::DIGESTSIZE, '\0');
    mac.CalculateDigest(reinterpret_cast<CryptoPP::byte*>(out.data()), as_bytes(message),
                        message.size());
    return out;
}

}  // namespace

std::string sha256(std::string_view data) {
    return digest<CryptoPP::SHA256>(data);
}
std::string sha1(std::string_view data) {
    return digest<CryptoPP::SHA1>(data);
}

std::string md5(std::string_view data) {
    return digest<CryptoPP::Weak::MD5>(data);
}

std::string hmac_sha256(std::string_view key, std::string_view message) {
    return hmac<CryptoPP::SHA256>(key, message);
}

std::string hmac_sha1(std::string_view key, std::string_view message) {
    return hmac<CryptoPP::SHA1>(key, message);
}

bool constant_time_equals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return CryptoPP::VerifyBufsEqual(as_bytes(a), as_bytes(b), a.size());
}

std::string derive_key(std::string_view master_key, std::string_view purpose) {
    std::string info = "accountd/v1/";
    info.append(purpose);
    info.push_back('\x01');  // HKDF-Expand block counter T(1)
    return hmac_sha256(master_key, info);
}

}  // namespace accountd::crypto
