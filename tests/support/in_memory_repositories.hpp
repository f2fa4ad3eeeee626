#pragma once
// Map-backed repositories for unit tests of service rules. Each honours the same contract as its
// MySQL implementation in db/: tests/contract/ runs one suite per interface against both (see
// tests/unit/repository_contract_test.cpp and tests/db/repository_contract_test.cpp). Storage
// is public so that a unit test can arrange a state (a suspended user, a spent window) directly.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "services/activity.hpp"
#include "services/api_key.hpp"
#include "services/housekeeping.hpp"
#include "services/session_repository.hpp"
#include "services/ssh_key.hpp"
#include "services/text.hpp"
#include "services/throttle.hpp"
#include "services/two_factor.hpp"
#include "services/user_repository.hpp"

namespace accountd::testing {

/// Compares as the users table's utf8mb4_unicode_ci does for the ASCII letters.
inline bool same_ignoring_case(const std::string& a, const std::string& b) {
    return services::ascii_lower(a) == services::ascii_lower(b);
}

class InMemoryUsers final : public services::UserRepository {
  public:
    std::map<std::uint64_t, services::User> rows;
    int password_updates = 0;

    std::optional<services::User> find_by_id(std::uint64_t id) override {
        const auto it = rows.find(id);
        if (it == rows.end()) return std::nullopt;
        return it->second;
    }
    std::optional<services::User> find_by_username(const std::string& username) override {
        for (const auto& [id, u] : rows)
            if (same_ignoring_case(u.username, username)) return u;
        return std::nullopt;
    }
    std::optional<services::User> find_by_email(const std::string& email) override {
        for (const auto& [id, u] : rows)
            if (same_ignoring_case(u.email, email)) return u;
        return std::nullopt;
    }
    /// Folds as same_ignoring_case compares, the only folding this double's lookups do.
    std::string fold_identifier(const std::string& identifier) override {
        return services::ascii_lower(services::trim(identifier));
    }
    bool has_any_user() override { return !rows.empty(); }
    std::uint64_t insert(const services::User& user) override {
        for (const auto& [id, u] : rows) {
            if (same_ignoring_case(u.username, user.username) ||
                same_ignoring_case(u.email, user.email))
                throw services::DuplicateUser("username or email already exists");
        }
        const auto id = next_id_++;
        rows[id] = user;
        rows[id].id = id;
        return id;
    }
    void update_password_hash(std::uint64_t id, const std::string& hash,
                              services::Timestamp now) override {
        ++password_updates;
        const auto it = rows.find(id);
        if (it == rows.end()) return;
        it->second.password_hash = hash;
        it->second.updated_at = now;
    }
    void update_email(std::uint64_t id, const std::string& email,
                      services::Timestamp now) override {
        for (const auto& [other, u] : rows) {
            if (other != id && same_ignoring_case(u.email, email))
                throw services::DuplicateUser("email taken");
        }
        const auto it = rows.find(id);
        if (it == rows.end()) return;
        it->second.email = email;
        it->second.email_verified = false;
        it->second.updated_at = now;
    }
    void update_profile(std::uint64_t id, const services::ProfileChanges& changes,
                        services::Timestamp now) override {
        if (changes.username) {
            for (const auto& [other, u] : rows) {
                if (other != id && same_ignoring_case(u.username, *changes.username))
                    throw services::DuplicateUser("username taken");
            }
        }
        const auto it = rows.find(id);
        if (it == rows.end()) return;
        auto& u = it->second;
        if (changes.username) u.username = *changes.username;
        if (changes.name_first) u.name_first = *changes.name_first;
        if (changes.name_last) u.name_last = *changes.name_last;
        if (changes.language) u.language = *changes.language;
        if (changes.toast_position) u.toast_position = *changes.toast_position;
        if (changes.start_on_grouped_servers)
            u.start_on_grouped_servers = *changes.start_on_grouped_servers;
        u.updated_at = now;
    }
    std::optional<std::string> replace_avatar(std::uint64_t id,
                                              const std::optional<std::string>& path,
                                              services::Timestamp now) override {
        const auto it = rows.find(id);
        if (it == rows.end()) return std::nullopt;
        auto previous = it->second.avatar;
        it->second.avatar = path;
        it->second.updated_at = now;
        return previous;
    }
    void update_account_state(std::uint64_t id, const services::AccountStateChanges& changes,
                              services::Timestamp now) override {
        const auto it = rows.find(id);
        if (it == rows.end()) return;
        auto& u = it->second;
        if (changes.portal_type) u.portal_type = *changes.portal_type;
        if (changes.email_verified) u.email_verified = *changes.email_verified;
        if (changes.suspended) u.suspended = *changes.suspended;
        if (changes.role) u.role = *changes.role;
        u.updated_at = now;
    }
    std::map<std::string, std::string> profile_fields(std::uint64_t id) override {
        const auto it = profiles.find(id);
        if (it == profiles.end()) return {};
        return it->second;
    }
    void write_profile_fields(std::uint64_t id,
                              const std::map<std::string, std::optional<std::string>>& fields,
                              services::Timestamp now) override {
        auto& stored = profiles[id];
        for (const auto& [field, value] : fields) {
            if (value) {
                stored[field] = *value;
            } else {
                stored.erase(field);
            }
        }
        if (const auto it = rows.find(id); it != rows.end()) it->second.updated_at = now;
    }

