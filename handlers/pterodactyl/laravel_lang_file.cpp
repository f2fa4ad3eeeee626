#include "handlers/pterodactyl/laravel_lang_file.hpp"

#include <algorithm>
#include <cctype>

namespace accountd::handlers::pterodactyl {
namespace {

// Language files nest two or three levels; far more is no translation file.
constexpr int kMaxDepth = 32;

bool is_word(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    nlohmann::ordered_json file() {
        skip_space();
        if (!take("<?php")) fail("the file does not start with <?php");
        skip_space();
        if (!take_word("return")) fail("expected `return`");
        auto value = array(0);
        skip_space();
        if (!take(";")) fail("expected `;` after the array");
        return value;
    }

  private:
    [[noreturn]] void fail(const std::string& what) const {
        throw LangFileError(what + " at offset " + std::to_string(pos_));
    }

    bool at_end() const { return pos_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[pos_]; }

    bool take(std::string_view token) {
        if (text_.substr(pos_, token.size()) != token) return false;
        pos_ += token.size();
        return true;
    }

    bool take_word(std::string_view word) {
        if (text_.substr(pos_, word.size()) != word) return false;
        const auto after = pos_ + word.size();
        if (after < text_.size() && is_word(text_[after])) return false;
        pos_ = after;
        return true;
    }

    void skip_space() {
        while (!at_end()) {
            const char c = peek();
            if (std::isspace(static_cast<unsigned char>(c)) != 0) {
                ++pos_;
            } else if (take("//") || c == '#') {
                while (!at_end() && peek() != '\n')
                    ++pos_;
            } else if (take("/*")) {
                const auto end = text_.find("*/", pos_);
                if (end == std::string_view::npos) fail("unterminated comment");
                pos_ = end + 2;
            } else {
                return;
            }
        }
    }

    nlohmann::ordered_json array(int depth) {
        if (depth > kMaxDepth) fail("arrays nested too deeply");
        skip_space();
        char close = ']';
        if (take("array")) {
            skip_space();
            if (!take("(")) fail("expected `(` after array");
            close = ')';
        } else if (!take("[")) {
            fail("expected an array");
        }
        auto out = nlohmann::ordered_json::object();
        long long next_index = 0;
        for (;;) {
            skip_space();
            if (peek() == close) {
                ++pos_;
                return out;
            }
            auto first = value(depth);
            skip_space();
            std::string key;
            if (take("=>")) {
                if (first.is_string()) {
                    key = first.get<std::string>();
                } else if (first.is_number_integer()) {
                    key = std::to_string(first.get<long long>());
                    next_index = std::max(next_index, first.get<long long>() + 1);
                } else {
                    fail("an array key must be a string or an integer");
                }
                out[key] = value(depth);
            } else {
                out[std::to_string(next_index++)] = std::move(first);
            }
            skip_space();
            if (take(",")) continue;
            if (peek() != close) fail("expected `,` or the end of the array");
        }
    }

    nlohmann::ordered_json value(int depth) {
        skip_space();
        const char c = peek();
        if (c == '\'') return single_quoted();
        if (c == '"') return double_quoted();
        if (c == '[' || text_.substr(pos_, 5) == "array") return array(depth + 1);
        if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-') return integer();
        if (take_word("true")) return true;
        if (take_word("false")) return false;
        if (take_word("null")) return nullptr;
        fail("expected a string, a number or an array");
    }

    nlohmann::ordered_json integer() {
        const auto start = pos_;
        if (peek() == '-') ++pos_;
        while (!at_end() && std::isdigit(static_cast<unsigned char>(peek())) != 0)
            ++pos_;
        const auto digits = text_.substr(start, pos_ - start);
        if (digits.empty() || digits == "-" || digits.size() > 18) fail("not an integer");
        return std::stoll(std::string(digits));
    }

    // PHP single quotes: only \' and \\ are escapes.
    std::string single_quoted() {
        ++pos_;
        std::string out;
        for (;;) {
            if (at_end()) fail("unterminated string");
            const char c = text_[pos_++];
            if (c == '\'') return out;
            if (c == '\\' && (peek() == '\'' || peek() == '\\')) {
                out += text_[pos_++];
            } else {
                out += c;
            }
        }
    }

    // PHP double quotes: the common escapes; a `$` would interpolate a variable, which a
    // translation file has no business doing.
    std::string double_quoted() {
        ++pos_;
        std::string out;
        for (;;) {
            if (at_end()) fail("unterminated string");
            const char c = text_[pos_++];
            if (c == '"') return out;
            if (c == '$') fail("variables in strings are not read");
            if (c != '\\' || at_end()) {
                out += c;
                continue;
            }
            const char e = text_[pos_++];
            switch (e) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case '"':
                case '\\':
                case '$':
                    out += e;
                    break;
                default:
                    out += '\\';
                    out += e;
            }
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

std::string placeholders_to_i18next(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] != ':' || i + 1 >= text.size() ||
            std::isalpha(static_cast<unsigned char>(text[i + 1])) == 0) {
            out += text[i++];
            continue;
        }
        std::size_t end = i + 1;
        // A name is word characters, with inner dots or dashes (":server.name", ":a-b").
        while (end < text.size() &&
               (is_word(text[end]) || ((text[end] == '.' || text[end] == '-') &&
                                       end + 1 < text.size() && is_word(text[end + 1])))) {
            ++end;
        }
        out += "{{" + text.substr(i + 1, end - i - 1) + "}}";
        i = end;
    }
    return out;
}

}  // namespace

nlohmann::ordered_json parse_laravel_lang_file(std::string_view php) {
    return Reader(php).file();
}

nlohmann::ordered_json to_i18next_placeholders(const nlohmann::ordered_json& texts) {
    if (texts.is_string()) return placeholders_to_i18next(texts.get<std::string>());
    if (!texts.is_object()) return texts;
    auto out = nlohmann::ordered_json::object();
    for (const auto& [key, value] : texts.items())
        out[key] = to_i18next_placeholders(value);
    return out;
}

}  // namespace accountd::handlers::pterodactyl
