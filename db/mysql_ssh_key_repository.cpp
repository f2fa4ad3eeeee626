#include "db/mysql_ssh_key_repository.hpp"

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

services::SshKeyRepository::Insert MysqlSshKeyRepository::insert_within_cap(
    const services::SshKey& key, std::uint64_t cap) {
    return guarded("ssh_keys.insert_within_cap", [&] {
        const long long owner = static_cast<long long>(key.user_id);
        soci::transaction tx(db_.sql());
        // Creates for one owner queue on its row, so the count stays true until the commit.
        long long locked = 0;
        db_.sql() << "SELECT id FROM users WHERE id = :uid FOR UPDATE", soci::use(owner),
            soci::into(locked);
        if (count_for_user(key.user_id) >= cap) return Insert::cap_reached;
        if (!insert(key)) return Insert::duplicate;
        tx.commit();
        return Insert::stored;
    });
}

}  // namespace accountd::db
