#!/usr/bin/env bash
# test.sh — the project's one test command (`make test` runs it, and so does CI).
#
# It installs PostgreSQL and pgvector when they are missing, starts a throwaway cluster on a
# free port, runs the formatting check, go vet and every test with the race detector
# (including the PostgreSQL tests, which fail rather than skip when CI is set), then stops the
# cluster. Extra arguments are passed to `go test` (e.g. scripts/test.sh -run Booking ./bot/).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/go-env.sh
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo /root/go)/bin"
go version
gofmt="$(go env GOROOT)/bin/gofmt"

step() { printf '\n== %s\n' "$*"; }

step "PostgreSQL with pgvector"
bash scripts/pg.sh install
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/coachbot-test-pg.XXXXXX")
trap 'bash scripts/pg.sh stop "$pgdir"' EXIT
eval "$(bash scripts/pg.sh start "$pgdir")"
export COACHBOT_TEST_DATABASE_URL
echo "test server: $COACHBOT_TEST_DATABASE_URL"

step "gofmt"
files=$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*')
unformatted=$("$gofmt" -l $files)
if [ -n "$unformatted" ]; then
	echo "these files need gofmt:"; echo "$unformatted"; exit 1
fi

step "go vet"
go vet ./...

step "go test -race"
if [ $# -gt 0 ]; then
	go test -race -count=1 -timeout 40m "$@"
else
	go test -race -count=1 -timeout 40m ./...
fi
