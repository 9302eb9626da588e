# make          build bin/dossier and the dossier from sources/ into build/
# make test     run every test (end-to-end tests need poppler-utils and qpdf;
#               .ci/run installs them)
# make quick    the unit tests only (go test -short), for the edit–test loop
# make bench    run the benchmarks
# make fuzz     run each fuzz test for FUZZTIME (default 10s); make test runs
#               only their seeds
# make archive  build, then write build/dossier-<cut-off date>.tar.gz with a
#               SHA256SUMS manifest (dossier verify checks it)
GO      ?= go
BIN     := bin/dossier
SOURCES ?= sources
OUT     ?= build

.PHONY: all dossier binary archive test quick bench fuzz vet clean

all: dossier

dossier: binary
	./$(BIN) build --sources $(SOURCES) --out $(OUT)

archive: dossier
	./$(BIN) archive --sources $(SOURCES) --out $(OUT)

# go build is incremental, so the binary is always (cheaply) brought up to date.
# -buildvcs=auto records the git revision for 'dossier version' where git can
# tell it (and overrides a -buildvcs=false in GOFLAGS).
binary:
	$(GO) build -buildvcs=auto -o $(BIN) ./cmd/dossier

vet:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

test: vet
	$(GO) test ./...

quick:
	$(GO) test -short ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Each fuzz test, as package:name; go test fuzzes one target at a time.
FUZZTIME ?= 10s
FUZZ := \
	./internal/source:FuzzCleanInput \
	./internal/source:FuzzClean \
	./internal/source:FuzzYAML \
	./internal/source:FuzzNote \
	./internal/markdown:FuzzFindRefs \
	./internal/archive:FuzzVerifyReader \
	./internal/render/pdf:FuzzNoteToPDF

fuzz:
	@set -e; for t in $(FUZZ); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

clean:
	rm -rf bin $(OUT)/site $(OUT)/briefing.pdf
