#!/usr/bin/env bash
# Generates a WXR file with 10,000 posts and 200,000 comments, imports it into an empty site with
# the real command, and prints the import's wall time and peak memory (GNU time's "Maximum
# resident set size"). Usage: bench/import/run.sh [POSTS] [COMMENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/import/generate_wxr.py "$work/site.xml" "${1:-10000}" "${2:-200000}"
ls -lh "$work/site.xml" | awk '{print "export file: " $5}'
dotnet build src/Broadsheet -c Release -v quiet -nologo >/dev/null
/usr/bin/time -v dotnet artifacts/bin/Broadsheet/release/Broadsheet.dll import wordpress "$work/site.xml" \
  "--Broadsheet:DataDirectory=$work/data" 2> "$work/time.txt" | tail -5
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
ls -lh "$work/data/broadsheet.db" | awk '{print "database: " $5}'
