#!/usr/bin/env bash
# Fails when src/generated differs from what codegen makes of schema/ now (the drift check).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r src/generated "$tmp/committed"
npx graphql-codegen --config codegen.yml --silent
if ! diff -r "$tmp/committed" src/generated >/dev/null; then
  diff -ru "$tmp/committed" src/generated | head -40 || true
  rm -rf src/generated && cp -r "$tmp/committed" src/generated
  echo "codegen drift: src/generated is stale; run 'npm run codegen' and commit the result" >&2
  exit 1
fi
echo "codegen: src/generated is up to date"
