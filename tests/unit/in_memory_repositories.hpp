#pragma once
// Map-backed repositories for unit tests of service rules. The real SQL is tested against
// MariaDB in tests/db.

#include <map>

#include "services/session_repository.hpp"
#include "services/user_repository.hpp"

namespace accountd::testing {

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
            if (u.username == username) return u;
        return std::nullopt;
    }
    std::optional<services::User> find_by_email(const std::string& email) override {
        for (const auto& [id, u] : rows)
            if (u.email == email) return u;
        return std::nullopt;
    }
    std::uint64_t insert(const services::User& user) override {
        for (const auto& [id, u] : rows) {
            if (u.username == user.username || u.email == user.email)
                throw services::DuplicateUser("dup");
        }
        const auto id = rows.size() + 1;
        rows[id] = user;
        rows[id].id = id;
        return id;
    }
    void update_password_hash(std::uint64_t id, const std::string& hash,
                              services::Timestamp) override {
        rows.at(id).password_hash = hash;
        ++password_updates;
    }
    void update_email(std::uint64_t id, const std::string& email, services::Timestamp) override {
        for (const auto& [other, u] : rows) {
            if (other != id && u.email == email) throw services::DuplicateUser("dup");
        }
        rows.at(id).email = email;
    }
};

class InMemorySessions final : public services::SessionRepository {
  public:
    explicit InMemorySessions(InMemoryUsers& users) : users_(users) {}
    std::map<std::uint64_t, std::pair<services::Session, std::string>> rows;
    int touches = 0;

    std::uint64_t insert(const services::Session& session, const std::string& token_hash) override {
        const auto id = rows.size() + 100;
        rows[id] = {session, token_hash};
        rows[id].first.id = id;
        return id;
    }
    std::optional<services::SessionWithUser> find_by_token_hash(const std::string& hash) override {
        for (const auto& [id, row] : rows) {
            if (row.second == hash)
                return services::SessionWithUser{row.first, *users_.find_by_id(row.first.user_id)};
        }
        return std::nullopt;
    }
    void touch(std::uint64_t id, services::Timestamp now, const std::string& ip) override {
        rows.at(id).first.last_used_at = now;
        rows.at(id).first.ip = ip;
        ++touches;
    }
    bool remove(std::uint64_t id) override { return rows.erase(id) > 0; }
    bool remove_owned(const std::string& public_id, std::uint64_t user_id) override {
        for (auto it = rows.begin(); it != rows.end(); ++it) {
            if (it->second.first.public_id == public_id && it->second.first.user_id == user_id) {
                rows.erase(it);
                return true;
            }
        }
        return false;
    }
    void remove_all_for_user_except(std::uint64_t user_id,
                                    std::optional<std::uint64_t> keep) override {
        std::erase_if(rows, [&](const auto& kv) {
            return kv.second.first.user_id == user_id && kv.first != keep;
        });
    }

  private:
    InMemoryUsers& users_;
};

}  // namespace accountd::testing
