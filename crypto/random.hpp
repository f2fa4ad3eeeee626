#pragma once
// Randomness is injected everywhere through RandomSource so that tests can make it predictable.

#include <cstddef>
#include <cstdint>
#include <string>

namespace accountd::crypto {

class RandomSource {
  public:
    virtual ~RandomSource() = default;
    /// Fills `out` with `size` bytes. Throws std::runtime_error if the source fails.
    virtual void fill(std::uint8_t* out, std::size_t size) = 0;

    /// `size` random bytes as a string (raw, not text).
    std::string bytes(std::size_t size);
};

/// The kernel CSPRNG through getrandom(2); never blocks after boot-time seeding.
class OsRandom final : public RandomSource {
  public:
    void fill(std::uint8_t* out, std::size_t size) override;
};

/// `length` characters drawn uniformly from [A-Za-z0-9] (rejection sampling, no modulo bias).
std::string random_alphanumeric(RandomSource& random, std::size_t length);

/// An RFC 4122 version 4 UUID in lowercase hyphenated form (122 random bits).
std::string random_uuid_v4(RandomSource& random);

}  // namespace accountd::crypto
