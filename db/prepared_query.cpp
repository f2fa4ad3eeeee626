#include "db/prepared_query.hpp"

#include <array>
#include <cstring>

#include "db/user_row.hpp"

namespace accountd::db {
namespace {

// VARCHAR(255) in utf8mb4 is at most 1020 bytes; longer values (allowed_ips JSON, TEXT) are
// fetched in full after a truncated first read.
constexpr std::size_t kTextCapacity = 1024;

services::Timestamp to_timestamp(const MYSQL_TIME& t) {
    std::tm tm{};
    tm.tm_year = static_cast<int>(t.year) - 1900;
    tm.tm_mon = static_cast<int>(t.month) - 1;
    tm.tm_mday = static_cast<int>(t.day);
    tm.tm_hour = static_cast<int>(t.hour);
    tm.tm_min = static_cast<int>(t.minute);
    tm.tm_sec = static_cast<int>(t.second);
    return services::Timestamp(std::chrono::seconds(timegm(&tm)));
}

}  // namespace

const std::vector<ColumnKind>& user_column_kinds() {
    static const std::vector<ColumnKind> kinds = [] {
        std::vector<ColumnKind> out;
        out.reserve(kUserColumnMap.size());
        for (const auto& column : kUserColumnMap)
            out.push_back(column_kind(column.field));
        return out;
    }();
    return kinds;
}

bool worth_repreparing(unsigned error) {
    return error == 2006 /* CR_SERVER_GONE_ERROR */ || error == 2013 /* CR_SERVER_LOST */ ||
           error == 1243 /* ER_UNKNOWN_STMT_HANDLER */ || error == 1615 /* ER_NEED_REPREPARE */;
}

struct PreparedQuery::Buffers {
    std::vector<ColumnKind> kinds;
    std::vector<MYSQL_BIND> binds;
    std::vector<unsigned long long> numbers;
    std::vector<signed char> flags;
    std::vector<MYSQL_TIME> times;
    std::vector<std::array<char, kTextCapacity>> storage;  // what the server writes into
    std::vector<std::string> values;                       // text values of the last row
    std::vector<unsigned long> lengths;
    std::vector<my_bool> nulls;
    std::vector<my_bool> errors;

    explicit Buffers(std::vector<ColumnKind> columns)
        : kinds(std::move(columns)),
          binds(kinds.size()),
          numbers(kinds.size()),
          flags(kinds.size()),
          times(kinds.size()),
          storage(kinds.size()),
          values(kinds.size()),
          lengths(kinds.size()),
          nulls(kinds.size()),
          errors(kinds.size()) {
        for (std::size_t i = 0; i < kinds.size(); ++i) {
            MYSQL_BIND& b = binds[i];
            std::memset(&b, 0, sizeof b);
            b.length = &lengths[i];
            b.is_null = &nulls[i];
            b.error = &errors[i];
            switch (kinds[i]) {
                case ColumnKind::number:
                    b.buffer_type = MYSQL_TYPE_LONGLONG;
                    b.is_unsigned = 1;
                    b.buffer = &numbers[i];
                    break;
                case ColumnKind::flag:
                    b.buffer_type = MYSQL_TYPE_TINY;
                    b.buffer = &flags[i];
                    break;
                case ColumnKind::datetime:
                    b.buffer_type = MYSQL_TYPE_DATETIME;
                    b.buffer = &times[i];
                    break;
                case ColumnKind::text:
                    b.buffer_type = MYSQL_TYPE_STRING;
                    b.buffer = storage[i].data();
                    b.buffer_length = kTextCapacity;
                    break;
            }
        }
    }
};

PreparedQuery::PreparedQuery(MYSQL* connection, const char* sql, std::vector<ColumnKind> columns)
    : connection_(connection), buffers_(std::make_unique<Buffers>(std::move(columns))) {
    statement_ = mysql_stmt_init(connection_);
    if (statement_ == nullptr) throw DatabaseError("prepare.init", mysql_errno(connection_));
    if (mysql_stmt_prepare(statement_, sql, std::strlen(sql)) != 0 ||
        mysql_stmt_field_count(statement_) != buffers_->kinds.size() ||
        mysql_stmt_bind_result(statement_, buffers_->binds.data()) != 0) {
        const unsigned error = mysql_stmt_errno(statement_);
        mysql_stmt_close(statement_);
        statement_ = nullptr;
        throw DatabaseError("prepare", error);
    }
}

PreparedQuery::~PreparedQuery() {
    if (statement_ != nullptr) mysql_stmt_close(statement_);
}

bool PreparedQuery::run(std::string_view parameter, const char* operation) {
    MYSQL_BIND param{};
    unsigned long param_length = parameter.size();
    param.buffer_type = MYSQL_TYPE_STRING;
    param.buffer = const_cast<char*>(parameter.data());
    param.buffer_length = param_length;
    param.length = &param_length;
    if (mysql_stmt_bind_param(statement_, &param) != 0 || mysql_stmt_execute(statement_) != 0) {
        throw DatabaseError(operation, mysql_stmt_errno(statement_));
    }
    struct FreeResult {
        MYSQL_STMT* statement;
        ~FreeResult() { mysql_stmt_free_result(statement); }
    } free_result{statement_};
    const int fetched = mysql_stmt_fetch(statement_);
    if (fetched == MYSQL_NO_DATA) return false;
    if (fetched == 1) throw DatabaseError(operation, mysql_stmt_errno(statement_));
    auto& b = *buffers_;
    for (std::size_t i = 0; i < b.kinds.size(); ++i) {
        if (b.kinds[i] != ColumnKind::text) continue;
        if (b.nulls[i]) {
            b.values[i].clear();
        } else if (b.lengths[i] <= kTextCapacity) {
            b.values[i].assign(b.storage[i].data(), b.lengths[i]);
        } else {
            // MYSQL_DATA_TRUNCATED: fetch the whole value into a buffer of its real size.
            b.values[i].assign(b.lengths[i], '\0');
            MYSQL_BIND whole = b.binds[i];
            whole.buffer = b.values[i].data();
            whole.buffer_length = b.lengths[i];
            if (mysql_stmt_fetch_column(statement_, &whole, static_cast<unsigned>(i), 0) != 0) {
                throw DatabaseError(operation, mysql_stmt_errno(statement_));
            }
        }
    }
    while (mysql_stmt_fetch(statement_) == 0) {
    }
    return true;
}

bool PreparedQuery::is_null(std::size_t c) const {
    return buffers_->nulls[c] != 0;
}
unsigned long long PreparedQuery::number(std::size_t c) const {
    return buffers_->numbers[c];
}
bool PreparedQuery::flag(std::size_t c) const {
    return buffers_->flags[c] != 0;
}

std::string PreparedQuery::text(std::size_t c) const {
    return buffers_->values[c];
}

std::optional<std::string> PreparedQuery::nullable_text(std::size_t c) const {
    if (is_null(c)) return std::nullopt;
    return text(c);
}

services::Timestamp PreparedQuery::time(std::size_t c) const {
    return to_timestamp(buffers_->times[c]);
}

std::optional<services::Timestamp> PreparedQuery::nullable_time(std::size_t c) const {
    if (is_null(c)) return std::nullopt;
    return time(c);
}

services::User PreparedQuery::user(std::size_t first, const PersonalFields& personal) const {
    auto user = read_user(*this, first);
    personal.open_user(user);
    return user;
}

}  // namespace accountd::db
