#include "services/session_service.hpp"

#include "crypto/hash.hpp"

namespace accountd::services {
namespace {

// Browsers send at most 4 KiB per cookie; anything longer is not one of our tokens.
constexpr std::size_t kMaxTokenLength = 4096;
constexpr std::size_t kMaxUserAgentLength = 255;
constexpr std::size_t kMaxIpLength = 45;

// Headers are client bytes, not UTF-8: keep printable ASCII so the utf8mb4 column never rejects
// them (and cut where no character can be split).
std::string printable_ascii(std::string_view text, std::size_t limit) {
    std::string out;
    for (const char c : text) {
        if (out.size() == limit) break;
        out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out;
}

}  // namespace

SessionService::SessionService(SessionRepository& repository, const Clock& clock,
                               crypto::RandomSource& random, std::string token_key,
                               SessionPolicy policy)
    : repository_(repository),
      clock_(clock),
      random_(random),
      token_key_(std::move(token_key)),
      policy_(policy) {}

std::string SessionService::token_hash(const std::string& token) const {
    return crypto::hmac_sha256(token_key_, token);
}

IssuedSession SessionService::start(const User& user, const std::string& dialect,
                                    const std::string& ip, const std::string& user_agent,
                                    const TokenMinter& mint) {
    const Timestamp now = clock_.now();
    IssuedSession issued;
    Session& s = issued.session;
    s.public_id = crypto::random_uuid_v4(random_);
    s.user_id = user.id;
    s.dialect = dialect;
    s.ip = printable_ascii(ip, kMaxIpLength);
    s.user_agent = printable_ascii(user_agent, kMaxUserAgentLength);
    s.created_at = now;
    s.last_used_at = now;
    s.expires_at = now + std::chrono::seconds(policy_.absolute_lifetime_seconds);
    issued.token = mint(s, random_);
    s.id = repository_.insert(s, token_hash(issued.token));
    return issued;
}

std::optional<SessionWithUser> SessionService::resume(const std::string& token,
                                                      const std::string& ip) {
    if (token.empty() || token.size() > kMaxTokenLength) return std::nullopt;
    auto found = repository_.find_by_token_hash(token_hash(token));
    if (!found) return std::nullopt;
    const Timestamp now = clock_.now();
    Session& s = found->session;
    const auto idle_deadline = s.last_used_at + std::chrono::seconds(policy_.idle_timeout_seconds);
    if (now >= s.expires_at || now >= idle_deadline) {
        repository_.remove(s.id);
        return std::nullopt;
    }
    // Writing on every request would turn each read into a write; once a minute is enough for
    // the idle timeout, whose granularity is minutes.
    if (now - s.last_used_at >= std::chrono::seconds(policy_.touch_interval_seconds)) {
        s.last_used_at = now;
        s.ip = printable_ascii(ip, kMaxIpLength);
        repository_.touch(s.id, now, s.ip);
    }
    return found;
}

void SessionService::end(const Session& session) {
    repository_.remove(session.id);
}

SessionPage SessionService::list_for_user(std::uint64_t user_id, std::uint64_t offset,
                                          std::uint32_t limit,
                                          const std::optional<std::string>& search) const {
    SessionQuery query;
    query.user_id = user_id;
    query.now = clock_.now();
    // Idle ones are dead (resume would refuse them) though housekeeping has not removed them.
    query.used_since = query.now - std::chrono::seconds(policy_.idle_timeout_seconds);
    query.search = search;
    query.offset = offset;
    query.limit = limit;
    return repository_.list_for_user(query);
}

std::optional<Session> SessionService::end_owned_session(const std::string& public_id,
                                                         std::uint64_t user_id) {
    auto session = repository_.find_owned(public_id, user_id);
    // Removed by owner and public id, so a row that changed hands (it cannot) is never taken.
    if (!session || !repository_.remove_owned(public_id, user_id)) return std::nullopt;
    return session;
}

std::uint64_t SessionService::end_all_except(std::uint64_t user_id,
                                             std::optional<std::uint64_t> keep) {
    return repository_.remove_all_for_user_except(user_id, keep);
}

bool SessionService::end_owned(const std::string& public_id, std::uint64_t user_id) {
    return repository_.remove_owned(public_id, user_id);
}

}  // namespace accountd::services
