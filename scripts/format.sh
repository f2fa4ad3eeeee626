#!/usr/bin/env bash
# Rewrites every tracked C++ file in place with clang-format (.clang-format at the root).
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files '*.cpp' '*.hpp' | xargs clang-format -i
