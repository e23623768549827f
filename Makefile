# coachbot — see README.md. `make test` is the one command that runs every test.
GO ?= go
BIN := bin/coachbot
FUZZTIME ?= 30s
# The toolchain of scripts/go-env.sh (go1.27.3, fetched from the Go module proxy once).
export GOTOOLCHAIN := $(or $(COACHBOT_GOTOOLCHAIN),go1.27.3)

.PHONY: run build test check vulncheck fmt clean bench load fuzz policy

run: ## chat in the terminal on the embedded default
	$(GO) run ./cmd/coachbot chat

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/coachbot

test: ## vet, formatting, and all tests with -race against a throwaway PostgreSQL with pgvector
	bash scripts/test.sh

check: ## static checks without the database: formatting, vet, known vulnerabilities
	@unformatted=$$($$($(GO) env GOROOT)/bin/gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	bash scripts/vulncheck.sh

vulncheck: ## govulncheck against the Go vulnerability database (fetched through the module proxy)
	bash scripts/vulncheck.sh

bench: ## coachbot bench against a throwaway PostgreSQL (about 10 minutes; writes docs/bench-latest.md)
	bash scripts/bench.sh

load: ## the load test at full length: 200 owners for 5 minutes (writes docs/load-latest.md)
	bash scripts/load.sh

fuzz: ## each fuzz target for FUZZTIME (default 30s)
	@set -e; for t in "adapters/telegram FuzzRender" "adapters/telegram FuzzSplit" "knowledge FuzzParseGuide" \
		"bot FuzzParseCommand" "bot FuzzPostalCode" "bot FuzzParsePlace" "bot FuzzParseAvailability" "bot FuzzICS"; do \
		set -- $$t; echo "== $$2 ($$1, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$2\$$" -fuzztime $(FUZZTIME) ./$$1; done

fmt:
	$$($(GO) env GOROOT)/bin/gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin

POLICY_TRAIN := bot/policy/testdata/escalation_bank.jsonl bot/testdata/outcomes.jsonl bot/policy/testdata/train.jsonl \
	bot/policy/testdata/train2.jsonl bot/policy/testdata/train3.jsonl knowledge/testdata/eval.jsonl

policy: ## retrain the escalation policy's classifier (bot/policy/model.json) and evaluate it on held-out messages
	$(GO) run ./cmd/coachbot policy train --cards $(POLICY_TRAIN)
	$(GO) run ./cmd/coachbot policy eval bot/policy/testdata/holdout.jsonl knowledge/testdata/outcomes-holdout.jsonl
