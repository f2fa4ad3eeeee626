#pragma once
// The `accountd` command line: serve, migrate, user create, check-config.
// Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.

#include <iosfwd>
#include <string>
#include <vector>

namespace accountd::app {

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err);

}  // namespace accountd::app
