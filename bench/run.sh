#!/usr/bin/env bash
# Builds the portal in Release and prints the bench table.
# Usage: bench/run.sh        the whole table
#        bench/run.sh pdf    only the PDF section (PDFsharp against headless Chromium), without building the portal
#        bench/run.sh load   only the due-day load (60 users for 60 s, then 60 open circuits)
#        bench/run.sh circuits only the 60 open circuits of the load scenario (published portal, Production); BENCH_GCDUMP=file adds a heap snapshot
#        bench/run.sh burst  only the burst: signed-in pages and PDFs arriving open-loop at 25, 50, 100, 150, 200 req/s (20 s each)
#        bench/run.sh startup only the start-up rows (new and existing database, five times each) and the portal's start-up steps
#        bench/run.sh slowline both entry pages on a village line (400 ms, 400 kbit/s, empty cache): bytes and time to type
#        bench/run.sh review only the review queue with 6,000 submitted reports, first page
#        bench/run.sh ledgers only the ledgers (台账), in-process on a new demo database, without building the portal
#        bench/run.sh assessment only the self-assessment's score sheet PDF, in-process, without building the portal
#        bench/run.sh figures only the figures section (ten years imported, exports, checks, analytics), in-process, without building the portal
#        bench/run.sh import [runs] only the ten-year import of the figures section: the process's first, then warm on fresh copies of
#                        the database (5 by default), wall time, processor time and bytes allocated; in-process, without building the portal
#        bench/run.sh reports the network monthly PDF split: queries and layout in-process, then over HTTP from the portal
#        bench/run.sh scale [branches] a synthetic network (130 branches × 10 service points by default) with ten years of figures,
#                        SQLite and PostgreSQL side by side, in-process; then the due day on PostgreSQL (below); starts the tests'
#                        PostgreSQL cluster as test.sh does
#        bench/run.sh dueday-pg [workers] only the due day of 600 branch workers (by default) on two portal instances on one
#                        PostgreSQL database behind nginx (Debian's nginx: test.sh installs it)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == scale || "${1:-}" == dueday-pg ]]; then
    source ./test-postgres.sh
fi
if [[ "${1:-}" != pdf && "${1:-}" != ledgers && "${1:-}" != assessment && "${1:-}" != figures && "${1:-}" != import ]]; then
    dotnet build BranchNetwork.Web -c Release -v quiet -nologo
fi
if [[ -z "${1:-}" || "${1:-}" == slowline || "${1:-}" == load || "${1:-}" == circuits || "${1:-}" == startup || "${1:-}" == burst ]]; then
    # The slow-line, start-up, burst and open-circuit rows run the portal as deployed: published for this machine's runtime
    # (ReadyToRun), with its static assets precompressed.
    export BENCH_PUBLISHED_WEB="${TMPDIR:-/tmp}/branchnetwork-bench-published/BranchNetwork.Web.dll"
    dotnet publish BranchNetwork.Web -c Release -r "$(dotnet --info | awk '/^ RID:/ {print $2}')" --self-contained false -v quiet -nologo \
        -o "$(dirname "$BENCH_PUBLISHED_WEB")"
fi
dotnet run --project bench/BranchNetwork.Bench -c Release -- "$@"
