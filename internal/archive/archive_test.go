package archive

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

var mtime = time.Date(2026, 1, 31, 12, 0, 0, 0, time.UTC)

const top = "dossier-2026-01-31"

// root is a build output: the site, the briefing, and a file beside them
// that the archive must leave out.
func root() fstest.MapFS {
	return fstest.MapFS{
		"briefing.pdf":          {Data: []byte("%PDF-1.7 briefing")},
		"site/index.html":       {Data: []byte("<!doctype html><title>index</title>")},
		"site/sources/doc.html": {Data: []byte("<!doctype html><title>doc</title>")},
		"site/style.css":        {Data: []byte("body { margin: 0 }")},
		".keep":                 {Data: []byte("not archived")},
	}
}

func options(f Format) Options {
	return Options{Top: top, Paths: []string{"site", "briefing.pdf"}, ModTime: mtime, Format: f}
}

// writeArchive writes the test root into a file in a fresh directory.
func writeArchive(t *testing.T, f Format) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, root(), options(f)); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(t.TempDir(), "a"+f.Ext())
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// rawEntry is an archive entry as tests read and forge them, past every
// check Write makes.
type rawEntry struct {
	name string
	typ  byte // tar.TypeReg, tar.TypeDir or tar.TypeSymlink
	data []byte
	link string
}

func readRaw(t *testing.T, name string, f Format) []rawEntry {
	t.Helper()
	var entries []rawEntry
	switch f {
	case TarGz:
		file, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		defer file.Close()
		gz, err := gzip.NewReader(file)
		if err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(gz)
		for {
			hdr, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, rawEntry{name: hdr.Name, typ: hdr.Typeflag, data: data, link: hdr.Linkname})
		}
	case Zip:
		zr, err := zip.OpenReader(name)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, zf := range zr.File {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			e := rawEntry{name: zf.Name, typ: tar.TypeReg, data: data}
			if zf.Mode().IsDir() {
				e.typ = tar.TypeDir
			}
			entries = append(entries, e)
		}
	}
	return entries
}

