#pragma once
// The users column map, shared by every query that returns a user (the session, API-key and
// activity lookups join it too): each column's name and the User field it fills, in select
// order. The column list, the prepared-statement column kinds and the row-to-User conversion
// are all derived from it. Typed binds avoid SOCI's dynamic rows, whose per-column allocations
// and casts showed up on the hot path.

#include <soci/soci.h>

#include <array>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "db/personal_fields.hpp"
#include "db/prepared_query.hpp"
#include "services/user.hpp"

namespace accountd::db {

/// A User field; the kind of value its column holds follows from the field's type.
using UserField = std::variant<std::uint64_t services::User::*, std::string services::User::*,
                               std::optional<std::string> services::User::*, bool services::User::*,
                               services::Timestamp services::User::*>;

struct UserColumn {
    std::string_view name;
    UserField field;
};

/// The one map of `users` columns to User fields, in the order every user query selects them.
inline constexpr std::array<UserColumn, 19> kUserColumnMap = {{
    {"id", &services::User::id},
    {"uuid", &services::User::uuid},
    {"username", &services::User::username},
    {"email", &services::User::email},
    {"name_first", &services::User::name_first},
    {"name_last", &services::User::name_last},
    {"password_hash", &services::User::password_hash},
    {"root_admin", &services::User::root_admin},
    {"role", &services::User::role},
    {"language", &services::User::language},
    {"toast_position", &services::User::toast_position},
    {"start_on_grouped_servers", &services::User::start_on_grouped_servers},
    {"portal_type", &services::User::portal_type},
    {"email_verified", &services::User::email_verified},
    {"suspended", &services::User::suspended},
    {"totp_enabled", &services::User::totp_enabled},
    {"avatar", &services::User::avatar},
    {"created_at", &services::User::created_at},
    {"updated_at", &services::User::updated_at},
}};

/// How a column is fetched: the kind of value its field holds.
constexpr ColumnKind column_kind(const UserField& field) {
    return std::visit(
        [](auto member) {
            using T = std::remove_cvref_t<decltype(std::declval<services::User>().*member)>;
            if constexpr (std::is_same_v<T, std::uint64_t>) return ColumnKind::number;
            if constexpr (std::is_same_v<T, bool>) return ColumnKind::flag;
            if constexpr (std::is_same_v<T, services::Timestamp>) return ColumnKind::datetime;
            return ColumnKind::text;
        },
        field);
}

namespace detail {

// "u.id, u.uuid, ...", built at compile time so kUserColumns stays a plain literal.
constexpr std::size_t user_columns_length() {
    std::size_t length = 0;
    for (const auto& column : kUserColumnMap)
        length += (length == 0 ? 0 : 2) + 2 + column.name.size();
    return length;
}

inline constexpr auto kUserColumnsText = [] {
    std::array<char, user_columns_length() + 1> text{};
    std::size_t i = 0;
    for (const auto& column : kUserColumnMap) {
        if (i != 0) {
            text[i++] = ',';
            text[i++] = ' ';
        }
        text[i++] = 'u';
        text[i++] = '.';
        for (const char c : column.name)
            text[i++] = c;
    }
    return text;
}();

}  // namespace detail

/// Columns of `users` aliased `u`, in kUserColumnMap order.
inline constexpr const char* kUserColumns = detail::kUserColumnsText.data();

/// The User whose columns start at `first` in `row`. `Row` reads a column by index as
/// number(), text(), nullable_text(), flag() and time() (PreparedQuery and UserRow do); a
/// NULL in a non-optional field is read as that reader's empty value.
template <typename Row>
services::User read_user(const Row& row, std::size_t first) {
    services::User user;
    for (std::size_t i = 0; i < kUserColumnMap.size(); ++i) {
        const std::size_t c = first + i;
        std::visit(
            [&](auto member) {
                using T = std::remove_cvref_t<decltype(user.*member)>;
                if constexpr (std::is_same_v<T, std::uint64_t>) {
                    user.*member = row.number(c);
                } else if constexpr (std::is_same_v<T, std::string>) {
                    user.*member = row.text(c);
                } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
                    user.*member = row.nullable_text(c);
                } else if constexpr (std::is_same_v<T, bool>) {
                    user.*member = row.flag(c);
                } else {
                    static_assert(std::is_same_v<T, services::Timestamp>);
                    user.*member = row.time(c);
                }
            },
            kUserColumnMap[i].field);
    }
    return user;
}

/// A SOCI row buffer for kUserColumns: one typed slot per column, of the kind its field needs.
struct UserRow {
    static constexpr std::size_t kColumns = kUserColumnMap.size();
    std::array<unsigned long long, kColumns> numbers{};
    std::array<std::string, kColumns> texts;
    std::array<int, kColumns> flags{};
    std::array<std::tm, kColumns> times{};
    /// One indicator per column: the nullable ones, and every one under a LEFT JOIN.
    std::array<soci::indicator, kColumns> nulls{};

    /// Adds one into() per column of kUserColumns, in order. The row must outlive `statement`.
    void bind(soci::details::prepare_temp_type& statement);
    /// The user of this row, its personal fields opened.
    services::User to_user(const PersonalFields& personal) const {
        auto user = read_user(*this, 0);
        personal.open_user(user);
        return user;
    }

    unsigned long long number(std::size_t c) const { return numbers[c]; }
    std::string text(std::size_t c) const { return texts[c]; }
    std::optional<std::string> nullable_text(std::size_t c) const;
    bool flag(std::size_t c) const { return flags[c] != 0; }
    services::Timestamp time(std::size_t c) const;
};

}  // namespace accountd::db
