// The repository contract suites (tests/contract/) on the db/ repositories and a real MariaDB,
// each case on a clean schema. tests/unit/repository_contract_test.cpp runs the same suites on
// the in-memory fakes.

#include <boost/mpl/list.hpp>

#include "mysql_world.hpp"

namespace accountd::contract {
using Worlds = boost::mpl::list<testing::MysqlWorld>;
}  // namespace accountd::contract

#include "contract/activity_repository_contract.hpp"
#include "contract/api_key_repository_contract.hpp"
#include "contract/housekeeping_repository_contract.hpp"
#include "contract/session_repository_contract.hpp"
#include "contract/ssh_key_repository_contract.hpp"
#include "contract/throttle_repository_contract.hpp"
#include "contract/two_factor_repository_contract.hpp"
#include "contract/user_repository_contract.hpp"