func writeRaw(t *testing.T, name string, f Format, entries []rawEntry) {
	t.Helper()
	var buf bytes.Buffer
	switch f {
	case TarGz:
		gz := gzip.NewWriter(&buf)
		tw := tar.NewWriter(gz)
		for _, e := range entries {
			hdr := &tar.Header{Name: e.name, Typeflag: e.typ, Mode: 0o644, Size: int64(len(e.data)), Linkname: e.link, ModTime: mtime}
			if e.typ != tar.TypeReg {
				hdr.Size = 0
			}
			if err := tw.WriteHeader(hdr); err != nil {
				t.Fatal(err)
			}
			if e.typ == tar.TypeReg {
				tw.Write(e.data)
			}
		}
		if err := errors.Join(tw.Close(), gz.Close()); err != nil {
			t.Fatal(err)
		}
	case Zip:
		zw := zip.NewWriter(&buf)
		for _, e := range entries {
			h := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
			data := e.data
			switch e.typ {
			case tar.TypeDir:
				h.SetMode(fs.ModeDir | 0o755)
			case tar.TypeSymlink:
				h.SetMode(fs.ModeSymlink | 0o777)
				data = []byte(e.link)
			default:
				h.SetMode(0o644)
			}
			w, err := zw.CreateHeader(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Mutations of an archive's entries.

func edit(name string, change func([]byte) []byte) func([]rawEntry) []rawEntry {
	return func(es []rawEntry) []rawEntry {
		for i := range es {
			if es[i].name == name {
				es[i].data = change(bytes.Clone(es[i].data))
			}
		}
		return es
	}
}

func remove(name string) func([]rawEntry) []rawEntry {
	return func(es []rawEntry) []rawEntry {
		return slices.DeleteFunc(es, func(e rawEntry) bool { return e.name == name })
	}
}

func add(e rawEntry) func([]rawEntry) []rawEntry {
	return func(es []rawEntry) []rawEntry { return append(es, e) }
}

func duplicate(name string) func([]rawEntry) []rawEntry {
	return func(es []rawEntry) []rawEntry {
		for _, e := range es {
			if e.name == name {
				return append(es, e)
			}
		}
		panic("no entry " + name)
	}
}

func regular(name, data string) rawEntry {
	return rawEntry{name: name, typ: tar.TypeReg, data: []byte(data)}
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name   string
		mutate func([]rawEntry) []rawEntry
		want   []string // "path: kind" of each problem, in order
	}{
		{"round trip", nil, nil},
		{"changed byte", edit(top+"/site/index.html", func(b []byte) []byte { b[3] ^= 1; return b }),
			[]string{"site/index.html: changed"}},
		{"removed file", remove(top + "/site/style.css"),
			[]string{"site/style.css: missing"}},
		{"added file", add(regular(top+"/site/evil.html", "<script>")),
			[]string{"site/evil.html: added"}},
		{"tampered manifest", edit(top+"/SHA256SUMS", func(b []byte) []byte {
			return bytes.Replace(b, []byte("  briefing.pdf"), []byte("  site/style.css"), 1)
		}), []string{"SHA256SUMS: malformed", "briefing.pdf: added", "site/style.css: changed"}},
		{"manifest hash changed", edit(top+"/SHA256SUMS", func(b []byte) []byte { b[0] ^= 1; return b }),
			nil}, // set below: the first line's file
		{"manifest line garbled", edit(top+"/SHA256SUMS", func(b []byte) []byte { return append(b, "not a checksum line\n"...) }),
			[]string{"SHA256SUMS: malformed"}},
		{"no manifest", remove(top + "/SHA256SUMS"),
			[]string{"SHA256SUMS: missing"}},
		{"path traversal", add(regular("../evil", "x")),
			[]string{"../evil: unsafe path"}},
		{"traversal inside the top", add(regular(top+"/../evil", "x")),
			[]string{top + "/../evil: unsafe path"}},
		{"absolute path", add(regular("/etc/evil", "x")),
			[]string{"/etc/evil: unsafe path"}},
		{"outside the top directory", add(regular("other/evil", "x")),
			[]string{"other/evil: unsafe path"}},
		{"duplicate entry", duplicate(top + "/site/index.html"),
			[]string{"site/index.html: duplicate"}},
		{"symbolic link", add(rawEntry{name: top + "/site/link.html", typ: tar.TypeSymlink, link: "/etc/passwd"}),
			[]string{"site/link.html: not a regular file"}},
		{"names starting ./, as tar -C dir . writes them", func(es []rawEntry) []rawEntry {
			for i := range es {
				es[i].name = "./" + es[i].name
			}
			return append([]rawEntry{{name: "./", typ: tar.TypeDir}}, es...)
		}, nil},
		{"a file named as the root", add(regular(".", "x")),
			[]string{".: unsafe path"}},
		{"an entry without a name", add(regular("", "x")),
			[]string{": unsafe path"}},
		{"several at once", func(es []rawEntry) []rawEntry {
			es = remove(top + "/briefing.pdf")(es)
			es = add(regular(top+"/site/new.html", "new"))(es)
			return edit(top+"/site/style.css", func(b []byte) []byte { return append(b, ' ') })(es)
		}, []string{"briefing.pdf: missing", "site/new.html: added", "site/style.css: changed"}},
	}
	for _, f := range []Format{TarGz, Zip} {
		for _, tt := range tests {
			t.Run(string(f)+"/"+tt.name, func(t *testing.T) {
				name := writeArchive(t, f)
				want := tt.want
				if tt.mutate != nil {
					entries := readRaw(t, name, f)
					if tt.name == "manifest hash changed" {
						for _, e := range entries {
							if e.name == top+"/SHA256SUMS" {
								line, _, _ := strings.Cut(string(e.data), "\n")
								want = []string{line[66:] + ": changed"}
							}
						}
					}
					writeRaw(t, name, f, tt.mutate(entries))
				}
				res, err := Verify(name)
				var got []string
				var verr *Error
				switch {
				case err == nil:
				case errors.As(err, &verr):
					for _, p := range verr.Problems {
						got = append(got, p.Path+": "+string(p.Kind))
						if !strings.Contains(err.Error(), p.String()) {
							t.Errorf("the error message lacks %q:\n%v", p, err)
						}
					}
				default:
					t.Fatalf("Verify: %v", err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("problems (-want +got):\n%s\nerror: %v", diff, err)
				}
				if res == nil || res.Top != top {
					t.Errorf("result %+v; want top %s", res, top)
				}
				if err == nil && res.Files != 4 {
					t.Errorf("%d files verified, want 4", res.Files)
				}
			})
		}
	}
}

func TestVerifyNotAnArchive(t *testing.T) {
	name := filepath.Join(t.TempDir(), "x.tar.gz")
	for _, data := range []string{"", "hello, world", "\x1f\x8b garbage"} {
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Verify(name)
		var verr *Error
		if err == nil || errors.As(err, &verr) || !strings.Contains(err.Error(), name) {
			t.Errorf("Verify(%q) = %v; want an error naming the file", data, err)
		}
	}
	if _, err := Verify(filepath.Join(t.TempDir(), "none.zip")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Verify of a missing file: %v", err)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	for _, f := range []Format{TarGz, Zip} {
		t.Run(string(f), func(t *testing.T) {
			var a, b bytes.Buffer
			if err := Write(&a, root(), options(f)); err != nil {
				t.Fatal(err)
			}
			// The same files, with other times and modes on disk.
			other := root()
			for _, mf := range other {
				mf.ModTime = time.Now()
				mf.Mode = 0o600
			}
			if err := Write(&b, other, options(f)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("two archives of the same files differ")
			}
		})
	}
}

// TestTarHeaders checks what the tar.gz records beyond the file contents.
func TestTarHeaders(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, root(), options(TarGz)); err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() || gz.Comment != "" {
		t.Errorf("gzip header name %q, time %v, comment %q; want none", gz.Name, gz.ModTime, gz.Comment)
	}
	tr := tar.NewReader(gz)
	var names []string
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, hdr.Name)
		mode := int64(0o644)
		if hdr.Typeflag == tar.TypeDir {
			mode = 0o755
		}
		if hdr.Mode != mode || hdr.Uid != 0 || hdr.Gid != 0 || hdr.Uname != "" || hdr.Gname != "" || !hdr.ModTime.Equal(mtime) {
			t.Errorf("%s: mode %o, owner %d:%d %q:%q, time %v", hdr.Name, hdr.Mode, hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname, hdr.ModTime)
		}
	}
	want := []string{
		top + "/",
		top + "/briefing.pdf",
		top + "/site/",
		top + "/site/index.html",
		top + "/site/sources/",
		top + "/site/sources/doc.html",
		top + "/site/style.css",
		top + "/SHA256SUMS",
	}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
}

func TestZipHeaders(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, root(), options(Zip)); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		mode := fs.FileMode(0o644)
		if strings.HasSuffix(zf.Name, "/") {
			mode = fs.ModeDir | 0o755
		}
		if zf.Mode() != mode || !zf.Modified.Equal(mtime) {
			t.Errorf("%s: mode %v, time %v", zf.Name, zf.Mode(), zf.Modified)
		}
	}
}

