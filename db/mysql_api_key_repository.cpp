#include "db/mysql_api_key_repository.hpp"

#include <nlohmann/json.hpp>

#include "db/time_convert.hpp"
#include "db/user_row.hpp"

namespace accountd::db {
namespace {

constexpr const char* kKeyColumns =
    "k.id, k.user_id, k.key_type, k.identifier, k.description, k.allowed_ips, k.expires_at, "
    "k.last_used_at, k.created_at, k.updated_at";

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
        const auto ips = nlohmann::json::parse(allowed_ips, nullptr, false);
        if (ips.is_array()) {
            for (const auto& ip : ips) {
                if (ip.is_string()) k.allowed_ips.push_back(ip.get<std::string>());
            }
        }
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
        while (st.fetch()) keys.push_back(row.to_key());
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
        db_.sql() << "INSERT INTO api_keys (user_id, key_type, identifier, secret_hash, "
                     "description, allowed_ips, created_at, updated_at) VALUES (:uid, :type, "
                     ":identifier, :hash, :description, :ips, :created, :updated)",
            soci::use(owner), soci::use(key.key_type), soci::use(key.identifier),
            soci::use(secret_hash), soci::use(description, description_ind), soci::use(ips),
            soci::use(created), soci::use(updated);
        long long id = 0;
        db_.sql() << "SELECT LAST_INSERT_ID()", soci::into(id);
        return static_cast<std::uint64_t>(id);
    });
}

std::optional<services::ApiKeyWithOwner> MysqlApiKeyRepository::find_by_identifier(
    const std::string& identifier) {
    return guarded("api_keys.find", [&]() -> std::optional<services::ApiKeyWithOwner> {
        KeyRow row;
        UserRow user;
        std::string hash;
        auto query = (db_.sql().prepare << "SELECT " << kKeyColumns << ", k.secret_hash, "
                                        << kUserColumns
                                        << " FROM api_keys k JOIN users u ON u.id = k.user_id "
                                           "WHERE k.identifier = :identifier");
        row.bind(query);
        query, soci::into(hash);
        user.bind(query);
        query, soci::use(identifier);
        soci::statement st(query);
        if (!st.execute(true)) return std::nullopt;
        return services::ApiKeyWithOwner{row.to_key(), hash, user.to_user()};
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
