#include "crypto/ssh_public_key.hpp"

#include <cryptopp/asn.h>
#include <cryptopp/eccrypto.h>
#include <cryptopp/oids.h>
#include <cryptopp/osrng.h>
#include <cryptopp/queue.h>
#include <cryptopp/rsa.h>
#include <cryptopp/xed25519.h>

#include <cstdint>
#include <optional>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "services/text.hpp"

namespace accountd::crypto {
namespace {

using Ecdsa = CryptoPP::ECDSA<CryptoPP::ECP, CryptoPP::SHA256>;

struct Curve {
    SshKeyType type;
    const char* ssh_name;  // RFC 5656 section 6
    const char* identifier;
    unsigned bits;
    CryptoPP::OID oid;
};

const std::vector<Curve>& curves() {
    static const std::vector<Curve> list = {
        {SshKeyType::ecdsa_p256, "ecdsa-sha2-nistp256", "nistp256", 256,
         CryptoPP::ASN1::secp256r1()},
        {SshKeyType::ecdsa_p384, "ecdsa-sha2-nistp384", "nistp384", 384,
         CryptoPP::ASN1::secp384r1()},
        {SshKeyType::ecdsa_p521, "ecdsa-sha2-nistp521", "nistp521", 521,
         CryptoPP::ASN1::secp521r1()},
    };
    return list;
}

const Curve* curve_of(SshKeyType type) {
    for (const auto& c : curves())
        if (c.type == type) return &c;
    return nullptr;
}

// RFC 4251 section 5 wire types.
void put_string(std::string& out, std::string_view value) {
    const auto n = static_cast<std::uint32_t>(value.size());
    out.push_back(static_cast<char>(n >> 24));
    out.push_back(static_cast<char>(n >> 16));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n));
    out.append(value);
}

void put_mpint(std::string& out, const CryptoPP::Integer& value) {
    std::string bytes(value.MinEncodedSize(), '\0');
    value.Encode(reinterpret_cast<CryptoPP::byte*>(bytes.data()), bytes.size());
    if (!bytes.empty() && (static_cast<std::uint8_t>(bytes[0]) & 0x80)) bytes.insert(0, 1, '\0');
    put_string(out, bytes);
}

class Reader {
  public:
    explicit Reader(std::string_view data) : data_(data) {}
    std::optional<std::string_view> string() {
        if (data_.size() < 4) return std::nullopt;
        const std::uint32_t n = (static_cast<std::uint8_t>(data_[0]) << 24) |
                                (static_cast<std::uint8_t>(data_[1]) << 16) |
                                (static_cast<std::uint8_t>(data_[2]) << 8) |
                                static_cast<std::uint8_t>(data_[3]);
        if (data_.size() - 4 < n) return std::nullopt;
        const auto value = data_.substr(4, n);
        data_.remove_prefix(4 + n);
        return value;
    }
    bool done() const { return data_.empty(); }

  private:
    std::string_view data_;
};

CryptoPP::Integer integer_of(std::string_view bytes) {
    return CryptoPP::Integer(reinterpret_cast<const CryptoPP::byte*>(bytes.data()), bytes.size());
}

std::string rsa_blob(const CryptoPP::Integer& e, const CryptoPP::Integer& n) {
    std::string blob;
    put_string(blob, "ssh-rsa");
    put_mpint(blob, e);
    put_mpint(blob, n);
    return blob;
}

std::string ec_point_bytes(const Ecdsa::PublicKey& key) {
    const auto& group = key.GetGroupParameters();
    std::string bytes(group.GetCurve().EncodedPointSize(false), '\0');
    group.GetCurve().EncodePoint(reinterpret_cast<CryptoPP::byte*>(bytes.data()),
                                 key.GetPublicElement(), false);
    return bytes;
}

std::string ec_blob(const Curve& curve, std::string_view point) {
    std::string blob;
    put_string(blob, curve.ssh_name);
    put_string(blob, curve.identifier);
    put_string(blob, point);
    return blob;
}

std::string ed25519_blob(std::string_view key) {
    std::string blob;
    put_string(blob, "ssh-ed25519");
    put_string(blob, key);
    return blob;
}

