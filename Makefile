# nosql: make run starts the server; make test runs every check.
GO ?= go

.PHONY: run build test fuzz bench clean

run: build
	./nosql

build:
	$(GO) build -o nosql .

test:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 40m ./...

# fuzz runs each fuzz target for FUZZTIME (default 30s).
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) .
	$(GO) test -run '^$$' -fuzz '^FuzzRESP$$' -fuzztime $(FUZZTIME) .

clean:
	rm -f nosql
