// The repository contract suites (tests/contract/) on the in-memory fakes the unit tests use, so
// a fake that drifts from what MySQL does fails here instead of hiding a bug in a service test.
// tests/db/repository_contract_test.cpp runs the same suites on MariaDB.

#include <boost/mpl/list.hpp>

#include "support/in_memory_world.hpp"

namespace accountd::contract {
using Worlds = boost::mpl::list<testing::InMemoryWorld>;
}  // namespace accountd::contract

#include "contract/activity_repository_contract.hpp"
#include "contract/api_key_repository_contract.hpp"
#include "contract/housekeeping_repository_contract.hpp"
#include "contract/session_repository_contract.hpp"
#include "contract/ssh_key_repository_contract.hpp"
#include "contract/throttle_repository_contract.hpp"
#include "contract/two_factor_repository_contract.hpp"
#include "contract/user_repository_contract.hpp"
