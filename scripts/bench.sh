#!/usr/bin/env bash
# bench.sh — run `coachbot bench` against a throwaway PostgreSQL with pgvector, as `make test`
# does for the tests. Extra arguments go to coachbot bench, e.g. scripts/bench.sh --sizes 10k
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/go-env.sh
bash scripts/pg.sh install
dir=$(mktemp -d "${TMPDIR:-/tmp}/coachbot-bench-pg.XXXXXX")
env_line=$(PG_DURABLE=1 bash scripts/pg.sh start "$dir")
trap 'bash scripts/pg.sh stop "$dir" >/dev/null 2>&1 || true' EXIT
eval "$env_line"
go build -trimpath -o bin/coachbot ./cmd/coachbot
bin/coachbot bench --markdown docs/bench-latest.md --json docs/bench-latest.json "$@"
