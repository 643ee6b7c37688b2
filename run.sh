#!/usr/bin/env bash
# Runs the portal with the demo network (Yangshan County Library, 53 units) at http://localhost:5095.
# Demo sign-in: admin@demo.local / Yangshan-2020. Data is kept in BranchNetwork.Web/App_Data/.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is needed: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

exec dotnet run --project BranchNetwork.Web --launch-profile http "$@"
