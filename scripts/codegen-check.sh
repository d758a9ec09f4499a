#!/usr/bin/env bash
# Fails when src/generated differs from what codegen makes of schema/ now (the drift check).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
GENERATED=(src/generated scripts/bank-pull/gql)
for d in "${GENERATED[@]}"; do mkdir -p "$tmp/committed/$d" && cp -r "$d/." "$tmp/committed/$d/"; done
npx graphql-codegen --config codegen.yml --silent
status=0
for d in "${GENERATED[@]}"; do
  if ! diff -r "$tmp/committed/$d" "$d" >/dev/null; then
    diff -ru "$tmp/committed/$d" "$d" | head -40 || true
    rm -rf "$d" && mkdir -p "$d" && cp -r "$tmp/committed/$d/." "$d/"
    echo "codegen drift: $d is stale; run 'npm run codegen' and commit the result" >&2
    status=1
  fi
done
[ "$status" = 0 ] && echo "codegen: ${GENERATED[*]} up to date"
exit "$status"
