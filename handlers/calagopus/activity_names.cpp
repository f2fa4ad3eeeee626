#include "handlers/calagopus/activity_names.hpp"

#include <array>
#include <utility>

#include "services/text.hpp"

namespace accountd::handlers::calagopus {
namespace {

// {stored, Calagopus}: the canonical names of the issue-9 decisions.
constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kNames = {{
    {"user:account.update", "account:update"},
    {"user:account.email-changed", "account:email-changed"},
    {"user:account.password-changed", "account:password-changed"},
    {"user:account.avatar-update", "account:update-avatar"},
    {"user:account.avatar-delete", "account:delete-avatar"},
    {"user:two-factor.create", "account:two-factor.enable"},
    {"user:two-factor.delete", "account:two-factor.disable"},
    {"user:api-key.create", "api-key:create"},
    {"user:api-key.update", "user:api-key.update"},
    {"user:api-key.delete", "api-key:delete"},
    {"user:api-key.recreate", "api-key:recreate"},
    {"user:ssh-key.create", "ssh-key:create"},
    {"user:ssh-key.import", "ssh-key:import"},
    {"user:ssh-key.update", "ssh-key:update"},
    {"user:ssh-key.delete", "ssh-key:delete"},
    {"user:session.delete", "session:delete"},
    {"user:session.delete-all", "session:delete-all"},
}};

}  // namespace

std::string calagopus_event_name(std::string_view stored) {
    for (const auto& [canonical, shown] : kNames) {
        if (canonical == stored) return std::string(shown);
    }
    return std::string(stored);
}

void match_calagopus_name(services::ActivityQuery& query, const std::string& search) {
    const std::string needle = services::ascii_lower(search);
    for (const auto& [canonical, shown] : kNames) {
        query.contains_skips.emplace_back(canonical);
        if (std::string(shown).find(needle) != std::string::npos) {
            query.event_in.emplace_back(canonical);
        }
    }
    query.event_contains = {search};
}

}  // namespace accountd::handlers::calagopus
