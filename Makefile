# coachbot — see README.md. `make test` is the one command that runs every test.
GO ?= go
BIN := bin/coachbot

.PHONY: run build test check fmt clean bench

run: ## chat in the terminal on the embedded default
	$(GO) run ./cmd/coachbot chat

build:
	$(GO) build -trimpath -o $(BIN) ./cmd/coachbot

test: ## vet, formatting, and all tests with -race against a throwaway PostgreSQL with pgvector
	bash scripts/test.sh

check: ## static checks without the database
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$unformatted" ]; then echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

bench: ## coachbot bench against a throwaway PostgreSQL (about 10 minutes; writes docs/bench-latest.md)
	bash scripts/bench.sh

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
