#pragma once
// One line per event on stderr (journald adds the timestamp under systemd):
//   level=info pid=123 event=login.fail reason=bad_password dialect=calagopus
// Values are caller-chosen identifiers and never secrets; SOCI text never goes here.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace accountd::server {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

LogLevel parse_log_level(std::string_view name);

class Logger {
  public:
    using Fields = std::initializer_list<std::pair<std::string_view, std::string_view>>;

    explicit Logger(LogLevel min_level, int fd = 2) : min_level_(min_level), fd_(fd) {}

    void log(LogLevel level, std::string_view event, Fields fields = {}) const;
    void debug(std::string_view event, Fields fields = {}) const {
        log(LogLevel::debug, event, fields);
    }
    void info(std::string_view event, Fields fields = {}) const {
        log(LogLevel::info, event, fields);
    }
    void warn(std::string_view event, Fields fields = {}) const {
        log(LogLevel::warn, event, fields);
    }
    void error(std::string_view event, Fields fields = {}) const {
        log(LogLevel::error, event, fields);
    }

  private:
    LogLevel min_level_;
    int fd_;
};

}  // namespace accountd::server
