#!/usr/bin/env bash
# Runs the portal with the demo network (Yangshan County Library, 53 units) at http://localhost:5095.
# Demo sign-in: admin@demo.local / Yangshan-2020. Data is kept in BranchNetwork.Web/App_Data/.
# Installs Debian's fonts-wqy-microhei first when missing (as root): the PDF reports print Chinese with it.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is needed: https://learn.microsoft.com/dotnet/core/install/linux-debian" >&2
  exit 1
fi

font=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ ! -f "$font" ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing fonts-wqy-microhei with apt-get (the Chinese font of the PDF reports)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null
  else
    echo "Without fonts-wqy-microhei the portal runs but refuses PDFs. Install it: sudo apt-get install -y fonts-wqy-microhei" >&2
  fi
fi

exec dotnet run --project BranchNetwork.Web --launch-profile http "$@"