std::variant<SshPublicKey, SshKeyProblem> checked_rsa(const CryptoPP::Integer& e,
                                                      const CryptoPP::Integer& n) {
    if (n.IsNegative() || e.IsNegative() || n.IsZero() || e.IsZero())
        return SshKeyProblem::not_valid;
    CryptoPP::RSA::PublicKey key;
    key.Initialize(n, e);
    CryptoPP::AutoSeededRandomPool rng;
    if (!key.Validate(rng, 1)) return SshKeyProblem::not_valid;
    const unsigned bits = n.BitCount();
    if (bits < 2048) return SshKeyProblem::rsa_too_short;
    return SshPublicKey{SshKeyType::rsa, bits, rsa_blob(e, n)};
}

std::variant<SshPublicKey, SshKeyProblem> checked_ec(const Curve& curve, std::string_view point) {
    Ecdsa::PublicKey key;
    key.AccessGroupParameters().Initialize(curve.oid);
    CryptoPP::ECP::Point q;
    const auto& ec = key.GetGroupParameters().GetCurve();
    if (!ec.DecodePoint(q, reinterpret_cast<const CryptoPP::byte*>(point.data()), point.size())) {
        return SshKeyProblem::not_valid;
    }
    key.SetPublicElement(q);
    CryptoPP::AutoSeededRandomPool rng;
    if (!key.Validate(rng, 3)) return SshKeyProblem::not_valid;
    return SshPublicKey{curve.type, curve.bits, ec_blob(curve, ec_point_bytes(key))};
}

std::variant<SshPublicKey, SshKeyProblem> from_blob(std::string_view type_name,
                                                    std::string_view blob) {
    Reader reader(blob);
    const auto inner = reader.string();
    if (!inner || *inner != type_name) return SshKeyProblem::not_valid;
    if (type_name == "ssh-dss") return SshKeyProblem::dsa;
    if (type_name == "ssh-rsa") {
        const auto e = reader.string();
        const auto n = reader.string();
        if (!e || !n || !reader.done()) return SshKeyProblem::not_valid;
        return checked_rsa(integer_of(*e), integer_of(*n));
    }
    if (type_name == "ssh-ed25519") {
        const auto key = reader.string();
        if (!key || key->size() != 32 || !reader.done()) return SshKeyProblem::not_valid;
        return SshPublicKey{SshKeyType::ed25519, 256, ed25519_blob(*key)};
    }
    for (const auto& curve : curves()) {
        if (type_name != curve.ssh_name) continue;
        const auto identifier = reader.string();
        const auto point = reader.string();
        if (!identifier || *identifier != curve.identifier || !point || !reader.done()) {
            return SshKeyProblem::not_valid;
        }
        return checked_ec(curve, *point);
    }
    return SshKeyProblem::not_valid;  // sk-*, certificates, unknown algorithms
}

std::optional<std::string> pem_body(std::string_view text, std::string_view label) {
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::string end = "-----END " + std::string(label) + "-----";
    const auto b = text.find(begin);
    const auto e = text.find(end);
    if (b == std::string_view::npos || e == std::string_view::npos || e < b) return std::nullopt;
    std::string base64;
    for (const char c : text.substr(b + begin.size(), e - b - begin.size())) {
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t') base64.push_back(c);
    }
    return base64_decode(base64);
}

std::variant<SshPublicKey, SshKeyProblem> from_spki(const std::string& der) {
    // The algorithm identifier decides the decoder; each one checks it and throws otherwise.
    try {
        CryptoPP::RSA::PublicKey rsa;
        CryptoPP::StringSource source(der, true);
        rsa.BERDecode(source);
        return checked_rsa(rsa.GetPublicExponent(), rsa.GetModulus());
    } catch (const CryptoPP::Exception&) {
    }
    try {
        Ecdsa::PublicKey ec;
        CryptoPP::StringSource source(der, true);
        ec.BERDecode(source);
        for (const auto& curve : curves()) {
            CryptoPP::DL_GroupParameters_EC<CryptoPP::ECP> params(curve.oid);
            if (params.GetCurve().GetField().GetModulus() ==
                    ec.GetGroupParameters().GetCurve().GetField().GetModulus() &&
                params.GetSubgroupOrder() == ec.GetGroupParameters().GetSubgroupOrder()) {
                return checked_ec(curve, ec_point_bytes(ec));
            }
        }
        return SshKeyProblem::not_valid;
    } catch (const CryptoPP::Exception&) {
    }
    try {
        CryptoPP::ed25519PublicKey ed;
        CryptoPP::StringSource source(der, true);
        ed.BERDecode(source);
        return SshPublicKey{SshKeyType::ed25519, 256,
                            ed25519_blob(std::string_view(
                                reinterpret_cast<const char*>(ed.GetPublicKeyBytePtr()), 32))};
    } catch (const CryptoPP::Exception&) {
    }
    // DSA keys in PKCS#8 carry OID 1.2.840.10040.4.1.
    if (der.find(std::string("\x06\x07\x2a\x86\x48\xce\x38\x04\x01", 9)) != std::string::npos) {
        return SshKeyProblem::dsa;
    }
    return SshKeyProblem::not_valid;
}

