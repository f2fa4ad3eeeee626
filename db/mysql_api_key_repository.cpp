#include "db/mysql_api_key_repository.hpp"

#include <nlohmann/json.hpp>

#include "db/prepared_query.hpp"
#include "db/time_convert.hpp"
#include "db/user_row.hpp"

namespace accountd::db {
namespace {

constexpr const char* kKeyColumns =
    "k.id, k.user_id, k.key_type, k.identifier, k.description, k.allowed_ips, k.expires_at, "
    "k.last_used_at, k.created_at, k.updated_at";

std::vector<std::string> parse_allowed_ips(const std::string& json) {
    std::vector<std::string> out;
    const auto ips = nlohmann::json::parse(json, nullptr, false);
    if (!ips.is_array()) return out;
    for (const auto& ip : ips) {
        if (ip.is_string()) out.push_back(ip.get<std::string>());
    }
    return out;
}

// Receives kKeyColumns.
struct KeyRow {
    unsigned long long id = 0, user_id = 0;
    int key_type = 0;
    std::string identifier, description, allowed_ips;
    std::tm expires_at{}, last_used_at{}, created_at{}, updated_at{};
    soci::indicator description_ind = soci::i_null, expires_ind = soci::i_null,
                    last_used_ind = soci::i_null;

    void bind(soci::details::prepare_temp_type& st) {
        st, soci::into(id), soci::into(user_id), soci::into(key_type), soci::into(identifier),
            soci::into(description, description_ind), soci::into(allowed_ips),
            soci::into(expires_at, expires_ind), soci::into(last_used_at, last_used_ind),
            soci::into(created_at), soci::into(updated_at);
    }

    services::ApiKey to_key() const {
        services::ApiKey k;
        k.id = id;
        k.user_id = user_id;
        k.key_type = key_type;
        k.identifier = identifier;
        if (description_ind == soci::i_ok) k.description = description;
        k.allowed_ips = parse_allowed_ips(allowed_ips);
        if (expires_ind == soci::i_ok) k.expires_at = from_tm(expires_at);
        if (last_used_ind == soci::i_ok) k.last_used_at = from_tm(last_used_at);
        k.created_at = from_tm(created_at);
        k.updated_at = from_tm(updated_at);
        return k;
    }
};

}  // namespace

std::vector<services::ApiKey> MysqlApiKeyRepository::list_for_user(std::uint64_t user_id,
                                                                   int key_type) {
    return guarded("api_keys.list", [&] {
        std::vector<services::ApiKey> keys;
        const long long owner = static_cast<long long>(user_id);
        KeyRow row;
        auto query = (db_.sql().prepare << "SELECT " << kKeyColumns
                                        << " FROM api_keys k WHERE k.user_id = :uid AND "
                                           "k.key_type = :type ORDER BY k.id");
        row.bind(query);
        query, soci::use(owner), soci::use(key_type);
        soci::statement st(query);
        st.execute();
        while (st.fetch())
            keys.push_back(row.to_key());
        return keys;
    });
}

std::uint64_t MysqlApiKeyRepository::count_for_user(std::uint64_t user_id, int key_type) {
    return guarded("api_keys.count", [&] {
        const long long owner = static_cast<long long>(user_id);
        long long count = 0;
        db_.sql() << "SELECT COUNT(*) FROM api_keys WHERE user_id = :uid AND key_type = :type",
            soci::use(owner), soci::use(key_type), soci::into(count);
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
        db_.sql() << "INSERT INTO api_keys (user_id, key_type, identifier, secret_hash, "
                     "description, allowed_ips, expires_at, created_at, updated_at) VALUES (:uid, "
                     ":type, :identifier, :hash, :description, :ips, :expires, :created, :updated)",
            soci::use(owner), soci::use(key.key_type), soci::use(key.identifier),
            soci::use(secret_hash), soci::use(description, description_ind), soci::use(ips),
            soci::use(expires, expires_ind), soci::use(created), soci::use(updated);
        long long id = 0;
        db_.sql() << "SELECT LAST_INSERT_ID()", soci::into(id);
        return static_cast<std::uint64_t>(id);
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
                                     K::datetime, K::datetime, K::text};
        const auto& user = user_column_kinds();
        c.insert(c.end(), user.begin(), user.end());
        return c;
    }();
    return with_prepared(db_, lookup_, sql.c_str(), columns,
                         [&](PreparedQuery& q) -> std::optional<services::ApiKeyWithOwner> {
                             if (!q.run(identifier, "api_keys.find")) return std::nullopt;
                             services::ApiKey k;
                             k.id = q.number(0);
                             k.user_id = q.number(1);
                             k.key_type = static_cast<int>(q.number(2));
                             k.identifier = q.text(3);
                             k.description = q.nullable_text(4);
                             k.allowed_ips = parse_allowed_ips(q.text(5));
                             k.expires_at = q.nullable_time(6);
                             k.last_used_at = q.nullable_time(7);
                             k.created_at = q.time(8);
                             k.updated_at = q.time(9);
                             return services::ApiKeyWithOwner{std::move(k), q.text(10), q.user(11)};
                         });
}

bool MysqlApiKeyRepository::remove(std::uint64_t user_id, int key_type,
                                   const std::string& identifier) {
    return guarded("api_keys.remove", [&] {
        const long long owner = static_cast<long long>(user_id);
        soci::statement st = (db_.sql().prepare << "DELETE FROM api_keys WHERE user_id = :uid AND "
                                                   "key_type = :type AND identifier = :identifier",
                              soci::use(owner), soci::use(key_type), soci::use(identifier));
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

}  // namespace accountd::db
