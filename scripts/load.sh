#!/usr/bin/env bash
# load.sh — the load test at full length (cmd/coachbot/load_test.go): 200 simulated owners
# through the local Bot API server for five minutes, against a throwaway PostgreSQL with
# durable settings, without the race detector. Writes the report to docs/load-latest.md.
# COACHBOT_LOAD_OWNERS and COACHBOT_LOAD_DURATION change the defaults below.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/go-env.sh
bash scripts/pg.sh install
dir=$(mktemp -d "${TMPDIR:-/tmp}/coachbot-load-pg.XXXXXX")
env_line=$(PG_DURABLE=1 bash scripts/pg.sh start "$dir")
trap 'bash scripts/pg.sh stop "$dir" >/dev/null 2>&1 || true' EXIT
eval "$env_line"
export COACHBOT_TEST_DATABASE_URL
export COACHBOT_LOAD_OWNERS="${COACHBOT_LOAD_OWNERS:-200}"
export COACHBOT_LOAD_DURATION="${COACHBOT_LOAD_DURATION:-5m}"
export COACHBOT_LOAD_REPORT="$PWD/docs/load-latest.md"
go test -count=1 -timeout 60m -run '^TestLoad$' -v ./cmd/coachbot/ | grep -v '^        ' || { echo "load test failed" >&2; exit 1; }
echo "report: docs/load-latest.md"
