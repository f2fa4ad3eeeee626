#include "db/mysql_ssh_key_repository.hpp"

#include "db/like_pattern.hpp"
#include "db/time_convert.hpp"

namespace accountd::db {

std::vector<services::SshKey> MysqlSshKeyRepository::list_for_user(std::uint64_t user_id) {
    return guarded("ssh_keys.list", [&] {
        std::vector<services::SshKey> keys;
        const long long owner = static_cast<long long>(user_id);
        services::SshKey key;
        unsigned long long id = 0;
        std::tm created{};
        soci::statement st =
            (db_.sql().prepare << "SELECT id, uuid, name, fingerprint, public_key, created_at "
                                  "FROM ssh_keys WHERE user_id = :uid ORDER BY id",
             soci::use(owner), soci::into(id), soci::into(key.uuid), soci::into(key.name),
             soci::into(key.fingerprint), soci::into(key.public_key), soci::into(created));
        st.execute();
        while (st.fetch()) {
            key.id = id;
            key.user_id = user_id;
            key.created_at = from_tm(created);
            keys.push_back(key);
        }
        return keys;
    });
}

bool MysqlSshKeyRepository::insert(const services::SshKey& key) {
    try {
        guarded("ssh_keys.insert", [&] {
            const long long owner = static_cast<long long>(key.user_id);
            const std::tm created = to_tm(key.created_at);
            db_.sql() << "INSERT INTO ssh_keys (uuid, user_id, name, fingerprint, public_key, "
                         "created_at) VALUES (:uuid, :uid, :name, :fingerprint, :key, :created)",
                soci::use(key.uuid), soci::use(owner), soci::use(key.name),
                soci::use(key.fingerprint), soci::use(key.public_key), soci::use(created);
            return 0;
        });
        return true;
    } catch (const DatabaseError& e) {
        if (e.error_number() == kDuplicateEntry) return false;
        throw;
    }
}

bool MysqlSshKeyRepository::remove(std::uint64_t user_id, const std::string& fingerprint) {
    return guarded("ssh_keys.remove", [&] {
        const long long owner = static_cast<long long>(user_id);
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM ssh_keys WHERE user_id = :uid AND fingerprint = :fp",
             soci::use(owner), soci::use(fingerprint));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

std::uint64_t MysqlSshKeyRepository::count_for_user(std::uint64_t user_id) {
    return guarded("ssh_keys.count", [&] {
        const long long owner = static_cast<long long>(user_id);
        long long count = 0;
        db_.sql() << "SELECT COUNT(*) FROM ssh_keys WHERE user_id = :uid", soci::use(owner),
            soci::into(count);
        return static_cast<std::uint64_t>(count);
    });
}

void MysqlSshKeyRepository::lock_owner(std::uint64_t user_id) {
    const long long owner = static_cast<long long>(user_id);
    long long locked = 0;
    db_.sql() << "SELECT id FROM users WHERE id = :uid FOR UPDATE", soci::use(owner),
        soci::into(locked);
}

// Exact name comparison (utf8mb4_bin): Calagopus' unique index tells "Laptop" from "laptop".
services::SshKeyRepository::Insert MysqlSshKeyRepository::insert_capped(const services::SshKey& key,
                                                                        std::uint64_t cap,
                                                                        bool distinct_name) {
    return guarded("ssh_keys.insert_within_cap", [&] {
        soci::transaction tx(db_.sql());
        lock_owner(key.user_id);
        if (count_for_user(key.user_id) >= cap) return Insert::cap_reached;
        if (distinct_name) {
            const long long owner = static_cast<long long>(key.user_id);
            long long same = 0;
            db_.sql() << "SELECT COUNT(*) FROM ssh_keys WHERE user_id = :uid AND "
                         "name COLLATE utf8mb4_bin = :name",
                soci::use(owner), soci::use(key.name), soci::into(same);
            if (same > 0) return Insert::duplicate;
        }
        if (!insert(key)) return Insert::duplicate;
        tx.commit();
        return Insert::stored;
    });
}

services::SshKeyRepository::Insert MysqlSshKeyRepository::insert_within_cap(
    const services::SshKey& key, std::uint64_t cap) {
    return insert_capped(key, cap, false);
}

services::SshKeyRepository::Insert MysqlSshKeyRepository::insert_named_within_cap(
    const services::SshKey& key, std::uint64_t cap) {
    return insert_capped(key, cap, true);
}

std::vector<services::SshKey> MysqlSshKeyRepository::page_for_user(
    std::uint64_t user_id, std::uint64_t offset, std::uint32_t limit,
    const std::optional<std::string>& search) {
    return guarded("ssh_keys.page", [&] {
        std::vector<services::SshKey> keys;
        const long long owner = static_cast<long long>(user_id);
        const std::string pattern = contains_pattern(search.value_or(""));
        const unsigned long long skip = offset;
        const unsigned long long take = limit;
        services::SshKey key;
        unsigned long long id = 0;
        std::tm created{};
        soci::statement st =
            (db_.sql().prepare << "SELECT id, uuid, name, fingerprint, public_key, created_at "
                                  "FROM ssh_keys WHERE user_id = :uid AND name LIKE :pattern "
                                  "ORDER BY id LIMIT :take OFFSET :skip",
             soci::use(owner), soci::use(pattern), soci::use(take), soci::use(skip), soci::into(id),
             soci::into(key.uuid), soci::into(key.name), soci::into(key.fingerprint),
             soci::into(key.public_key), soci::into(created));
        st.execute();
        while (st.fetch()) {
            key.id = id;
            key.user_id = user_id;
            key.created_at = from_tm(created);
            keys.push_back(key);
        }
        return keys;
    });
}

std::uint64_t MysqlSshKeyRepository::count_matching(std::uint64_t user_id,
                                                    const std::optional<std::string>& search) {
    return guarded("ssh_keys.count_matching", [&] {
        const long long owner = static_cast<long long>(user_id);
        const std::string pattern = contains_pattern(search.value_or(""));
        long long count = 0;
        db_.sql() << "SELECT COUNT(*) FROM ssh_keys WHERE user_id = :uid AND name LIKE :pattern",
            soci::use(owner), soci::use(pattern), soci::into(count);
        return static_cast<std::uint64_t>(count);
    });
}

std::optional<services::SshKey> MysqlSshKeyRepository::find(std::uint64_t user_id,
                                                            const std::string& uuid) {
    return guarded("ssh_keys.find", [&]() -> std::optional<services::SshKey> {
        const long long owner = static_cast<long long>(user_id);
        services::SshKey key;
        unsigned long long id = 0;
        std::tm created{};
        db_.sql() << "SELECT id, uuid, name, fingerprint, public_key, created_at FROM ssh_keys "
                     "WHERE user_id = :uid AND uuid = :uuid",
            soci::use(owner), soci::use(uuid), soci::into(id), soci::into(key.uuid),
            soci::into(key.name), soci::into(key.fingerprint), soci::into(key.public_key),
            soci::into(created);
        if (!db_.sql().got_data()) return std::nullopt;
        key.id = id;
        key.user_id = user_id;
        key.created_at = from_tm(created);
        return key;
    });
}

services::SshKeyRepository::Rename MysqlSshKeyRepository::rename(std::uint64_t user_id,
                                                                 const std::string& uuid,
                                                                 const std::string& name) {
    return guarded("ssh_keys.rename", [&] {
        const long long owner = static_cast<long long>(user_id);
        soci::transaction tx(db_.sql());
        lock_owner(user_id);
        long long target = 0, same = 0;
        soci::indicator target_ind = soci::i_null;
        db_.sql() << "SELECT id FROM ssh_keys WHERE user_id = :uid AND uuid = :uuid",
            soci::use(owner), soci::use(uuid), soci::into(target, target_ind);
        if (!db_.sql().got_data() || target_ind != soci::i_ok) return Rename::not_found;
        db_.sql() << "SELECT COUNT(*) FROM ssh_keys WHERE user_id = :uid AND "
                     "name COLLATE utf8mb4_bin = :name AND id <> :id",
            soci::use(owner), soci::use(name), soci::use(target), soci::into(same);
        if (same > 0) return Rename::duplicate_name;
        db_.sql() << "UPDATE ssh_keys SET name = :name WHERE id = :id", soci::use(name),
            soci::use(target);
        tx.commit();
        return Rename::renamed;
    });
}

bool MysqlSshKeyRepository::remove_by_uuid(std::uint64_t user_id, const std::string& uuid) {
    return guarded("ssh_keys.remove_by_uuid", [&] {
        const long long owner = static_cast<long long>(user_id);
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM ssh_keys WHERE user_id = :uid AND uuid = :uuid",
             soci::use(owner), soci::use(uuid));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

}  // namespace accountd::db
