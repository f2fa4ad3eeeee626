#include "services/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>

#include "crypto/unicode_text.hpp"
#include "services/text.hpp"

namespace accountd::services {
namespace {

bool is_letter(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}

// The password without the digits and symbols stuck on either end ("dragonfly2024!" gives
// "dragonfly"); empty when that leaves nothing.
std::string stem(const std::string& lowered) {
    const auto first = std::find_if(lowered.begin(), lowered.end(), is_letter);
    const auto last = std::find_if(lowered.rbegin(), lowered.rend(), is_letter).base();
    if (first >= last) return {};
    return std::string(first, last);
}

// One chunk (a single character up to half the length) repeated to the end, the last copy
// possibly cut short ("abcabcabcab").
bool repeats(std::string_view s) {
    for (std::size_t unit = 1; unit <= s.size() / 2; ++unit) {
        bool same = true;
        for (std::size_t i = unit; i < s.size() && same; ++i)
            same = s[i] == s[i - unit];
        if (same) return true;
    }
    return false;
}

// A run along one of these, forwards or backwards, wrapping around ("901234...").
bool runs_along(std::string_view s) {
    static constexpr std::array<std::string_view, 5> kSequences = {
        "abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiop", "asdfghjkl", "zxcvbnm"};
    static constexpr std::string_view kKeyboard = "qwertyuiopasdfghjklzxcvbnm";
    if (s.size() < 3) return false;
    for (const auto seq : kSequences) {
        for (const int step : {1, -1}) {
            const auto start = seq.find(s[0]);
            if (start == std::string_view::npos) continue;
            bool along = true;
            auto at = static_cast<long>(start);
            const auto n = static_cast<long>(seq.size());
            for (std::size_t i = 1; i < s.size() && along; ++i) {
                at = ((at + step) % n + n) % n;
                along = s[i] == seq[static_cast<std::size_t>(at)];
            }
            if (along) return true;
        }
    }
    // Across keyboard rows, as people type them: "qwertyuiopasdf".
    std::string reversed(s.rbegin(), s.rend());
    return kKeyboard.find(s) != std::string_view::npos ||
           kKeyboard.find(reversed) != std::string_view::npos;
}

std::string letters_of(const std::string& s) {
    std::string out;
    std::copy_if(s.begin(), s.end(), std::back_inserter(out), is_letter);
    return ascii_lower(out);
}

// A name as context words: all its letters ("alice.walker" gives "alicewalker"), and each run
// of letters of it ("alice", "walker"), so its parts can come in any order.
void add_words(std::vector<std::string>& words, const std::string& name) {
    words.push_back(letters_of(name));
    std::string run;
    for (const char c : name + " ") {
        if (is_letter(c)) {
            run += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!run.empty()) {
            words.push_back(std::move(run));
            run.clear();
        }
    }
}

// Whether `letters` is some sequence of `words` (each used any number of times): the word-break
// problem, by dynamic programming over the prefixes.
bool made_of(const std::string& letters, const std::vector<std::string>& words) {
    std::vector<bool> reachable(letters.size() + 1, false);
    reachable[0] = true;
    for (std::size_t end = 1; end <= letters.size(); ++end) {
        for (const auto& word : words) {
            if (word.size() <= end && reachable[end - word.size()] &&
                letters.compare(end - word.size(), word.size(), word) == 0) {
                reachable[end] = true;
                break;
            }
        }
    }
    return reachable[letters.size()];
}

}  // namespace

PasswordPolicy::PasswordPolicy(int min_length, int max_length,
                               std::vector<std::string> blocklist_files, std::string app_name)
    : min_length_(min_length),
      max_length_(max_length),
      blocklist_files_(std::move(blocklist_files)),
      app_name_(std::move(app_name)) {}

bool PasswordPolicy::only_context_words(const std::string& password,
                                        const PasswordContext& context) const {
    const std::string letters = letters_of(password);
    // A password with a letter or three besides its digits and symbols is not a name: a random
    // password would be refused for holding the letters of a short one.
    if (letters.size() < 4) return false;
    std::vector<std::string> words = {"accountd", "pterodactyl", "calagopus", "eclipanel"};
    for (const std::string& name :
         {context.username, context.email.substr(0, context.email.find('@')), context.name_first,
          context.name_last, app_name_}) {
        add_words(words, name);
    }
    // A single letter would make almost any string of letters a "sequence of names".
    std::erase_if(words, [](const std::string& w) { return w.size() < 2; });
    return made_of(letters, words);
}

bool PasswordPolicy::listed(const std::vector<std::string>& candidates) const {
    for (const auto& path : blocklist_files_) {
        std::ifstream in(path);
        if (!in) throw std::runtime_error("cannot read password blocklist " + path);
        std::string line;
        while (std::getline(in, line)) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.empty() || line.starts_with("#!")) continue;
            const std::string entry = ascii_lower(line);
            if (std::find(candidates.begin(), candidates.end(), entry) != candidates.end()) {
                return true;
            }
        }
    }
    return false;
}

std::optional<FieldViolation> PasswordPolicy::check(const std::string& typed,
                                                    const PasswordContext& context,
                                                    const std::string& field) const {
    // Judged as it is hashed: fullwidth "ｐａｓｓｗｏｒｄ" is "password".
    const std::string password = crypto::nfkc(typed).value_or(typed);
    const auto length = utf8_length(password);
    if (length < static_cast<std::size_t>(min_length_)) {
        return FieldViolation{field, Rule::min, std::to_string(min_length_)};
    }
    if (length > static_cast<std::size_t>(max_length_)) {
        return FieldViolation{field, Rule::max, std::to_string(max_length_)};
    }
    const std::string lowered = ascii_lower(password);
    std::vector<std::string> forms = {lowered};
    // The stem counts only when it is most of the password: a few letters inside a long run of
    // random digits and symbols do not make it guessable.
    if (auto s = stem(lowered); s != lowered && s.size() * 2 >= lowered.size()) {
        forms.push_back(std::move(s));
    }
    for (const auto& form : forms) {
        if (repeats(form) || runs_along(form)) return FieldViolation{field, Rule::guessable, {}};
    }
    // The account's own names and the service's, alone or together, with whatever is stuck
    // around and between them.
    if (only_context_words(password, context)) return FieldViolation{field, Rule::guessable, {}};
    if (lowered == ascii_lower(context.email)) return FieldViolation{field, Rule::guessable, {}};
    if (listed(forms)) return FieldViolation{field, Rule::guessable, {}};
    return std::nullopt;
}

}  // namespace accountd::services