// TestManifest checks that the manifest comes last and lists every file,
// sorted, as sha256sum would.
func TestManifest(t *testing.T) {
	entries := readRaw(t, writeArchive(t, TarGz), TarGz)
	last := entries[len(entries)-1]
	if last.name != top+"/SHA256SUMS" {
		t.Fatalf("last entry %s; want the manifest", last.name)
	}
	var want strings.Builder
	for _, path := range []string{"briefing.pdf", "site/index.html", "site/sources/doc.html", "site/style.css"} {
		fmt.Fprintf(&want, "%x  %s\n", sha256.Sum256(root()[path].Data), path)
	}
	if diff := cmp.Diff(want.String(), string(last.data)); diff != "" {
		t.Errorf("manifest (-want +got):\n%s", diff)
	}
}

func TestWriteRejects(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "site"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "site", "link.html")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	tests := []struct {
		name string
		root fs.FS
		opts Options
		want string
	}{
		{"symbolic link", os.DirFS(dir), Options{Top: top}, "site/link.html is not a regular file"},
		{"manifest in the root", fstest.MapFS{"SHA256SUMS": {}}, Options{Top: top}, "SHA256SUMS would be overwritten"},
		{"missing path", root(), Options{Top: top, Paths: []string{"nothing"}}, "nothing"},
		{"unclean path", root(), Options{Top: top, Paths: []string{"../site"}}, "not a clean relative path"},
		{"backslash", fstest.MapFS{`a\b`: {}}, Options{Top: top}, "backslash"},
		{"top with a slash", root(), Options{Top: "a/b"}, "single path element"},
		{"no top", root(), Options{}, "single path element"},
		{"top ..", root(), Options{Top: ".."}, "single path element"},
		{"top with a line break", root(), Options{Top: "a\rb"}, "single path element"},
		{"unknown format", root(), Options{Top: top, Format: "rar"}, `format "rar"`},
	}
	for _, tt := range tests {
		err := Write(io.Discard, tt.root, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Write error %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"tar.gz": TarGz, "tgz": TarGz, ".zip": Zip, "ZIP": Zip} {
		if got, err := ParseFormat(in); got != want || err != nil {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseFormat("rar"); err == nil {
		t.Error("ParseFormat(rar): want an error")
	}
}

// TestVerifyDamaged flips a byte of compressed data: a zip names the file,
// whose entries are compressed one by one; a tar.gz cannot be read past the
// damage, and Verify fails naming the archive.
func TestVerifyDamaged(t *testing.T) {
	for _, f := range []Format{Zip, TarGz} {
		t.Run(string(f), func(t *testing.T) {
			name := writeArchive(t, f)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			at := len(data) / 2
			if f == Zip {
				// The data of site/index.html follows its local header:
				// 30 bytes, the name, and the extra field.
				entry := top + "/site/index.html"
				i := bytes.Index(data, []byte(entry))
				extra := int(binary.LittleEndian.Uint16(data[i-30+28:]))
				at = i + len(entry) + extra + 2
			}
			data[at] ^= 0xff
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err = Verify(name)
			var verr *Error
			switch {
			case err == nil:
				t.Fatal("Verify accepted a damaged archive")
			case f == Zip:
				if !errors.As(err, &verr) || !strings.Contains(err.Error(), "site/index.html: damaged") {
					t.Errorf("error %v; want site/index.html named as damaged", err)
				}
			case !strings.Contains(err.Error(), name):
				t.Errorf("error %v; want the archive named", err)
			}
		})
	}
}
