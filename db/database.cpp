#include "db/database.hpp"

#include <soci/mysql/soci-mysql.h>

namespace accountd::db {

unsigned soci_error_number(const soci::soci_error& error) {
    if (const auto* mysql = dynamic_cast<const soci::mysql_soci_error*>(&error)) {
        return mysql->err_num_;
    }
    return 0;
}

Database::Database(std::string url, const crypto::SecretBox* personal_box)
    : url_(std::move(url)), personal_(personal_box) {
    // Without reconnect a worker's connection stays dead after mariadbd restarts.
    if (url_.find("reconnect=") == std::string::npos) url_ += " reconnect=1";
    if (url_.find("charset=") == std::string::npos) url_ += " charset=utf8mb4";
}

soci::session& Database::sql() {
    if (!session_) {
        guarded("connect", [&] {
            auto session = std::make_unique<soci::session>(*soci::factory_mysql(), url_);
            *session << "SET time_zone = '+00:00'";
            session_ = std::move(session);
            return 0;
        });
    }
    return *session_;
}

MYSQL* Database::native_handle() {
    return static_cast<soci::mysql_session_backend*>(sql().get_backend())->conn_;
}

bool Database::ping() {
    try {
        int one = 0;
        sql() << "SELECT 1", soci::into(one);
        return one == 1;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace accountd::db
