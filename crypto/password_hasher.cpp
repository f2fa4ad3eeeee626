#include "crypto/password_hasher.hpp"

#include <argon2.h>
#include <crypt.h>
#include <sys/mman.h>

#include <charconv>
#include <memory>
#include <stdexcept>
#include <vector>

#include "crypto/encoding.hpp"
#include "crypto/hash.hpp"
#include "crypto/unicode_text.hpp"

namespace accountd::crypto {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;
constexpr std::string_view kPepperKeyId = "p1";

// PHC strings use standard-alphabet base64 without padding.
std::string phc_b64(std::string_view bytes) {
    std::string s = base64_encode(bytes);
    while (!s.empty() && s.back() == '=')
        s.pop_back();
    return s;
}

// The PHC string format leaves the padding off; a padded field is not one.
std::optional<std::string> phc_b64_decode(std::string_view text) {
    if (text.find('=') != std::string_view::npos) return std::nullopt;
    return base64_decode(text);
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto pos = s.find(sep, start);
        parts.push_back(s.substr(start, pos - start));
        if (pos == std::string_view::npos) break;
        start = pos + 1;
    }
    return parts;
}

bool parse_u32(std::string_view text, std::uint32_t& out) {
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc{} && ptr == end;
}

struct ParsedArgon2 {
    Argon2Params params;
    bool peppered = false;
    std::string salt;
    std::string hash;
};

// `$argon2id$v=19$m=65536,t=3,p=1[,keyid=p1]$<salt>$<hash>`
std::optional<ParsedArgon2> parse_argon2id(std::string_view stored) {
    const auto parts = split(stored, '$');
    if (parts.size() != 6 || !parts[0].empty() || parts[1] != "argon2id" || parts[2] != "v=19") {
        return std::nullopt;
    }
    ParsedArgon2 parsed;
    bool have_m = false, have_t = false, have_p = false;
    for (const auto field : split(parts[3], ',')) {
        const auto eq = field.find('=');
        if (eq == std::string_view::npos) return std::nullopt;
        const auto key = field.substr(0, eq);
        const auto value = field.substr(eq + 1);
        if (key == "m")
            have_m = parse_u32(value, parsed.params.memory_kib);
        else if (key == "t")
            have_t = parse_u32(value, parsed.params.iterations);
        else if (key == "p")
            have_p = parse_u32(value, parsed.params.parallelism);
        else if (key == "keyid" && value == kPepperKeyId)
            parsed.peppered = true;
        else
            return std::nullopt;
    }
    if (!have_m || !have_t || !have_p) return std::nullopt;
    // Bounds keep a hostile stored string from making us allocate gigabytes or spin for minutes.
    if (parsed.params.memory_kib < 8 || parsed.params.memory_kib > 1024 * 1024 ||
        parsed.params.iterations < 1 || parsed.params.iterations > 64 ||
        parsed.params.parallelism < 1 || parsed.params.parallelism > 16) {
        return std::nullopt;
    }
    auto salt = phc_b64_decode(parts[4]);
    auto hash = phc_b64_decode(parts[5]);
    if (!salt || !hash || salt->size() < 8 || hash->size() < 16 || hash->size() > 128) {
        return std::nullopt;
    }
    parsed.salt = std::move(*salt);
    parsed.hash = std::move(*hash);
    return parsed;
}

// argon2's working memory (19 MiB by default) comes straight from mmap and goes straight back.
// Through malloc, glibc would raise its mmap threshold after the first free and keep every later
// block in the heap, so each worker would stay 19 MiB larger after its first sign-in.
int allocate_mapped(uint8_t** memory, size_t bytes) {
    void* block = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) return ARGON2_MEMORY_ALLOCATION_ERROR;
    *memory = static_cast<uint8_t*>(block);
    return ARGON2_OK;
}

void free_mapped(uint8_t* memory, size_t bytes) {
    munmap(memory, bytes);
}

bool is_bcrypt(std::string_view stored) {
    return stored.size() == 60 &&
           (stored.starts_with("$2y$") || stored.starts_with("$2a$") || stored.starts_with("$2b$"));
}

}  // namespace

PasswordHasher::PasswordHasher(Argon2Params params, std::string pepper, RandomSource& random,
                               HashGate* gate)
    : params_(params), pepper_(std::move(pepper)), random_(&random), gate_(nullptr) {
    // Made before the gate is set: building a worker must never wait for, or be refused, a
    // place.
    dummy_hash_ = hash(random_->bytes(16));
    gate_ = gate;
}

template <typename Work>
auto PasswordHasher::gated(Work&& work) const {
    if (gate_ == nullptr || holds_ > 0) return work();
    gate_->enter();
    struct Leave {
        HashGate* gate;
        ~Leave() { gate->leave(); }
    } leave{gate_};
    return work();
}

