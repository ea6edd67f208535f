#!/usr/bin/env bash
# Validates the GitHub workflows offline against their JSON schema (action-validator, from npm).
set -euo pipefail
cd "$(dirname "$0")/../.."
for wf in .github/workflows/*.yml; do
  npx --no-install action-validator "$wf"
  echo "ok: $wf"
done
