#pragma once
// The in-memory backend of the repository contract suites (tests/contract/): every fake, wired
// to the others as the tables are, plus the helpers a contract case needs. The MySQL backend,
// tests/db/mysql_world.hpp, has the same members.

#include <string>

#include "support/in_memory_repositories.hpp"

namespace accountd::testing {

struct InMemoryWorld {
    InMemoryUsers users;
    InMemorySessions sessions{users};
    InMemoryApiKeys api_keys{users};
    InMemorySshKeys ssh_keys;
    InMemoryTwoFactor two_factor{users};
    InMemoryActivity activity{users};
    InMemoryThrottle throttle;
    InMemoryHousekeeping housekeeping{sessions, two_factor, throttle, activity};

    /// Stores a user with a unique name (as the owner of sessions, keys, activity) and returns
    /// its id.
    std::uint64_t make_user(const std::string& prefix = "u") {
        services::User u;
        u.username = unique(prefix);
        u.uuid = "00000000-0000-4000-8000-" + std::string(12 - std::to_string(next_).size(), '0') +
                 std::to_string(next_);
        u.email = u.username + "@example.com";
        u.created_at = services::Timestamp(std::chrono::seconds(1'700'000'000));
        u.updated_at = u.created_at;
        return users.insert(u);
    }

    /// A lowercase name no other call returned.
    std::string unique(const std::string& prefix) { return prefix + "n" + std::to_string(next_++); }

  private:
    int next_ = 1;
};

}  // namespace accountd::testing
