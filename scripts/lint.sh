#!/usr/bin/env bash
# Checks formatting (clang-format, .clang-format) and runs clang-tidy (.clang-tidy, warnings are
# errors) over the service sources, using build/compile_commands.json from scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror
echo "clang-format: clean"
[ -f build/compile_commands.json ] || cmake -S . -B build -DCMAKE_BUILD_TYPE=Debug -DACCOUNTD_SANITIZE=ON >/dev/null
run-clang-tidy -p build -quiet 'server/|handlers/|services/|db/|crypto/|config/|app/'
