#include "services/password_policy.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string_view>

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

}  // namespace

PasswordPolicy::PasswordPolicy(int min_length, int max_length,
                               std::vector<std::string> blocklist_files)
    : min_length_(min_length),
      max_length_(max_length),
      blocklist_files_(std::move(blocklist_files)) {}

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

std::optional<FieldViolation> PasswordPolicy::check(const std::string& password,
                                                    const PasswordContext& context,
                                                    const std::string& field) const {
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
    // The account's own names and this service's, with whatever is stuck around them.
    const std::string letters = letters_of(password);
    const std::string local_part = context.email.substr(0, context.email.find('@'));
    for (const std::string& word :
         {letters_of(context.username), letters_of(local_part), std::string("accountd"),
          std::string("pterodactyl"), std::string("calagopus"), std::string("eclipanel")}) {
        // A name of a letter or two would refuse random passwords that happen to hold them.
        if (word.size() >= 4 && letters == word) return FieldViolation{field, Rule::guessable, {}};
    }
    if (lowered == ascii_lower(context.email)) return FieldViolation{field, Rule::guessable, {}};
    if (listed(forms)) return FieldViolation{field, Rule::guessable, {}};
    return std::nullopt;
}

}  // namespace accountd::services