    /// user id -> field -> stored bytes
    std::map<std::uint64_t, std::map<std::string, std::string>> profiles;

  private:
    std::uint64_t next_id_ = 1;
};

class InMemorySessions final : public services::SessionRepository {
  public:
    explicit InMemorySessions(InMemoryUsers& users) : users_(users) {}
    /// id -> the session and its token hash
    std::map<std::uint64_t, std::pair<services::Session, std::string>> rows;
    int touches = 0;

    std::uint64_t insert(const services::Session& session, const std::string& token_hash) override {
        const auto id = next_id_++;
        rows[id] = {session, token_hash};
        rows[id].first.id = id;
        return id;
    }
    std::optional<services::SessionWithUser> find_by_token_hash(const std::string& hash) override {
        for (const auto& [id, row] : rows) {
            if (row.second != hash) continue;
            // Joined with its user, as the SQL is: a session without one is not found.
            auto user = users_.find_by_id(row.first.user_id);
            if (!user) return std::nullopt;
            return services::SessionWithUser{row.first, std::move(*user)};
        }
        return std::nullopt;
    }
    void touch(std::uint64_t id, services::Timestamp now, const std::string& ip) override {
        ++touches;
        const auto it = rows.find(id);
        if (it == rows.end()) return;
        it->second.first.last_used_at = now;
        it->second.first.ip = ip;
    }
    bool remove(std::uint64_t id) override { return rows.erase(id) > 0; }
    bool remove_owned(const std::string& public_id, std::uint64_t user_id) override {
        return std::erase_if(rows, [&](const auto& kv) {
                   return kv.second.first.public_id == public_id &&
                          kv.second.first.user_id == user_id;
               }) > 0;
    }
    std::uint64_t remove_all_for_user_except(std::uint64_t user_id,
                                             std::optional<std::uint64_t> keep) override {
        return std::erase_if(rows, [&](const auto& kv) {
            return kv.second.first.user_id == user_id && kv.first != keep;
        });
    }
    std::optional<services::Session> find_owned(const std::string& public_id,
                                                std::uint64_t user_id) override {
        for (const auto& [id, row] : rows) {
            if (row.first.public_id == public_id && row.first.user_id == user_id) return row.first;
        }
        return std::nullopt;
    }
    services::SessionPage list_for_user(const services::SessionQuery& q) override {
        const auto folded = [](std::string text) {
            for (auto& c : text)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return text;
        };
        std::vector<services::Session> matching;
        for (const auto& [id, row] : rows) {
            const auto& s = row.first;
            if (s.user_id != q.user_id || s.expires_at <= q.now || s.last_used_at < q.used_since)
                continue;
            if (q.search && folded(s.user_agent).find(folded(*q.search)) == std::string::npos)
                continue;
            matching.push_back(s);
        }
        std::sort(matching.begin(), matching.end(), [](const auto& a, const auto& b) {
            return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
        });
        services::SessionPage page;
        page.total = matching.size();
        for (std::size_t i = q.offset; i < matching.size() && page.sessions.size() < q.limit; ++i)
            page.sessions.push_back(matching[i]);
        return page;
    }

