#!/usr/bin/env bash
# Checks formatting (clang-format, .clang-format) over every tracked C++ file and runs clang-tidy
# (.clang-tidy, warnings are errors) over the service sources: the .cpp files under app/, config/,
# crypto/, db/, handlers/, media/, net/, server/ and services/, not the tests (75 files, about 6-7 minutes on
# two cores). Installs clang-format and clang-tidy when missing. Uses the compile_commands.json of
# the build directory scripts/test.sh builds (build/, or $ACCOUNTD_LINT_BUILD), configuring one if
# there is none. Exits non-zero on any finding. scripts/test.sh runs it after a full test run.
set -euo pipefail
STATE=${STATE:-$(cd "$(dirname "$0")/.." && pwd)/var/lint}
# shellcheck source=lib/stack.sh
source "$(dirname "$0")/lib/stack.sh"
mkdir -p "$STATE"
cd "$ROOT"
BUILD=${ACCOUNTD_LINT_BUILD:-$ROOT/build}

ensure_packages clang-format clang-tidy
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror
log "clang-format: clean"

if [ ! -f "$BUILD/compile_commands.json" ]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Debug -DACCOUNTD_SANITIZE=ON >/dev/null
fi
started=$SECONDS
# Absolute paths, anchored at the source root: tests/db/ must not match db/.
run-clang-tidy -p "$BUILD" -quiet -j "$(nproc)" \
    "^$ROOT/(app|config|crypto|db|handlers|media|net|server|services)/" >"$STATE/clang-tidy.log" 2>&1 || {
    grep -E 'warning:|error:' -A3 "$STATE/clang-tidy.log" | head -120 >&2
    die "clang-tidy found problems (full output: $STATE/clang-tidy.log)"
}
log "clang-tidy: clean ($((SECONDS - started)) s)"
