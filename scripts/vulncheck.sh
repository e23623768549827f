#!/usr/bin/env bash
# vulncheck.sh — govulncheck on the module (called by `make check`).
#
# govulncheck reads the Go vulnerability database at vuln.go.dev, which machines that only
# reach the Go module proxy cannot. The same reports are published as OSV files in the module
# golang.org/x/vulndb, which the proxy serves: this script fetches its newest version (or
# VULNDB_VERSION), indexes it with the vulndb's own indexdb command into a local database
# (cached under ${XDG_CACHE_HOME:-~/.cache}/coachbot/vulndb), and points govulncheck at it.
# With VULNDB=https://vuln.go.dev (or any database URL) it uses that instead.
#
# Exit status: 0 when no vulnerable code is reachable, 3 when govulncheck found some, other
# values when the check could not run.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/go-env.sh
GOVULNCHECK_VERSION=v1.9.0

db="${VULNDB:-}"
if [ -z "$db" ]; then
	version="${VULNDB_VERSION:-$(go list -m -f '{{.Version}}' golang.org/x/vulndb@latest)}"
	cache="${XDG_CACHE_HOME:-$HOME/.cache}/coachbot/vulndb/$version"
	if [ ! -f "$cache/index/db.json" ]; then
		echo "vulncheck: indexing golang.org/x/vulndb@$version (about a minute, once)" >&2
		src=$(go mod download -json "golang.org/x/vulndb@$version" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
		[ -d "$src/data/osv" ] || { echo "vulncheck: no data/osv in golang.org/x/vulndb@$version" >&2; exit 2; }
		rm -rf "$cache.tmp"
		go run "golang.org/x/vulndb/cmd/indexdb@$version" -vulns "$src/data/osv" -out "$cache.tmp"
		rm -rf "$cache" && mv "$cache.tmp" "$cache"
	fi
	db="file://$cache"
	echo "vulncheck: database golang.org/x/vulndb@$version ($(go list -m -f '{{.Time}}' "golang.org/x/vulndb@$version"))" >&2
fi
echo "vulncheck: $(go version)" >&2
exec go run "golang.org/x/vuln/cmd/govulncheck@$GOVULNCHECK_VERSION" -db "$db" ./...
