#!/bin/sh
# missing-tools.sh: say, before `make test` runs, which system tools the
# end-to-end tests need and this machine lacks. Those tests skip without
# them (go test prints skips only with -v), so that a green `make test`
# here does not pass for the whole suite. .ci/run installs them all, and
# DOSSIER_REQUIRE_TOOLS=1 makes the tests fail instead of skipping.
cd "$(dirname "$0")/.."
missing=""
for tool in pdftotext pdftoppm pdfinfo qpdf node biber; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -z "${DOSSIER_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1 &&
	! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
	missing="$missing chromium"
fi
for mod in axe-core html-validate @alephdata/followthemoney ajv citeproc @citation-js/core @citation-js/plugin-bibtex @citation-js/plugin-csl; do
	[ -d ".ci/node/node_modules/$mod" ] || missing="$missing $mod(npm)"
done
if [ -n "$missing" ]; then
	echo "make test: not installed:$missing" >&2
	echo "make test: the tests that need them are skipped; .ci/run installs them (apt-get, npm ci --prefix .ci/node)" >&2
fi
exit 0
