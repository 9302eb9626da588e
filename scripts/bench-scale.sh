#!/bin/sh
# bench-scale.sh: time `dossier build` on generated dossiers (package
# internal/corpus) and, when hugo is installed, Hugo building the same texts
# as Markdown pages, side by side in one run.
#
#   scripts/bench-scale.sh [N ...]          (default: 100 1000)
#
# Environment: DOSSIER, a dossier binary to time (default: built from this
# checkout into $WORK/dossier); RUNS, builds per tool and size (default 3;
# the median is reported); WORK, where corpora and outputs go (default a
# folder under /tmp, kept so that a corpus is generated once per size).
# Builds from nothing (--no-cache) run by turns with Hugo, whose ratio to
# them is also given run by run: first into an empty folder, as a first
# build, then into the folder of the last build (where dossier keeps the
# files it makes unchanged, and Hugo overwrites its files). Two more rows
# time rebuilds with the cache into the same folder, with nothing changed
# and with one note edited; before them, a first build with the cache into
# an empty folder, as a user's first build is. Each row reports wall time, CPU time (user+system) and peak RSS, as
# /usr/bin/time -v measures the whole process, and the load average.
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/dossier-bench-scale}
mkdir -p "$WORK"
if [ -z "${DOSSIER:-}" ]; then
	DOSSIER=$WORK/dossier
	go build -o "$DOSSIER" ./cmd/dossier
fi
[ $# -gt 0 ] || set -- 100 1000
TIME=/usr/bin/time
if [ ! -x $TIME ]; then
	echo "bench-scale: needs GNU time at $TIME (apt-get install time)" >&2
	exit 1
fi
HUGO=$(command -v hugo || true)
case "$WORK$DOSSIER$HUGO" in
*[[:space:]]*)
	echo "bench-scale: WORK, DOSSIER and hugo's path must have no spaces" >&2
	exit 1
	;;
esac
[ -n "$HUGO" ] || echo "bench-scale: hugo is not installed; timing dossier only" >&2

# run1 CMD...: runs CMD once and appends "wall cpu rss" to $WORK/$ROWS.
run1() {
	$TIME -v -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
	awk -F': ' '
		/Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (k = 1; k <= n; k++) w = w * 60 + p[k] }
		/User time/ { u = $2 } /System time/ { s = $2 }
		/Maximum resident/ { r = $2 }
		END { printf "%.2f %.2f %.0f\n", w, u + s, r / 1024 }' "$WORK/time" >>"$WORK/$ROWS"
}

# row LABEL FILE: prints the median row of the runs in $WORK/FILE.
row() {
	sort -n "$WORK/$2" | awk -v label="$1" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
		{ w[NR] = $1; c[NR] = $2; r[NR] = $3 }
		END { m = int((NR + 1) / 2); printf "| %s | %.2f s | %.2f s | %d MiB | %s | %d |\n", label, w[m], c[m], r[m], load, NR }'
}

# measure LABEL CMD...: runs CMD RUNS times and prints the median row.
measure() {
	label=$1; shift
	ROWS=rows; : >"$WORK/rows"
	i=0
	while [ $i -lt "$RUNS" ]; do
		run1 "$@"
		i=$((i + 1))
	done
	row "$label" rows
}

# pair LABEL-A LABEL-B: runs "$A" and "$B" (command lines) by turns,
# RUNS times each, so that a change in the machine's load between runs
# falls on both alike; prints both median rows, then the median of the
# ratios of A's wall and CPU time to B's, run by run.
pair() {
	: >"$WORK/rows-a"; : >"$WORK/rows-b"
	i=0
	while [ $i -lt "$RUNS" ]; do
		ROWS=rows-a; run1 $A
		ROWS=rows-b; run1 $B
		i=$((i + 1))
	done
	row "$1" rows-a
	row "$2" rows-b
	paste -d' ' "$WORK/rows-a" "$WORK/rows-b" | awk '{ print $1 / $4, $2 / $5 }' | sort -n | awk -v a="$1" -v b="$2" '
		{ w[NR] = $1 } END { m = int((NR + 1) / 2); printf "| %s ÷ %s, wall, run by run (median) | %.2f× | | | | %d |\n", a, b, w[m], NR }'
	paste -d' ' "$WORK/rows-a" "$WORK/rows-b" | awk '{ print $2 / $5 }' | sort -n | awk -v a="$1" -v b="$2" '
		{ c[NR] = $1 } END { m = int((NR + 1) / 2); printf "| %s ÷ %s, CPU, run by run (median) | | %.2f× | | | %d |\n", a, b, c[m], NR }'
}

echo "| build | wall (median) | CPU | peak RSS | load | runs |"
echo "|---|---|---|---|---|---|"
for n in "$@"; do
	dir=$WORK/corpus-$n
	if [ ! -d "$dir/sources" ]; then
		go run ./internal/corpus/gen -n "$n" -out "$dir" -hugo
	fi
	if [ -n "$HUGO" ]; then
		# Builds from nothing and Hugo by turns (see pair): into an empty
		# folder (removed before each run, and timed with it, alike for
		# both), then into the folder of the last build, whose files
		# dossier keeps where it makes them unchanged and Hugo overwrites.
		printf '#!/bin/sh\nrm -rf "$1" && exec "$2" build --no-cache --sources "$3" --out "$1"\n' >"$WORK/empty-dossier"
		printf '#!/bin/sh\nrm -rf "$1" && exec "$2" --quiet -s "$3" -d "$1"\n' >"$WORK/empty-hugo"
		A="sh $WORK/empty-dossier $dir/out-empty $DOSSIER $dir/sources"
		B="sh $WORK/empty-hugo $dir/public-empty $HUGO $dir/hugo"
		pair "dossier N=$n, empty folder" "hugo N=$n, empty folder"
		A="$DOSSIER build --no-cache --sources $dir/sources --out $dir/out"
		B="$HUGO --quiet -s $dir/hugo -d $dir/public"
		pair "dossier N=$n, no cache" "hugo N=$n"
	else
		measure "dossier N=$n" "$DOSSIER" build --no-cache --sources "$dir/sources" --out "$dir/out"
	fi
	# A first build as a user runs it: with the cache (which it fills),
	# into an empty folder. The rebuilds below are measured against it and
	# against the builds from nothing above.
	printf '#!/bin/sh\nrm -rf "$1" && exec "$2" build --sources "$3" --out "$1"\n' >"$WORK/empty-cached"
	measure "dossier N=$n, first build (cache on, empty folder)" sh "$WORK/empty-cached" "$dir/out-first" "$DOSSIER" "$dir/sources"
	# Rebuilds into the same folder, with the cache: once nothing changed,
	# once after a note was edited (a paragraph added before each build).
	"$DOSSIER" build --sources "$dir/sources" --out "$dir/out" >/dev/null
	measure "dossier N=$n, nothing changed" "$DOSSIER" build --sources "$dir/sources" --out "$dir/out"
	note=$(ls "$dir/sources/notes/"*.md | head -n 1)
	cp "$note" "$WORK/note.orig"
	measure "dossier N=$n, one note edited" sh -c 'printf "\nEdited.\n" >>"$1" && exec "$2" build --sources "$3/sources" --out "$3/out"' sh "$note" "$DOSSIER" "$dir"
	cp "$WORK/note.orig" "$note"
done
