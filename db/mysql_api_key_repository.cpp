#include "db/mysql_api_key_repository.hpp"

#include <nlohmann/json.hpp>

#include "db/like_pattern.hpp"
#include "db/prepared_query.hpp"
#include "db/time_convert.hpp"
#include "db/user_row.hpp"

namespace accountd::db {
namespace {

constexpr const char* kKeyColumns =
    "k.id, k.user_id, k.key_type, k.identifier, k.description, k.allowed_ips, k.expires_at, "
    "k.last_used_at, k.created_at, k.updated_at, k.uuid, k.format, k.permissions, "
    "k.admin_permissions, k.server_permissions";

// A JSON array of strings as stored; anything else reads as empty.
std::vector<std::string> parse_string_list(const std::string& json) {
    std::vector<std::string> out;
    const auto items = nlohmann::json::parse(json, nullptr, false);
    if (!items.is_array()) return out;
    for (const auto& item : items) {
        if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
}

std::optional<std::vector<std::string>> parse_permissions(const std::optional<std::string>& json) {
    if (!json) return std::nullopt;
    return parse_string_list(*json);
}

// A permission list as stored: JSON text, or NULL for none.
struct ListParam {
    std::string text;
    soci::indicator ind = soci::i_null;
    explicit ListParam(const std::optional<std::vector<std::string>>& list) {
        if (list) {
            text = nlohmann::json(*list).dump();
            ind = soci::i_ok;
        }
    }
};

// Receives kKeyColumns.
struct KeyRow {
    unsigned long long id = 0, user_id = 0;
    int key_type = 0;
    std::string identifier, description, allowed_ips, uuid, format, permissions, admin_permissions,
        server_permissions;
    std::tm expires_at{}, last_used_at{}, created_at{}, updated_at{};
    soci::indicator description_ind = soci::i_null, expires_ind = soci::i_null,
                    last_used_ind = soci::i_null, uuid_ind = soci::i_null,
                    permissions_ind = soci::i_null, admin_ind = soci::i_null,
                    server_ind = soci::i_null;

    void bind(soci::details::prepare_temp_type& st) {
        st, soci::into(id), soci::into(user_id), soci::into(key_type), soci::into(identifier),
            soci::into(description, description_ind), soci::into(allowed_ips),
            soci::into(expires_at, expires_ind), soci::into(last_used_at, last_used_ind),
            soci::into(created_at), soci::into(updated_at), soci::into(uuid, uuid_ind),
            soci::into(format), soci::into(permissions, permissions_ind),
            soci::into(admin_permissions, admin_ind), soci::into(server_permissions, server_ind);
    }

    services::ApiKey to_key() const {
        services::ApiKey k;
        k.id = id;
        k.user_id = user_id;
        k.key_type = key_type;
        k.identifier = identifier;
        if (description_ind == soci::i_ok) k.description = description;
        k.allowed_ips = parse_string_list(allowed_ips);
        if (expires_ind == soci::i_ok) k.expires_at = from_tm(expires_at);
        if (last_used_ind == soci::i_ok) k.last_used_at = from_tm(last_used_at);
        k.created_at = from_tm(created_at);
        k.updated_at = from_tm(updated_at);
        if (uuid_ind == soci::i_ok) k.uuid = uuid;
        k.format = format;
        if (permissions_ind == soci::i_ok) k.permissions = parse_string_list(permissions);
        if (admin_ind == soci::i_ok) k.admin_permissions = parse_string_list(admin_permissions);
        if (server_ind == soci::i_ok) k.server_permissions = parse_string_list(server_permissions);
        return k;
    }
};

}  // namespace

std::vector<services::ApiKey> MysqlApiKeyRepository::list_for_user(std::uint64_t user_id,
                                                                   const std::string& format,
                                                                   int key_type) {
    return guarded("api_keys.list", [&] {
        std::vector<services::ApiKey> keys;
        const long long owner = static_cast<long long>(user_id);
        KeyRow row;
        auto query = (db_.sql().prepare << "SELECT " << kKeyColumns
                                        << " FROM api_keys k WHERE k.user_id = :uid AND "
                                           "k.format = :format AND k.key_type = :type "
                                           "ORDER BY k.id");
        row.bind(query);
        query, soci::use(owner), soci::use(format), soci::use(key_type);
        soci::statement st(query);
        st.execute();
        while (st.fetch())
            keys.push_back(row.to_key());
        return keys;
    });
}

std::uint64_t MysqlApiKeyRepository::count_for_user(std::uint64_t user_id,
                                                    const std::string& format, int key_type) {
    return guarded("api_keys.count", [&] {
        const long long owner = static_cast<long long>(user_id);
        long long count = 0;
        db_.sql() << "SELECT COUNT(*) FROM api_keys WHERE user_id = :uid AND format = :format "
                     "AND key_type = :type",
            soci::use(owner), soci::use(format), soci::use(key_type), soci::into(count);
        return static_cast<std::uint64_t>(count);
    });
}

std::uint64_t MysqlApiKeyRepository::insert(const services::ApiKey& key,
                                            const std::string& secret_hash) {
    return guarded("api_keys.insert", [&]() -> std::uint64_t {
        const long long owner = static_cast<long long>(key.user_id);
        std::string description = key.description.value_or("");
        soci::indicator description_ind = key.description ? soci::i_ok : soci::i_null;
        const std::string ips = nlohmann::json(key.allowed_ips).dump();
        const std::tm created = to_tm(key.created_at);
        const std::tm updated = to_tm(key.updated_at);
        std::tm expires = key.expires_at ? to_tm(*key.expires_at) : std::tm{};
        soci::indicator expires_ind = key.expires_at ? soci::i_ok : soci::i_null;
        std::string uuid = key.uuid.value_or("");
        soci::indicator uuid_ind = key.uuid ? soci::i_ok : soci::i_null;
        ListParam permissions(key.permissions), admin(key.admin_permissions),
            server(key.server_permissions);
        db_.sql() << "INSERT INTO api_keys (uuid, user_id, key_type, format, identifier, "
                     "secret_hash, description, allowed_ips, permissions, admin_permissions, "
                     "server_permissions, expires_at, created_at, updated_at) VALUES (:uuid, "
                     ":uid, :type, :format, :identifier, :hash, :description, :ips, "
                     ":permissions, :admin, :server, :expires, :created, :updated)",
            soci::use(uuid, uuid_ind), soci::use(owner), soci::use(key.key_type),
            soci::use(key.format), soci::use(key.identifier), soci::use(secret_hash),
            soci::use(description, description_ind), soci::use(ips),
            soci::use(permissions.text, permissions.ind), soci::use(admin.text, admin.ind),
            soci::use(server.text, server.ind), soci::use(expires, expires_ind), soci::use(created),
            soci::use(updated);
        long long id = 0;
        db_.sql() << "SELECT LAST_INSERT_ID()", soci::into(id);
        return static_cast<std::uint64_t>(id);
    });
}

std::optional<std::uint64_t> MysqlApiKeyRepository::insert_within_cap(
    const services::ApiKey& key, const std::string& secret_hash, std::uint64_t cap) {
    return guarded("api_keys.insert_within_cap", [&]() -> std::optional<std::uint64_t> {
        const long long owner = static_cast<long long>(key.user_id);
        soci::transaction tx(db_.sql());
        // Every create for this owner waits here for the one before to commit, so the count
        // below stays true until this insert is committed. Without the lock, two creates could
        // both count 24 and both insert.
        long long locked = 0;
        db_.sql() << "SELECT id FROM users WHERE id = :uid FOR UPDATE", soci::use(owner),
            soci::into(locked);
        if (count_for_user(key.user_id, key.format, key.key_type) >= cap) return std::nullopt;
        const auto id = insert(key, secret_hash);
        tx.commit();
        return id;
    });
}

std::optional<services::ApiKeyWithOwner> MysqlApiKeyRepository::find_by_identifier(
    const std::string& identifier) {
    static const std::string sql = std::string("SELECT ") + kKeyColumns + ", k.secret_hash, " +
                                   kUserColumns +
                                   " FROM api_keys k JOIN users u ON u.id = k.user_id "
                                   "WHERE k.identifier = ?";
    static const std::vector<ColumnKind> columns = [] {
        using K = ColumnKind;
        std::vector<ColumnKind> c = {K::number,   K::number,   K::number,   K::text,
                                     K::text,     K::text,     K::datetime, K::datetime,
                                     K::datetime, K::datetime, K::text,     K::text,
                                     K::text,     K::text,     K::text,     K::text};
        const auto& user = user_column_kinds();
        c.insert(c.end(), user.begin(), user.end());
        return c;
    }();
    return with_prepared(
        db_, lookup_, sql.c_str(), columns,
        [&](PreparedQuery& q) -> std::optional<services::ApiKeyWithOwner> {
            if (!q.run(identifier, "api_keys.find")) return std::nullopt;
            services::ApiKey k;
            k.id = q.number(0);
            k.user_id = q.number(1);
            k.key_type = static_cast<int>(q.number(2));
            k.identifier = q.text(3);
            k.description = q.nullable_text(4);
            k.allowed_ips = parse_string_list(q.text(5));
            k.expires_at = q.nullable_time(6);
            k.last_used_at = q.nullable_time(7);
            k.created_at = q.time(8);
            k.updated_at = q.time(9);
            k.uuid = q.nullable_text(10);
            k.format = q.text(11);
            k.permissions = parse_permissions(q.nullable_text(12));
            k.admin_permissions = parse_permissions(q.nullable_text(13));
            k.server_permissions = parse_permissions(q.nullable_text(14));
            return services::ApiKeyWithOwner{std::move(k), q.text(15), q.user(16, db_.personal())};
        });
}

bool MysqlApiKeyRepository::remove(std::uint64_t user_id, const std::string& format, int key_type,
                                   const std::string& identifier) {
    return guarded("api_keys.remove", [&] {
        const long long owner = static_cast<long long>(user_id);
        soci::statement st =
            (db_.sql().prepare << "DELETE FROM api_keys WHERE user_id = :uid AND format = :format "
                                  "AND key_type = :type AND identifier = :identifier",
             soci::use(owner), soci::use(format), soci::use(key_type), soci::use(identifier));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

void MysqlApiKeyRepository::touch(std::uint64_t key_id, services::Timestamp now) {
    guarded("api_keys.touch", [&] {
        const long long id = static_cast<long long>(key_id);
        const std::tm at = to_tm(now);
        db_.sql() << "UPDATE api_keys SET last_used_at = :now WHERE id = :id", soci::use(at),
            soci::use(id);
        return 0;
    });
}

services::ApiKeyPage MysqlApiKeyRepository::list_page(std::uint64_t user_id,
                                                      services::Timestamp now,
                                                      const std::optional<std::string>& search,
                                                      std::uint64_t offset, std::uint32_t limit) {
    return guarded("api_keys.list_page", [&] {
        services::ApiKeyPage page;
        const long long owner = static_cast<long long>(user_id);
        const std::tm at = to_tm(now);
        const int type = services::kAccountKeyType;
        const std::string pattern = contains_pattern(search.value_or(""));
        const std::string where =
            " FROM api_keys k WHERE k.user_id = :uid AND k.key_type = :type AND "
            "(k.expires_at IS NULL OR k.expires_at > :now) AND "
            "LOWER(COALESCE(k.description, '')) LIKE LOWER(:pattern)";
        long long total = 0;
        std::string count_sql = "SELECT COUNT(*)";
        count_sql += where;
        db_.sql() << count_sql, soci::use(owner), soci::use(type), soci::use(at),
            soci::use(pattern), soci::into(total);
        page.total = static_cast<std::uint64_t>(total);
        if (total == 0 || offset >= page.total) return page;
        const long long skip = static_cast<long long>(offset);
        const long long take = limit;
        KeyRow row;
        auto query = (db_.sql().prepare << "SELECT " << kKeyColumns << where
                                        << " ORDER BY k.created_at, k.id LIMIT :take OFFSET :skip");
        row.bind(query);
        query, soci::use(owner), soci::use(type), soci::use(at), soci::use(pattern),
            soci::use(take), soci::use(skip);
        soci::statement st(query);
        st.execute();
        while (st.fetch())
            page.keys.push_back(row.to_key());
        return page;
    });
}

std::optional<services::ApiKey> MysqlApiKeyRepository::find_by_uuid(std::uint64_t user_id,
                                                                    const std::string& uuid) {
    return guarded("api_keys.find_by_uuid", [&]() -> std::optional<services::ApiKey> {
        const long long owner = static_cast<long long>(user_id);
        const int type = services::kAccountKeyType;
        KeyRow row;
        auto query = (db_.sql().prepare << "SELECT " << kKeyColumns
                                        << " FROM api_keys k WHERE k.user_id = :uid AND "
                                           "k.key_type = :type AND k.uuid = :uuid");
        row.bind(query);
        query, soci::use(owner), soci::use(type), soci::use(uuid);
        soci::statement st(query);
        st.execute();
        if (!st.fetch()) return std::nullopt;
        return row.to_key();
    });
}

bool MysqlApiKeyRepository::description_taken(std::uint64_t user_id, const std::string& description,
                                              std::uint64_t except_id) {
    return guarded("api_keys.description_taken", [&] {
        const long long owner = static_cast<long long>(user_id);
        const long long except = static_cast<long long>(except_id);
        const int type = services::kAccountKeyType;
        long long count = 0;
        db_.sql() << "SELECT COUNT(*) FROM api_keys WHERE user_id = :uid AND key_type = :type "
                     "AND description = :description AND id <> :except",
            soci::use(owner), soci::use(type), soci::use(description), soci::use(except),
            soci::into(count);
        return count > 0;
    });
}

bool MysqlApiKeyRepository::update(const services::ApiKey& key) {
    return guarded("api_keys.update", [&] {
        const long long id = static_cast<long long>(key.id);
        const long long owner = static_cast<long long>(key.user_id);
        std::string description = key.description.value_or("");
        soci::indicator description_ind = key.description ? soci::i_ok : soci::i_null;
        const std::string ips = nlohmann::json(key.allowed_ips).dump();
        ListParam permissions(key.permissions), admin(key.admin_permissions),
            server(key.server_permissions);
        std::tm expires = key.expires_at ? to_tm(*key.expires_at) : std::tm{};
        soci::indicator expires_ind = key.expires_at ? soci::i_ok : soci::i_null;
        const std::tm updated = to_tm(key.updated_at);
        soci::statement st =
            (db_.sql().prepare << "UPDATE api_keys SET description = :description, allowed_ips "
                                  "= :ips, permissions = :permissions, admin_permissions = "
                                  ":admin, server_permissions = :server, expires_at = :expires, "
                                  "updated_at = :updated WHERE id = :id AND user_id = :uid",
             soci::use(description, description_ind), soci::use(ips),
             soci::use(permissions.text, permissions.ind), soci::use(admin.text, admin.ind),
             soci::use(server.text, server.ind), soci::use(expires, expires_ind),
             soci::use(updated), soci::use(id), soci::use(owner));
        st.execute(true);
        // Matched rows, not changed ones: an update to the same values still found the key.
        return st.get_affected_rows() > 0 || find_id(key.id, key.user_id);
    });
}

bool MysqlApiKeyRepository::find_id(std::uint64_t key_id, std::uint64_t user_id) {
    const long long id = static_cast<long long>(key_id);
    const long long owner = static_cast<long long>(user_id);
    long long count = 0;
    db_.sql() << "SELECT COUNT(*) FROM api_keys WHERE id = :id AND user_id = :uid", soci::use(id),
        soci::use(owner), soci::into(count);
    return count > 0;
}

bool MysqlApiKeyRepository::replace_secret(std::uint64_t key_id, const std::string& identifier,
                                           const std::string& secret_hash,
                                           services::Timestamp now) {
    return guarded("api_keys.replace_secret", [&] {
        const long long id = static_cast<long long>(key_id);
        const std::tm at = to_tm(now);
        soci::statement st =
            (db_.sql().prepare << "UPDATE api_keys SET identifier = :identifier, secret_hash = "
                                  ":hash, updated_at = :now WHERE id = :id",
             soci::use(identifier), soci::use(secret_hash), soci::use(at), soci::use(id));
        st.execute(true);
        return st.get_affected_rows() > 0;
    });
}

}  // namespace accountd::db
