#!/usr/bin/env bash
# Builds the portal in Release and prints the bench table. Usage: bench/run.sh [--load]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build BranchNetwork.Web -c Release -v quiet -nologo
dotnet run --project bench/BranchNetwork.Bench -c Release -- "$@"
