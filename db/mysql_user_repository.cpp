#include "db/mysql_user_repository.hpp"

#include "db/time_convert.hpp"
#include "db/user_row.hpp"
#include "services/text.hpp"

namespace accountd::db {

std::optional<services::User> MysqlUserRepository::find_one(const char* operation,
                                                            const std::string& where_column,
                                                            const std::string& value) {
    return guarded(operation, [&]() -> std::optional<services::User> {
        UserRow row;
        // where_column is one of our literals, never input; the value is bound.
        auto query = (db_.sql().prepare << "SELECT " << kUserColumns << " FROM users u WHERE u."
                                        << where_column << " = :v");
        row.bind(query);
        query, soci::use(value);
        soci::statement statement(query);
        if (!statement.execute(true)) return std::nullopt;
        return row.to_user(db_.personal());
    });
}

std::optional<services::User> MysqlUserRepository::find_by_id(std::uint64_t id) {
    return find_one("users.find_by_id", "id", std::to_string(id));
}

std::optional<services::User> MysqlUserRepository::find_by_username(const std::string& username) {
    return find_one("users.find_by_username", "username", username);
}

std::optional<services::User> MysqlUserRepository::find_by_email(const std::string& email) {
    return find_one("users.find_by_email", "email", email);
}

std::string MysqlUserRepository::fold_identifier(const std::string& identifier) {
    return guarded("users.fold_identifier", [&] {
        // The collation's own sort key: equal exactly when the columns compare equal (accents,
        // case and width folded as utf8mb4_unicode_ci does), so no spelling escapes a count
        // that a lookup would match. Throttles hash it into a bucket key, so its length is of
        // no concern.
        const std::string trimmed = services::trim(identifier);
        std::string folded;
        db_.sql() << "SELECT HEX(WEIGHT_STRING(CONVERT(:v USING utf8mb4) "
                     "COLLATE utf8mb4_unicode_ci))",
            soci::use(trimmed), soci::into(folded);
        return folded;
    });
}

bool MysqlUserRepository::has_any_user() {
    return guarded("users.has_any_user", [&] {
        int found = 0;
        db_.sql() << "SELECT EXISTS (SELECT 1 FROM users)", soci::into(found);
        return found != 0;
    });
}

std::uint64_t MysqlUserRepository::insert(const services::User& user) {
    try {
        return guarded("users.insert", [&]() -> std::uint64_t {
            const std::tm created = to_tm(user.created_at);
            const std::tm updated = to_tm(user.updated_at);
            const int root_admin = user.root_admin ? 1 : 0;
            const int grouped = user.start_on_grouped_servers ? 1 : 0;
            const int verified = user.email_verified ? 1 : 0;
            const int suspended = user.suspended ? 1 : 0;
            soci::indicator role_ind = user.role ? soci::i_ok : soci::i_null;
            const std::string role = user.role.value_or("");
            soci::indicator hash_ind = user.password_hash ? soci::i_ok : soci::i_null;
            const std::string hash = user.password_hash.value_or("");
            const auto& personal = db_.personal();
            const std::string first = personal.seal("name_first", user.uuid, user.name_first);
            const std::string last = personal.seal("name_last", user.uuid, user.name_last);
            // Every profile column; two-factor state is TwoFactorRepository's to set.
            db_.sql() << "INSERT INTO users (uuid, username, email, name_first, name_last, "
                         "password_hash, root_admin, role, language, toast_position, "
                         "start_on_grouped_servers, portal_type, email_verified, suspended, "
                         "created_at, updated_at) "
                         "VALUES (:uuid, :username, :email, :first, :last, :hash, :admin, :role, "
                         ":language, :toast, :grouped, :portal, :verified, :suspended, :created, "
                         ":updated)",
                soci::use(user.uuid), soci::use(user.username), soci::use(user.email),
                soci::use(first), soci::use(last), soci::use(hash, hash_ind), soci::use(root_admin),
                soci::use(role, role_ind), soci::use(user.language), soci::use(user.toast_position),
                soci::use(grouped), soci::use(user.portal_type), soci::use(verified),
                soci::use(suspended), soci::use(created), soci::use(updated);
            long long id = 0;
            db_.sql() << "SELECT LAST_INSERT_ID()", soci::into(id);
            return static_cast<std::uint64_t>(id);
        });
    } catch (const DatabaseError& e) {
        if (e.error_number() == kDuplicateEntry) {
            throw services::DuplicateUser("username or email already exists");
        }
        throw;
    }
}

void MysqlUserRepository::update_password_hash(std::uint64_t id, const std::string& hash,
                                               services::Timestamp now) {
    guarded("users.update_password_hash", [&] {
        const std::tm updated = to_tm(now);
        const long long user_id = static_cast<long long>(id);
        db_.sql() << "UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id",
            soci::use(hash), soci::use(updated), soci::use(user_id);
        return 0;
    });
}

void MysqlUserRepository::update_email(std::uint64_t id, const std::string& email,
                                       services::Timestamp now) {
    try {
        guarded("users.update_email", [&] {
            const std::tm updated = to_tm(now);
            const long long user_id = static_cast<long long>(id);
            db_.sql() << "UPDATE users SET email = :email, email_verified = 0, updated_at = :now "
                         "WHERE id = :id",
                soci::use(email), soci::use(updated), soci::use(user_id);
            return 0;
        });
    } catch (const DatabaseError& e) {
        if (e.error_number() == kDuplicateEntry) throw services::DuplicateUser("email taken");
        throw;
    }
}

void MysqlUserRepository::update_profile(std::uint64_t id, const services::ProfileChanges& changes,
                                         services::Timestamp now) {
    try {
        guarded("users.update_profile", [&] {
            const std::tm updated = to_tm(now);
            const long long user_id = static_cast<long long>(id);
            // COALESCE keeps an absent field: a NULL parameter means "as it is".
            const auto text = [](const std::optional<std::string>& v) {
                return std::pair{v.value_or(""), v ? soci::i_ok : soci::i_null};
            };
            auto [username, username_ind] = text(changes.username);
            auto [first, first_ind] = text(changes.name_first);
            auto [last, last_ind] = text(changes.name_last);
            if (changes.name_first || changes.name_last) {
                // Names are sealed to their user's uuid (db/personal_fields.hpp).
                std::string uuid;
                db_.sql() << "SELECT uuid FROM users WHERE id = :id", soci::into(uuid),
                    soci::use(user_id);
                const auto& personal = db_.personal();
                if (changes.name_first) first = personal.seal("name_first", uuid, first);
                if (changes.name_last) last = personal.seal("name_last", uuid, last);
            }
            auto [language, language_ind] = text(changes.language);
            auto [toast, toast_ind] = text(changes.toast_position);
            int grouped = changes.start_on_grouped_servers.value_or(false) ? 1 : 0;
            soci::indicator grouped_ind =
                changes.start_on_grouped_servers ? soci::i_ok : soci::i_null;
            db_.sql() << "UPDATE users SET username = COALESCE(:username, username), "
                         "name_first = COALESCE(:first, name_first), "
                         "name_last = COALESCE(:last, name_last), "
                         "language = COALESCE(:language, language), "
                         "toast_position = COALESCE(:toast, toast_position), "
                         "start_on_grouped_servers = COALESCE(:grouped, start_on_grouped_servers), "
                         "updated_at = :now WHERE id = :id",
                soci::use(username, username_ind), soci::use(first, first_ind),
                soci::use(last, last_ind), soci::use(language, language_ind),
                soci::use(toast, toast_ind), soci::use(grouped, grouped_ind), soci::use(updated),
                soci::use(user_id);
            return 0;
        });
    } catch (const DatabaseError& e) {
        if (e.error_number() == kDuplicateEntry) throw services::DuplicateUser("username taken");
        throw;
    }
}

std::optional<std::string> MysqlUserRepository::replace_avatar(
    std::uint64_t id, const std::optional<std::string>& path, services::Timestamp now) {
    return guarded("users.replace_avatar", [&]() -> std::optional<std::string> {
        const std::tm updated = to_tm(now);
        const long long user_id = static_cast<long long>(id);
        soci::transaction transaction(db_.sql());
        std::string previous;
        soci::indicator previous_ind = soci::i_null;
        db_.sql() << "SELECT avatar FROM users WHERE id = :id FOR UPDATE",
            soci::into(previous, previous_ind), soci::use(user_id);
        std::string value = path.value_or("");
        soci::indicator value_ind = path ? soci::i_ok : soci::i_null;
        db_.sql() << "UPDATE users SET avatar = :avatar, updated_at = :now WHERE id = :id",
            soci::use(value, value_ind), soci::use(updated), soci::use(user_id);
        transaction.commit();
        if (previous_ind != soci::i_ok) return std::nullopt;
        return previous;
    });
}

void MysqlUserRepository::update_account_state(std::uint64_t id,
                                               const services::AccountStateChanges& changes,
                                               services::Timestamp now) {
    guarded("users.update_account_state", [&] {
        const std::tm updated = to_tm(now);
        const long long user_id = static_cast<long long>(id);
        std::string portal = changes.portal_type.value_or("");
        soci::indicator portal_ind = changes.portal_type ? soci::i_ok : soci::i_null;
        int verified = changes.email_verified.value_or(false) ? 1 : 0;
        soci::indicator verified_ind = changes.email_verified ? soci::i_ok : soci::i_null;
        int suspended = changes.suspended.value_or(false) ? 1 : 0;
        soci::indicator suspended_ind = changes.suspended ? soci::i_ok : soci::i_null;
        // A role can be cleared, so "absent" is its own flag rather than a NULL.
        const int role_set = changes.role ? 1 : 0;
        std::string role = changes.role && *changes.role ? **changes.role : std::string();
        soci::indicator role_ind = changes.role && *changes.role ? soci::i_ok : soci::i_null;
        db_.sql() << "UPDATE users SET portal_type = COALESCE(:portal, portal_type), "
                     "email_verified = COALESCE(:verified, email_verified), "
                     "suspended = COALESCE(:suspended, suspended), "
                     "role = IF(:role_set = 1, :role, role), updated_at = :now WHERE id = :id",
            soci::use(portal, portal_ind), soci::use(verified, verified_ind),
            soci::use(suspended, suspended_ind), soci::use(role_set), soci::use(role, role_ind),
            soci::use(updated), soci::use(user_id);
        return 0;
    });
}

std::map<std::string, std::string> MysqlUserRepository::profile_fields(std::uint64_t id) {
    return guarded("users.profile_fields", [&] {
        std::map<std::string, std::string> fields;
        const long long user_id = static_cast<long long>(id);
        std::string field;
        std::string value;
        soci::statement st = (db_.sql().prepare << "SELECT field, value FROM user_profile_fields "
                                                   "WHERE user_id = :id",
                              soci::use(user_id), soci::into(field), soci::into(value));
        st.execute();
        while (st.fetch())
            fields[field] = value;
        return fields;
    });
}

void MysqlUserRepository::write_profile_fields(
    std::uint64_t id, const std::map<std::string, std::optional<std::string>>& fields,
    services::Timestamp now) {
    guarded("users.write_profile_fields", [&] {
        const std::tm updated = to_tm(now);
        const long long user_id = static_cast<long long>(id);
        soci::transaction transaction(db_.sql());
        for (const auto& [field, value] : fields) {
            if (value) {
                db_.sql() << "INSERT INTO user_profile_fields (user_id, field, value, updated_at) "
                             "VALUES (:id, :field, :value, :now) ON DUPLICATE KEY UPDATE "
                             "value = VALUES(value), updated_at = VALUES(updated_at)",
                    soci::use(user_id), soci::use(field), soci::use(*value), soci::use(updated);
            } else {
                db_.sql()
                    << "DELETE FROM user_profile_fields WHERE user_id = :id AND field = :field",
                    soci::use(user_id), soci::use(field);
            }
        }
        db_.sql() << "UPDATE users SET updated_at = :now WHERE id = :id", soci::use(updated),
            soci::use(user_id);
        transaction.commit();
        return 0;
    });
}

}  // namespace accountd::db