std::variant<SshPublicKey, SshKeyProblem> from_pkcs1_rsa(const std::string& der) {
    try {
        CryptoPP::RSA::PublicKey rsa;
        CryptoPP::StringSource source(der, true);
        rsa.BERDecodePublicKey(source, false, der.size());
        return checked_rsa(rsa.GetPublicExponent(), rsa.GetModulus());
    } catch (const CryptoPP::Exception&) {
        return SshKeyProblem::not_valid;
    }
}

}  // namespace

std::string SshPublicKey::fingerprint() const {
    std::string text = base64_encode(sha256(blob));
    while (!text.empty() && text.back() == '=')
        text.pop_back();
    return text;
}

std::string SshPublicKey::openssh() const {
    Reader reader(blob);
    return std::string(reader.string().value_or("")) + " " + base64_encode(blob);
}

std::string SshPublicKey::pem() const {
    std::string der;
    CryptoPP::StringSink sink(der);
    Reader reader(blob);
    (void)reader.string();  // the type name
    if (type == SshKeyType::rsa) {
        const auto e = reader.string();
        const auto n = reader.string();
        CryptoPP::RSA::PublicKey key;
        key.Initialize(integer_of(*n), integer_of(*e));
        key.DEREncode(sink);
    } else if (type == SshKeyType::ed25519) {
        CryptoPP::ed25519PublicKey key;
        key.SetPublicElement(reinterpret_cast<const CryptoPP::byte*>(reader.string()->data()));
        key.DEREncode(sink);
    } else {
        (void)reader.string();  // curve identifier
        const auto point = reader.string();
        Ecdsa::PublicKey key;
        key.AccessGroupParameters().Initialize(curve_of(type)->oid);
        key.AccessGroupParameters().SetEncodeAsOID(true);
        CryptoPP::ECP::Point q;
        key.GetGroupParameters().GetCurve().DecodePoint(
            q, reinterpret_cast<const CryptoPP::byte*>(point->data()), point->size());
        key.SetPublicElement(q);
        key.DEREncode(sink);
    }
    const std::string base64 = base64_encode(der);
    std::string out = "-----BEGIN PUBLIC KEY-----\r\n";
    for (std::size_t i = 0; i < base64.size(); i += 64)
        out += base64.substr(i, 64) + "\r\n";
    out += "-----END PUBLIC KEY-----";
    return out;
}

std::variant<SshPublicKey, SshKeyProblem> parse_ssh_public_key(std::string_view text) {
    text = services::trim_view(text);
    if (text.size() > 16384 || text.find("PRIVATE KEY") != std::string_view::npos) {
        return SshKeyProblem::not_valid;
    }
    if (text.starts_with("-----BEGIN PUBLIC KEY-----")) {
        const auto der = pem_body(text, "PUBLIC KEY");
        return der ? from_spki(*der) : SshKeyProblem::not_valid;
    }
    if (text.starts_with("-----BEGIN RSA PUBLIC KEY-----")) {
        const auto der = pem_body(text, "RSA PUBLIC KEY");
        return der ? from_pkcs1_rsa(*der) : SshKeyProblem::not_valid;
    }
    // OpenSSH: type, base64 blob, optional comment.
    const auto space = text.find(' ');
    if (space == std::string_view::npos) return SshKeyProblem::not_valid;
    const auto type_name = text.substr(0, space);
    auto rest = services::trim_view(text.substr(space + 1));
    const auto blob_end = rest.find_first_of(" \t");
    const auto blob = base64_decode(rest.substr(0, blob_end));
    if (!blob) return SshKeyProblem::not_valid;
    return from_blob(type_name, *blob);
}

}  // namespace accountd::crypto
