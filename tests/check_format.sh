#!/usr/bin/env bash
# The house rule "follow the committed .clang-format", as a test: lists every C++ file of
# our own (core, app, tests) that clang-format would change. Usage: check_format.sh SOURCE_DIR
set -euo pipefail
root="$1"
cd "$root"
mapfile -t files < <(find core app tests -name '*.cpp' -o -name '*.hpp' | sort)
if [ "${#files[@]}" -eq 0 ]; then
    echo "check_format: no sources found under $root" >&2
    exit 1
fi
status=0
for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f   (fix: clang-format -i $f)"
        status=1
    fi
done
[ "$status" -eq 0 ] && echo "check_format: ${#files[@]} files follow .clang-format"
exit "$status"