std::optional<std::string> PasswordHasher::argon2id_raw(std::string_view password,
                                                        std::string_view salt,
                                                        const Argon2Params& params,
                                                        bool with_pepper,
                                                        std::size_t out_len) const {
    std::string out(out_len, '\0');
    std::string pwd(password);  // argon2_context wants mutable buffers
    std::string slt(salt);
    std::string secret = with_pepper ? pepper_ : std::string();
    argon2_context ctx{};
    ctx.out = reinterpret_cast<uint8_t*>(out.data());
    ctx.outlen = static_cast<uint32_t>(out.size());
    ctx.pwd = reinterpret_cast<uint8_t*>(pwd.data());
    ctx.pwdlen = static_cast<uint32_t>(pwd.size());
    ctx.salt = reinterpret_cast<uint8_t*>(slt.data());
    ctx.saltlen = static_cast<uint32_t>(slt.size());
    ctx.secret = secret.empty() ? nullptr : reinterpret_cast<uint8_t*>(secret.data());
    ctx.secretlen = static_cast<uint32_t>(secret.size());
    ctx.t_cost = params.iterations;
    ctx.m_cost = params.memory_kib;
    ctx.lanes = params.parallelism;
    ctx.threads = params.parallelism;
    ctx.version = ARGON2_VERSION_13;
    ctx.flags = ARGON2_DEFAULT_FLAGS;
    ctx.allocate_cbk = allocate_mapped;
    ctx.free_cbk = free_mapped;
    if (argon2_ctx(&ctx, Argon2_id) != ARGON2_OK) return std::nullopt;
    return out;
}

std::string PasswordHasher::hash(std::string_view password) const {
    const std::string salt = random_->bytes(kSaltBytes);
    const auto normalized = nfkc(password);
    auto raw = gated([&] {
        return argon2id_raw(normalized ? std::string_view(*normalized) : password, salt, params_,
                            true, kHashBytes);
    });
    if (!raw) throw std::runtime_error("argon2id hashing failed");
    return "$argon2id$v=19$m=" + std::to_string(params_.memory_kib) +
           ",t=" + std::to_string(params_.iterations) +
           ",p=" + std::to_string(params_.parallelism) + ",keyid=" + std::string(kPepperKeyId) +
           "$" + phc_b64(salt) + "$" + phc_b64(*raw);
}

PasswordCheck PasswordHasher::verify(std::string_view password, std::string_view stored) const {
    return gated([&] {
        const auto normalized = nfkc(password);
        if (!normalized || *normalized == password) return verify_bytes(password, stored);
        const auto check = verify_bytes(*normalized, stored);
        if (check != PasswordCheck::mismatch) return check;
        // Hashed before normalisation (or by another panel): the bytes as typed then.
        return verify_bytes(password, stored) == PasswordCheck::mismatch
                   ? PasswordCheck::mismatch
                   : PasswordCheck::match_needs_rehash;
    });
}

PasswordCheck PasswordHasher::verify_bytes(std::string_view password,
                                           std::string_view stored) const {
    if (stored.starts_with("$argon2id$")) return verify_argon2id(password, stored);
    if (is_bcrypt(stored)) return verify_bcrypt(password, stored);
    return PasswordCheck::mismatch;
}

PasswordCheck PasswordHasher::verify_argon2id(std::string_view password,
                                              std::string_view stored) const {
    const auto parsed = parse_argon2id(stored);
    if (!parsed) return PasswordCheck::mismatch;
    const auto raw =
        argon2id_raw(password, parsed->salt, parsed->params, parsed->peppered, parsed->hash.size());
    if (!raw || !constant_time_equals(*raw, parsed->hash)) return PasswordCheck::mismatch;
    const bool current = parsed->peppered && parsed->params.memory_kib == params_.memory_kib &&
                         parsed->params.iterations == params_.iterations &&
                         parsed->params.parallelism == params_.parallelism;
    return current ? PasswordCheck::match : PasswordCheck::match_needs_rehash;
}

PasswordCheck PasswordHasher::verify_bcrypt(std::string_view password,
                                            std::string_view stored) const {
    // crypt() reads C strings: a password with a NUL byte would be silently truncated.
    if (password.find('\0') != std::string_view::npos) return PasswordCheck::mismatch;
    const std::string pwd(password);
    const std::string setting(stored);
    auto data = std::make_unique<crypt_data>();
    const char* result = crypt_rn(pwd.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
    if (result == nullptr || result[0] == '*') return PasswordCheck::mismatch;
    return constant_time_equals(result, stored) ? PasswordCheck::match_needs_rehash
                                                : PasswordCheck::mismatch;
}

HashHold PasswordHasher::hold() const {
    if (gate_ != nullptr && holds_ == 0) gate_->enter();
    ++holds_;
    return HashHold(this);
}

void PasswordHasher::release_hold() const noexcept {
    if (--holds_ == 0 && gate_ != nullptr) gate_->leave();
}

HashHold::~HashHold() {
    if (hasher_ != nullptr) hasher_->release_hold();
}

void PasswordHasher::burn_verification_time(std::string_view password) const {
    // verify takes the slot itself, and costs what a real account's verification costs.
    (void)verify(password, dummy_hash_);
}

}  // namespace accountd::crypto
