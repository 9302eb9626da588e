# make          build bin/dossier and the dossier from sources/ into build/
# make test     run every test (end-to-end tests need poppler-utils and qpdf;
#               .ci/run installs them)
# make quick    the unit tests only (go test -short), for the edit–test loop
# make bench    run the benchmarks (the generated corpus at N=100; set
#               DOSSIER_BENCH_SIZES="100 1000" for more sizes)
# make bench-corpus N=1000 [CORPUS=dir]
#               write a generated dossier of N sources into CORPUS/sources
#               (and the same texts as a Hugo site into CORPUS/hugo)
# make bench-scale [SIZES="100 1000"]
#               time dossier build, and hugo when installed, on generated
#               dossiers (scripts/bench-scale.sh)
# make fuzz     run each fuzz test for FUZZTIME (default 10s); make test runs
#               only their seeds
# make archive  build, then write build/dossier-<cut-off date>-edition-<N>.tar.gz
#               with a SHA256SUMS manifest (dossier verify checks it)
GO      ?= go
BIN     := bin/dossier
SOURCES ?= sources
OUT     ?= build

.PHONY: all dossier binary archive test quick bench bench-corpus bench-scale fuzz vet clean

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

# go test would run part of go vet again, which the vet target has run whole.
# github.com/go-pdf/fpdf is the patched copy in third_party/fpdf: its own
# tests are those of dossier's patches (third_party/fpdf/README.dossier.md).
test: vet
	@scripts/missing-tools.sh
	$(GO) test -vet=off ./... github.com/go-pdf/fpdf

quick:
	$(GO) test -short ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

N      ?= 1000
CORPUS ?= build/corpus-$(N)
bench-corpus:
	$(GO) run ./internal/corpus/gen -n $(N) -out $(CORPUS) -hugo

SIZES ?= 100 1000
bench-scale:
	scripts/bench-scale.sh $(SIZES)

# Each fuzz test, as package:name; go test fuzzes one target at a time.
FUZZTIME ?= 10s
FUZZ := \
	./internal/source:FuzzCleanInput \
	./internal/source:FuzzClean \
	./internal/source:FuzzYAML \
	./internal/source:FuzzNote \
	./internal/source:FuzzPropose \
	./internal/source:FuzzReadPage \
	./internal/source:FuzzPDFText \
	./internal/source:FuzzWithoutComments \
	./internal/markdown:FuzzFindRefs \
	./internal/archive:FuzzVerifyReader \
	./internal/build:FuzzCachedBuild \
	./internal/render/pdf:FuzzNoteToPDF \
	./internal/render/pdf:FuzzFitLines

fuzz:
	@set -e; for t in $(FUZZ); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$pkg $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

clean:
	rm -rf bin $(OUT)/site $(OUT)/briefing.pdf
