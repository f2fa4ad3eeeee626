#pragma once
// Password storage: argon2id (libargon2) for every new hash, bcrypt (libxcrypt) for imported ones.
//
// New hashes are PHC strings `$argon2id$v=19$m=..,t=..,p=..,keyid=p1$salt$hash`. The server pepper
// is passed as argon2's secret input (RFC 9106 section 3.1, "K"); `keyid=p1` records that it was,
// so an argon2id hash imported from another panel (no keyid, no pepper) still verifies.
//
// Passwords are hashed and verified in their NFKC form (crypto/unicode_text.hpp), so "é" typed
// precomposed or as "e" + a combining accent is one password. Hashes made before that, and the
// other panels' hashes, hold the bytes as typed: when the normal form does not match and differs
// from the typed bytes, those are verified too, and a match asks for a rehash (of the normal
// form). No weaker: typed bytes that are not in normal form can never be a normal form.
// Text that is not well-formed UTF-8 is used as it is.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "crypto/random.hpp"

namespace accountd::crypto {

struct Argon2Params {
    std::uint32_t memory_kib = 19456;  // OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1
    std::uint32_t iterations = 2;
    std::uint32_t parallelism = 1;
};

/// Admission to password-hash work, so that only so many hashes run at once on a host
/// (server/hash_slots.hpp). Every hash and verification runs between `enter` and `leave`.
class HashGate {
  public:
    virtual ~HashGate() = default;
    /// Takes a place, waiting briefly for one; throws (the implementation says what) when
    /// none frees up in time, and then holds nothing.
    virtual void enter() = 0;
    /// Gives back the place `enter` took.
    virtual void leave() noexcept = 0;
};

enum class PasswordCheck {
    mismatch,
    match,
    match_needs_rehash,  ///< correct, but stored with bcrypt, without pepper or with old parameters
};

class PasswordHasher;

/// A place in the hasher's gate held for longer than one hash (PasswordHasher::hold); the
/// hashes and verifications made meanwhile run in it. Gives the place back when destroyed.
class HashHold {
  public:
    HashHold(HashHold&& other) noexcept : hasher_(other.hasher_) { other.hasher_ = nullptr; }
    HashHold(const HashHold&) = delete;
    HashHold& operator=(const HashHold&) = delete;
    HashHold& operator=(HashHold&&) = delete;
    ~HashHold();

  private:
    friend class PasswordHasher;
    explicit HashHold(const PasswordHasher* hasher) : hasher_(hasher) {}
    const PasswordHasher* hasher_;
};

/// Not for concurrent use (one per worker, which runs one request at a time).
class PasswordHasher {
  public:
    /// `pepper` must stay the same for the life of the stored hashes. `random` and `gate` (none:
    /// no ceiling) outlive this. What the gate throws, hash, verify and burn throw.
    PasswordHasher(Argon2Params params, std::string pepper, RandomSource& random,
                   HashGate* gate = nullptr);

    /// A new argon2id PHC string with a fresh 16-byte salt. Throws std::runtime_error on failure.
    std::string hash(std::string_view password) const;

    /// Verifies against any supported stored form. Unknown or corrupt stored strings are a
    /// mismatch, never an exception.
    PasswordCheck verify(std::string_view password, std::string_view stored) const;

    /// Spends the time a failed verification of `password` would, for logins of unknown users
    /// (two hashes when the password is not in normal form, as verify() then tries both).
    void burn_verification_time(std::string_view password) const;

    /// Takes a place in the gate now (throwing what the gate throws) and keeps it until the hold
    /// is destroyed: for a flow whose whole time counts against the ceiling, as a failed
    /// sign-in padded to its floor does.
    [[nodiscard]] HashHold hold() const;

  private:
    std::optional<std::string> argon2id_raw(std::string_view password, std::string_view salt,
                                            const Argon2Params& params, bool with_pepper,
                                            std::size_t out_len) const;
    PasswordCheck verify_bytes(std::string_view password, std::string_view stored) const;
    PasswordCheck verify_argon2id(std::string_view password, std::string_view stored) const;
    PasswordCheck verify_bcrypt(std::string_view password, std::string_view stored) const;
    friend class HashHold;
    void release_hold() const noexcept;
    /// Runs `work` inside the gate (or inside the running hold).
    template <typename Work>
    auto gated(Work&& work) const;

    Argon2Params params_;
    std::string pepper_;
    RandomSource* random_;
    HashGate* gate_;
    mutable int holds_ = 0;  ///< inside a hold, hashes take no place of their own
    std::string dummy_hash_;
};

}  // namespace accountd::crypto
