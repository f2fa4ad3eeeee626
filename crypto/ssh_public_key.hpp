#pragma once
// SSH public keys as users paste them: OpenSSH one-line form ("ssh-ed25519 AAAA... comment") or
// PEM (PKCS#8 "BEGIN PUBLIC KEY", PKCS#1 "BEGIN RSA PUBLIC KEY"). Accepted: RSA of at least
// 2048 bits, ECDSA on P-256/P-384/P-521, Ed25519. Refused: DSA, short RSA, private keys, FIDO
// (sk-*) keys, anything that does not decode to a valid key.

#include <string>
#include <string_view>
#include <variant>

namespace accountd::crypto {

enum class SshKeyType { rsa, ecdsa_p256, ecdsa_p384, ecdsa_p521, ed25519 };

enum class SshKeyProblem {
    not_valid,  ///< garbage, private key, unsupported type, invalid point
    dsa,        ///< a DSA key
    rsa_too_short,
};

struct SshPublicKey {
    SshKeyType type;
    unsigned bits = 0;  ///< modulus size for RSA, curve size for ECDSA, 256 for Ed25519
    std::string blob;   ///< the RFC 4253 section 6.6 wire encoding, what fingerprints hash

    /// OpenSSH's SHA-256 fingerprint without the "SHA256:" prefix: unpadded base64 of
    /// SHA-256(blob), 43 characters (what Pterodactyl stores and `ssh-keygen -lf` prints).
    std::string fingerprint() const;
    /// "ssh-ed25519 AAAA..." (no comment).
    std::string openssh() const;
    /// PKCS#8 SubjectPublicKeyInfo PEM with CRLF line ends and no final newline, as Pterodactyl
    /// stores and returns keys.
    std::string pem() const;
};

std::variant<SshPublicKey, SshKeyProblem> parse_ssh_public_key(std::string_view text);

}  // namespace accountd::crypto
