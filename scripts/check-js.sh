#!/usr/bin/env bash
# Syntax-checks every front-end module with Node (no npm here): each file is checked as an ES
# module (a copy named .mjs, since Public/ has no package.json saying "type": "module").
# Unresolved imports are the browser suite's job (e2e/test_modules.py imports every module in Chromium).
set -euo pipefail
cd "$(dirname "$0")/../Public"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
count=0
while IFS= read -r -d '' file; do
    copy="$scratch/${file%.js}.mjs"
    mkdir -p "$(dirname "$copy")"
    cp "$file" "$copy"
    if ! node --check "$copy" 2>"$scratch/error"; then
        echo "== $file"
        sed "s|$scratch/||; s|\.mjs|.js|g" "$scratch/error"
        failed=1
    fi
    count=$((count + 1))
done < <(find js -name '*.js' -print0)
[ "$failed" = 0 ] && echo "node --check: $count modules OK"
exit "$failed"
