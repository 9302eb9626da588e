package source

import (
	"bytes"
	"crypto/sha256"
	"io/fs"
	"os"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"dossier/internal/model"
	"dossier/internal/testutil"
)

// digests returns Options.Digest for the files of fsys.
func digests(t *testing.T, fsys fs.FS) func(string) ([sha256.Size]byte, bool) {
	t.Helper()
	sums := map[string][sha256.Size]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		sums[p] = sha256.Sum256(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return func(name string) ([sha256.Size]byte, bool) { s, ok := sums[name]; return s, ok }
}

// TestKnownDocuments: documents taken from Known are the documents loaded
// from their files, field for field (nil and empty alike), with the same
// places of characters; a file changed is loaded again, and a document
// that fails is never kept.
func TestKnownDocuments(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{"../../sources", "../../testdata/fictional", "../../testdata/scripts"} {
		t.Run(dir, func(t *testing.T) {
			t.Parallel()
			fsys := os.DirFS(dir)
			opts := Options{Name: "sources", Built: time.Unix(1700000000, 0)}
			want, err := Load(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			known := &testutil.Store{}
			opts.Known, opts.Digest = known, digests(t, fsys)
			if _, err := Load(fsys, opts); err != nil {
				t.Fatal(err)
			}
			if len(known.M) != len(want.Documents) || known.Hits != 0 {
				t.Fatalf("kept %d documents, gave back %d; want %d kept, none given back", len(known.M), known.Hits, len(want.Documents))
			}
			got, err := Load(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			if known.Hits != len(want.Documents) {
				t.Errorf("gave back %d documents; want all %d", known.Hits, len(want.Documents))
			}
			if !reflect.DeepEqual(got.Documents, want.Documents) {
				for i := range want.Documents {
					if !reflect.DeepEqual(got.Documents[i], want.Documents[i]) {
						t.Errorf("document %s taken from Known:\n%+v\nloaded:\n%+v", want.Documents[i].ID, got.Documents[i], want.Documents[i])
					}
				}
			}
			if !reflect.DeepEqual(got.Chars, want.Chars) {
				t.Errorf("places of characters: taken from Known %v, loaded %v", got.Chars, want.Chars)
			}

			// The sources folder named otherwise (an absolute path): the
			// documents are taken all the same, with its name in their
			// places, and Known never holds a name of the folder.
			other := Options{Name: "/home/analyst/case-files", Built: opts.Built}
			want, err = Load(fsys, other)
			if err != nil {
				t.Fatal(err)
			}
			other.Known, other.Digest = known, opts.Digest
			hits := known.Hits
			got, err = Load(fsys, other)
			if err != nil {
				t.Fatal(err)
			}
			if known.Hits-hits != len(want.Documents) {
				t.Errorf("with the folder named otherwise, gave back %d documents; want all %d", known.Hits-hits, len(want.Documents))
			}
			if !reflect.DeepEqual(got.Documents, want.Documents) || !reflect.DeepEqual(got.Chars, want.Chars) {
				t.Error("with the folder named otherwise, the documents taken from Known are not those loaded")
			}
			for _, data := range known.M {
				for _, name := range []string{"sources", "case-files"} {
					if bytes.Contains(data, []byte(name+"/")) {
						t.Errorf("Known holds the name of the sources folder, %q", name)
					}
				}
			}
		})
	}
}

// TestKnownDocumentChanged: a document whose text changed is loaded from
// its files, and one that no longer loads reports its error, though
// Known has it as it was.
func TestKnownDocumentChanged(t *testing.T) {
	t.Parallel()
	files := fstest.MapFS{}
	src := os.DirFS("../../testdata/fictional")
	if err := fs.WalkDir(src, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(src, p)
		files[p] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	known := &testutil.Store{}
	opts := Options{Name: "sources", Known: known}
	opts.Digest = digests(t, files)
	if _, err := Load(files, opts); err != nil {
		t.Fatal(err)
	}
	var text string
	for name := range files {
		if path := name; len(path) > 4 && path[len(path)-4:] == ".txt" {
			text = name
			break
		}
	}
	files[text] = &fstest.MapFile{Data: append([]byte("An edit. "), files[text].Data...)}
	opts.Digest = digests(t, files)
	if _, err := Load(files, opts); err == nil {
		t.Fatalf("%s edited, against its recorded digest: loaded", text)
	}
}

// TestKnownCodec: documents written by one codec are read by another,
// which every process makes afresh, in any order and by decoders reused
// from one document to the next; what is not one whole message is refused,
// and the decoder that read it is not reused.
func TestKnownCodec(t *testing.T) {
	w, err := newKnownCodec()
	if err != nil {
		t.Fatal(err)
	}
	docs := []knownDoc{
		{Doc: &model.Document{ID: "a", Title: "A"}, Ref: 1, RefLine: 2},
		{Doc: &model.Document{ID: "b", Title: "Б"}, Ref: 2, IDLine: 3, Chars: map[rune][]model.SourceLine{'Б': {{File: pathMark + "b.txt", Line: 4}}}},
	}
	var data [][]byte
	for i := range docs {
		b, err := w.encode(&docs[i])
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(b, w.start) {
			t.Fatal("a document's message holds the start of the stream")
		}
		data = append(data, b)
	}
	r, err := newKnownCodec()
	if err != nil {
		t.Fatal(err)
	}
	if r.sum != w.sum {
		t.Fatalf("two codecs of one program start differently: %s, %s", r.sum, w.sum)
	}
	for round := range 2 {
		for i := len(docs) - 1; i >= 0; i-- {
			var k knownDoc
			if err := r.decode(data[i], &k); err != nil {
				t.Fatalf("round %d, document %d: %v", round, i, err)
			}
			if !reflect.DeepEqual(k, docs[i]) {
				t.Errorf("round %d: read %+v, wrote %+v", round, k, docs[i])
			}
		}
	}
	if len(r.idle) != 1 {
		t.Errorf("%d idle decoders after reading one document at a time, want 1", len(r.idle))
	}
	for _, bad := range [][]byte{data[0][:len(data[0])-1], append(slices.Clone(data[0]), data[1]...), []byte("junk"), nil} {
		if err := r.decode(bad, &knownDoc{}); err == nil {
			t.Errorf("decode(%q) read a document", bad)
		}
	}
	var k knownDoc
	if err := r.decode(data[1], &k); err != nil || !reflect.DeepEqual(k, docs[1]) {
		t.Errorf("after refusing what was not a document, read %+v, %v", k, err)
	}
}
