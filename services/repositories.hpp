#pragma once
// Every storage contract the services use, handed out by one object that owns the store
// (db::open_mysql_repositories in production; in-memory fakes in unit tests). The composition
// root asks for it once and never names a concrete repository.

#include "services/activity.hpp"
#include "services/api_key.hpp"
#include "services/housekeeping.hpp"
#include "services/session_repository.hpp"
#include "services/ssh_key.hpp"
#include "services/throttle.hpp"
#include "services/two_factor.hpp"
#include "services/user_repository.hpp"

namespace accountd::services {

/// Whether the store answers right now, for readiness probes.
class Readiness {
  public:
    virtual ~Readiness() = default;
    /// A cheap round trip; false instead of throwing.
    virtual bool ready() = 0;
};

class Repositories {
  public:
    virtual ~Repositories() = default;
    virtual UserRepository& users() = 0;
    virtual SessionRepository& sessions() = 0;
    virtual ActivityRepository& activity() = 0;
    virtual SshKeyRepository& ssh_keys() = 0;
    virtual ApiKeyRepository& api_keys() = 0;
    virtual ThrottleRepository& throttle() = 0;
    virtual TwoFactorRepository& two_factor() = 0;
    virtual HousekeepingRepository& housekeeping() = 0;
    virtual Readiness& readiness() = 0;
};

}  // namespace accountd::services
