#include "db/user_row.hpp"

#include "db/time_convert.hpp"

namespace accountd::db {

void UserRow::bind(soci::details::prepare_temp_type& statement) {
    for (std::size_t c = 0; c < kColumns; ++c) {
        switch (column_kind(kUserColumnMap[c].field)) {
            case ColumnKind::number:
                statement, soci::into(numbers[c], nulls[c]);
                break;
            case ColumnKind::text:
                statement, soci::into(texts[c], nulls[c]);
                break;
            case ColumnKind::flag:
                statement, soci::into(flags[c], nulls[c]);
                break;
            case ColumnKind::datetime:
                statement, soci::into(times[c], nulls[c]);
                break;
        }
    }
}

std::optional<std::string> UserRow::nullable_text(std::size_t c) const {
    if (nulls[c] != soci::i_ok) return std::nullopt;
    return texts[c];
}

services::Timestamp UserRow::time(std::size_t c) const {
    return from_tm(times[c]);
}

}  // namespace accountd::db
