# nosql: make run starts the server; make test runs every check; make bench
# compares nosql with redis-server.
GO ?= go

.PHONY: run build test fuzz bench clean

run: build
	./nosql

build:
	$(GO) build -o nosql .

test:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GO=$(GO) bash .ci/gotest

# fuzz runs each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -timeout 0 -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) .
	$(GO) test -timeout 0 -run '^$$' -fuzz '^FuzzRESP$$' -fuzztime $(FUZZTIME) .
	$(GO) test -timeout 0 -run '^$$' -fuzz '^FuzzRestorePayload$$' -fuzztime $(FUZZTIME) .
	$(GO) test -timeout 0 -run '^$$' -fuzz '^FuzzHLL$$' -fuzztime $(FUZZTIME) .
	$(GO) test -timeout 0 -run '^$$' -fuzz '^FuzzSparseDense$$' -fuzztime $(FUZZTIME) ./internal/hll

# bench compares nosql with redis-server (see bench/run.sh): BENCH_N scales
# the requests per test (make bench BENCH_N=50000), BENCH_ROUNDS repeats
# every load and reports medians, BENCH_R sets a keyspace, BENCH_KEYS the
# keys of the memory test, BENCH_HASHES, BENCH_SETS, BENCH_ZSET and
# BENCH_STREAM its collections.
bench:
	BENCH_N=$(BENCH_N) BENCH_ROUNDS=$(BENCH_ROUNDS) BENCH_R=$(BENCH_R) BENCH_KEYS=$(BENCH_KEYS) \
		BENCH_HASHES=$(BENCH_HASHES) BENCH_SETS=$(BENCH_SETS) BENCH_ZSET=$(BENCH_ZSET) \
		BENCH_STREAM=$(BENCH_STREAM) GO=$(GO) bash bench/run.sh

clean:
	rm -f nosql
