#include "server/logger.hpp"

#include <unistd.h>

namespace accountd::server {
namespace {

std::string_view level_name(LogLevel level) {
    switch (level) {
        case LogLevel::debug:
            return "debug";
        case LogLevel::info:
            return "info";
        case LogLevel::warn:
            return "warn";
        case LogLevel::error:
            return "error";
    }
    return "info";
}

// Keeps one event on one line whatever a value contains.
void append_value(std::string& line, std::string_view value) {
    const bool quote = value.empty() || value.find_first_of(" \"=\\") != std::string_view::npos;
    if (quote) line.push_back('"');
    for (const char c : value) {
        // The backslash is escaped too, or a value ending in one would swallow the closing
        // quote and let the rest of the value pose as fields of its own.
        if (c == '\n' || c == '\r')
            line.append("\\n");
        else if (c == '\\')
            line.append("\\\\");
        else if (c == '"')
            line.append("\\\"");
        else if (static_cast<unsigned char>(c) < 0x20)
            line.push_back('?');
        else
            line.push_back(c);
    }
    if (quote) line.push_back('"');
}

}  // namespace

LogLevel parse_log_level(std::string_view name) {
    if (name == "debug") return LogLevel::debug;
    if (name == "warn") return LogLevel::warn;
    if (name == "error") return LogLevel::error;
    return LogLevel::info;
}

void Logger::log(LogLevel level, std::string_view event, Fields fields) const {
    if (level < min_level_) return;
    std::string line = "level=";
    line.append(level_name(level));
    line.append(" pid=");
    line.append(std::to_string(getpid()));
    line.append(" event=");
    append_value(line, event);
    for (const auto& [key, value] : fields) {
        line.push_back(' ');
        line.append(key);
        line.push_back('=');
        append_value(line, value);
    }
    line.push_back('\n');
    // One write(2) per line so lines from several workers never interleave.
    (void)!::write(fd_, line.data(), line.size());
}

}  // namespace accountd::server