  private:
    InMemoryUsers& users_;
    std::uint64_t next_id_ = 100;
};

class InMemoryApiKeys final : public services::ApiKeyRepository {
  public:
    explicit InMemoryApiKeys(InMemoryUsers& users) : users_(users) {}
    /// id -> the key and the HMAC of its full text
    std::map<std::uint64_t, std::pair<services::ApiKey, std::string>> rows;

    std::vector<services::ApiKey> list_for_user(std::uint64_t user_id, const std::string& format,
                                                int key_type) override {
        std::vector<services::ApiKey> keys;
        for (const auto& [id, row] : rows) {  // id order: oldest first
            const auto& k = row.first;
            if (k.user_id == user_id && k.format == format && k.key_type == key_type)
                keys.push_back(k);
        }
        return keys;
    }
    std::uint64_t count_for_user(std::uint64_t user_id, const std::string& format,
                                 int key_type) override {
        return list_for_user(user_id, format, key_type).size();
    }
    std::uint64_t insert(const services::ApiKey& key, const std::string& secret_hash) override {
        const auto id = next_id_++;
        rows[id] = {key, secret_hash};
        rows[id].first.id = id;
        return id;
    }
    // Single-threaded, so counting then inserting is already one step here.
    std::optional<std::uint64_t> insert_within_cap(const services::ApiKey& key,
                                                   const std::string& secret_hash,
                                                   std::uint64_t cap) override {
        if (count_for_user(key.user_id, key.format, key.key_type) >= cap) return std::nullopt;
        return insert(key, secret_hash);
    }
    std::optional<services::ApiKeyWithOwner> find_by_identifier(
        const std::string& identifier) override {
        for (const auto& [id, row] : rows) {
            if (row.first.identifier != identifier) continue;  // ascii_bin: exact bytes
            auto owner = users_.find_by_id(row.first.user_id);
            if (!owner) return std::nullopt;
            return services::ApiKeyWithOwner{row.first, row.second, std::move(*owner)};
        }
        return std::nullopt;
    }
    bool remove(std::uint64_t user_id, const std::string& format, int key_type,
                const std::string& identifier) override {
        return std::erase_if(rows, [&](const auto& kv) {
                   const auto& k = kv.second.first;
                   return k.user_id == user_id && k.format == format && k.key_type == key_type &&
                          k.identifier == identifier;
               }) > 0;
    }
    void touch(std::uint64_t key_id, services::Timestamp now) override {
        const auto it = rows.find(key_id);
        if (it != rows.end()) it->second.first.last_used_at = now;
    }
    services::ApiKeyPage list_page(std::uint64_t user_id, services::Timestamp now,
                                   const std::optional<std::string>& search, std::uint64_t offset,
                                   std::uint32_t limit) override {
        const auto lower = [](std::string text) {
            for (auto& c : text)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return text;
        };
        std::vector<services::ApiKey> matching;
        for (const auto& [id, row] : rows) {
            const auto& k = row.first;
            if (k.user_id != user_id || k.key_type != services::kAccountKeyType) continue;
            if (k.expires_at && *k.expires_at <= now) continue;
            if (search &&
                lower(k.description.value_or("")).find(lower(*search)) == std::string::npos) {
                continue;
            }
            matching.push_back(k);
        }
        std::stable_sort(matching.begin(), matching.end(),
                         [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
        services::ApiKeyPage page;
        page.total = matching.size();
        for (std::uint64_t i = offset; i < matching.size() && i - offset < limit; ++i)
            page.keys.push_back(matching[i]);
        return page;
    }
    std::optional<services::ApiKey> find_by_uuid(std::uint64_t user_id,
                                                 const std::string& uuid) override {
        for (const auto& [id, row] : rows) {
            const auto& k = row.first;
            if (k.user_id == user_id && k.key_type == services::kAccountKeyType && k.uuid == uuid)
                return k;
        }
        return std::nullopt;
    }
    bool description_taken(std::uint64_t user_id, const std::string& description,
                           std::uint64_t except_id) override {
        return std::any_of(rows.begin(), rows.end(), [&](const auto& kv) {
            const auto& k = kv.second.first;
            return k.user_id == user_id && k.key_type == services::kAccountKeyType &&
                   k.id != except_id && k.description == description;
        });
    }
    bool update(const services::ApiKey& key) override {
        const auto it = rows.find(key.id);
        if (it == rows.end() || it->second.first.user_id != key.user_id) return false;
        auto& k = it->second.first;
        k.description = key.description;
        k.allowed_ips = key.allowed_ips;
        k.permissions = key.permissions;
        k.admin_permissions = key.admin_permissions;
        k.server_permissions = key.server_permissions;
        k.expires_at = key.expires_at;
        k.updated_at = key.updated_at;
        return true;
    }
    bool replace_secret(std::uint64_t key_id, const std::string& identifier,
                        const std::string& secret_hash, services::Timestamp now) override {
        const auto it = rows.find(key_id);
        if (it == rows.end()) return false;
        it->second.first.identifier = identifier;
        it->second.first.updated_at = now;
        it->second.second = secret_hash;
        return true;
    }

  private:
    InMemoryUsers& users_;
    std::uint64_t next_id_ = 1;
};

class InMemorySshKeys final : public services::SshKeyRepository {
  public:
    std::map<std::uint64_t, services::SshKey> rows;

    std::vector<services::SshKey> list_for_user(std::uint64_t user_id) override {
        std::vector<services::SshKey> keys;
        for (const auto& [id, key] : rows)
            if (key.user_id == user_id) keys.push_back(key);
        return keys;
    }
    bool insert(const services::SshKey& key) override {
        for (const auto& [id, k] : rows) {
            // ascii_bin: fingerprints differing in case are different keys
            if (k.user_id == key.user_id && k.fingerprint == key.fingerprint) return false;
        }
        const auto id = next_id_++;
        rows[id] = key;
        rows[id].id = id;
        return true;
    }
    bool remove(std::uint64_t user_id, const std::string& fingerprint) override {
        return std::erase_if(rows, [&](const auto& kv) {
                   return kv.second.user_id == user_id && kv.second.fingerprint == fingerprint;
               }) > 0;
    }
    std::uint64_t count_for_user(std::uint64_t user_id) override {
        return list_for_user(user_id).size();
    }
    Insert insert_within_cap(const services::SshKey& key, std::uint64_t cap) override {
        if (count_for_user(key.user_id) >= cap) return Insert::cap_reached;
        return insert(key) ? Insert::stored : Insert::duplicate;
    }
    Insert insert_named_within_cap(const services::SshKey& key, std::uint64_t cap) override {
        if (count_for_user(key.user_id) >= cap) return Insert::cap_reached;
        for (const auto& [id, k] : rows) {
            if (k.user_id == key.user_id && k.name == key.name) return Insert::duplicate;
        }
        return insert(key) ? Insert::stored : Insert::duplicate;
    }
    std::vector<services::SshKey> page_for_user(std::uint64_t user_id, std::uint64_t offset,
                                                std::uint32_t limit,
                                                const std::optional<std::string>& search) override {
        std::vector<services::SshKey> page;
        std::uint64_t skipped = 0;
        for (const auto& key : list_for_user(user_id)) {
            if (!matches(key, search)) continue;
            if (skipped++ < offset) continue;
            if (page.size() >= limit) break;
            page.push_back(key);
        }
        return page;
    }
    std::uint64_t count_matching(std::uint64_t user_id,
                                 const std::optional<std::string>& search) override {
        std::uint64_t n = 0;
        for (const auto& key : list_for_user(user_id))
            n += matches(key, search) ? 1 : 0;
        return n;
    }
    std::optional<services::SshKey> find(std::uint64_t user_id, const std::string& uuid) override {
        for (const auto& [id, k] : rows)
            if (k.user_id == user_id && k.uuid == uuid) return k;
        return std::nullopt;
    }
    Rename rename(std::uint64_t user_id, const std::string& uuid,
                  const std::string& name) override {
        services::SshKey* target = nullptr;
        for (auto& [id, k] : rows) {
            if (k.user_id != user_id) continue;
            if (k.uuid == uuid) {
                target = &k;
            } else if (k.name == name) {
                return Rename::duplicate_name;
            }
        }
        if (!target) return Rename::not_found;
        target->name = name;
        return Rename::renamed;
    }
    bool remove_by_uuid(std::uint64_t user_id, const std::string& uuid) override {
        return std::erase_if(rows, [&](const auto& kv) {
                   return kv.second.user_id == user_id && kv.second.uuid == uuid;
               }) > 0;
    }

  private:
    // MySQL's LIKE under the column's case-insensitive collation; ASCII folding is enough here.
    static bool matches(const services::SshKey& key, const std::optional<std::string>& search) {
        if (!search) return true;
        const auto fold = [](std::string s) {
            for (auto& c : s)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return s;
        };
        return fold(key.name).find(fold(*search)) != std::string::npos;
    }

    std::uint64_t next_id_ = 1;
};

class InMemoryTwoFactor final : public services::TwoFactorRepository {
  public:
    explicit InMemoryTwoFactor(InMemoryUsers& users) : users_(users) {}

    /// What the users row holds besides totp_enabled (which stays on the InMemoryUsers row).
    struct Totp {
        std::optional<std::string> secret;
        std::optional<services::Timestamp> secret_set_at;
        std::optional<std::int64_t> last_step;
    };
    struct Pending {
        std::string token_hash;
        services::PendingLogin login;
        int failures = 0;
    };
    std::map<std::uint64_t, Totp> totp;  ///< by user id
    std::map<std::uint64_t, std::pair<std::uint64_t, services::RecoveryCode>>
        codes;                                 ///< id -> user, code
    std::map<std::uint64_t, Pending> pending;  ///< by id

    std::optional<services::StoredSecret> secret(std::uint64_t user_id) override {
        const auto it = totp.find(user_id);
        if (it == totp.end() || !it->second.secret) return std::nullopt;
        return services::StoredSecret{*it->second.secret, it->second.secret_set_at};
    }
    bool offer_pending_secret(std::uint64_t user_id, const std::string& sealed,
                              services::Timestamp now, services::Timestamp fresh_since) override {
        const auto user = users_.rows.find(user_id);
        if (user == users_.rows.end() || user->second.totp_enabled) return false;
        auto& state = totp[user_id];
        if (state.secret && state.secret_set_at && *state.secret_set_at >= fresh_since) {
            return false;
        }
        state.secret = sealed;
        state.secret_set_at = now;
        return true;
    }
    bool reseal_secret(std::uint64_t user_id, const std::string& old_sealed,
                       const std::string& new_sealed) override {
        const auto it = totp.find(user_id);
        if (it == totp.end() || it->second.secret != old_sealed) return false;
        it->second.secret = new_sealed;
        return true;
    }
    void enable(std::uint64_t user_id, std::int64_t step,
                const std::vector<services::RecoveryCode>& new_codes,
                services::Timestamp now) override {
        const auto user = users_.rows.find(user_id);
        if (user == users_.rows.end()) return;
        drop_codes(user_id);
        for (auto code : new_codes) {
            code.id = next_code_id_++;
            codes[code.id] = {user_id, code};
        }
        auto& state = totp[user_id];
        // Never moves the last step back: a step used before stays used.
        state.last_step = std::max(state.last_step.value_or(-1), step);
        user->second.totp_enabled = true;
        user->second.updated_at = now;
    }
    void disable(std::uint64_t user_id, services::Timestamp now) override {
        const auto user = users_.rows.find(user_id);
        if (user == users_.rows.end()) return;
        drop_codes(user_id);
        totp.erase(user_id);
        user->second.totp_enabled = false;
        user->second.updated_at = now;
    }
    bool claim_step(std::uint64_t user_id, std::int64_t step) override {
        if (users_.rows.count(user_id) == 0) return false;
        auto& state = totp[user_id];
        if (state.last_step && *state.last_step >= step) return false;
        state.last_step = step;
        return true;
    }
    std::optional<std::int64_t> last_used_step(std::uint64_t user_id) override {
        const auto it = totp.find(user_id);
        if (it == totp.end()) return std::nullopt;
        return it->second.last_step;
    }
    std::vector<services::RecoveryCode> recovery_codes(std::uint64_t user_id) override {
        std::vector<services::RecoveryCode> out;
        for (const auto& [id, row] : codes)
            if (row.first == user_id) out.push_back(row.second);
        return out;
    }
    bool delete_recovery_code(std::uint64_t code_id) override { return codes.erase(code_id) > 0; }

    void insert_pending(const std::string& token_hash,
                        const services::PendingLogin& login) override {
        const auto id = next_pending_id_++;
        pending[id] = {token_hash, login, 0};
        pending[id].login.id = id;
    }
    std::optional<services::PendingLogin> find_pending(const std::string& token_hash) override {
        for (const auto& [id, row] : pending)
            if (row.token_hash == token_hash) return row.login;
        return std::nullopt;
    }
    bool delete_pending(std::uint64_t id) override { return pending.erase(id) > 0; }
    void delete_pending_for_user(std::uint64_t user_id) override {
        std::erase_if(pending, [&](const auto& kv) { return kv.second.login.user_id == user_id; });
    }
    void count_pending_failure(std::uint64_t id, int max_failures) override {
        const auto it = pending.find(id);
        if (it == pending.end()) return;
        if (++it->second.failures >= max_failures) pending.erase(it);
    }

  private:
    void drop_codes(std::uint64_t user_id) {
        std::erase_if(codes, [&](const auto& kv) { return kv.second.first == user_id; });
    }

    InMemoryUsers& users_;
    std::uint64_t next_code_id_ = 1;
    std::uint64_t next_pending_id_ = 1;
};

class InMemoryActivity final : public services::ActivityRepository {
  public:
    explicit InMemoryActivity(InMemoryUsers& users) : users_(users) {}
    std::map<std::uint64_t, services::ActivityEntry> rows;  ///< by id

    void insert(const services::ActivityEntry& entry) override {
        const auto id = next_id_++;
        rows[id] = entry;
        rows[id].id = id;
        rows[id].actor.reset();  // not stored: list() joins it
    }
    services::ActivityPage list(const services::ActivityQuery& q) override {
        std::vector<services::ActivityEntry> matching;
        for (const auto& [id, e] : rows) {  // id order: oldest first
            if (e.subject_user_id != q.subject_user_id || !event_matches(e.event, q)) continue;
            matching.push_back(e);
        }
        if (q.newest_first) std::reverse(matching.begin(), matching.end());
        services::ActivityPage page;
        page.total = matching.size();
        for (std::size_t i = q.offset; i < matching.size() && page.entries.size() < q.limit; ++i) {
            auto e = matching[i];
            if (e.actor_id) e.actor = users_.find_by_id(*e.actor_id);
            page.entries.push_back(std::move(e));
        }
        return page;
    }

  private:
    static bool event_matches(const std::string& event, const services::ActivityQuery& q) {
        if (q.event_contains.empty() && q.event_in.empty()) return true;
        const auto listed = [&](const std::vector<std::string>& names) {
            return std::find(names.begin(), names.end(), event) != names.end();
        };
        if (listed(q.event_in)) return true;
        if (listed(q.contains_skips)) return false;
        const auto lowered = services::ascii_lower(event);
        return std::any_of(q.event_contains.begin(), q.event_contains.end(), [&](const auto& f) {
            return lowered.find(services::ascii_lower(f)) != std::string::npos;
        });
    }

    InMemoryUsers& users_;
    std::uint64_t next_id_ = 1;
};

class InMemoryThrottle final : public services::ThrottleRepository {
  public:
    std::map<std::string, services::ThrottleWindow> rows;  ///< by bucket name

    services::ThrottleWindow hit(const std::string& bucket, int window,
                                 services::Timestamp now) override {
        auto& w = rows[bucket];
        if (w.ends <= now) w = {0, now + std::chrono::seconds(window)};
        ++w.hits;
        return w;
    }
    void release(const std::string& bucket, services::Timestamp now) override {
        const auto it = rows.find(bucket);
        if (it != rows.end() && it->second.ends > now && it->second.hits > 0) --it->second.hits;
    }
    bool running(const std::string& bucket, services::Timestamp now) override {
        const auto it = rows.find(bucket);
        return it != rows.end() && it->second.ends > now;
    }
    void clear(const std::string& bucket) override { rows.erase(bucket); }
};

/// Deletes from the other fakes' storage, as the SQL deletes from their tables.
class InMemoryHousekeeping final : public services::HousekeepingRepository {
  public:
    InMemoryHousekeeping(InMemorySessions& sessions, InMemoryTwoFactor& two_factor,
                         InMemoryThrottle& throttle, InMemoryActivity& activity)
        : sessions_(sessions), two_factor_(two_factor), throttle_(throttle), activity_(activity) {}

    std::size_t delete_expired_sessions(services::Timestamp now, std::size_t limit) override {
        return erase_some(sessions_.rows, limit,
                          [&](const auto& kv) { return kv.second.first.expires_at <= now; });
    }
    std::size_t delete_expired_pending_logins(services::Timestamp now, std::size_t limit) override {
        return erase_some(two_factor_.pending, limit,
                          [&](const auto& kv) { return kv.second.login.expires_at <= now; });
    }
    std::size_t delete_ended_throttle_windows(services::Timestamp now, std::size_t limit) override {
        return erase_some(throttle_.rows, limit,
                          [&](const auto& kv) { return kv.second.ends <= now; });
    }
    std::size_t delete_activity_before(services::Timestamp cutoff, std::size_t limit) override {
        return erase_some(activity_.rows, limit,
                          [&](const auto& kv) { return kv.second.created_at < cutoff; });
    }

  private:
    template <typename Map, typename Predicate>
    static std::size_t erase_some(Map& rows, std::size_t limit, Predicate matches) {
        std::size_t deleted = 0;
        for (auto it = rows.begin(); it != rows.end() && deleted < limit;) {
            if (matches(*it)) {
                it = rows.erase(it);
                ++deleted;
            } else {
                ++it;
            }
        }
        return deleted;
    }

    InMemorySessions& sessions_;
    InMemoryTwoFactor& two_factor_;
    InMemoryThrottle& throttle_;
    InMemoryActivity& activity_;
};

}  // namespace accountd::testing
