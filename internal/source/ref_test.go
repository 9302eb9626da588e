package source

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"dossier/internal/testutil"
)

// docs returns a txtar section per document, each a metadata file with the
// given reference (none when ref is "") and a one-line text; names are the
// file names without extension, ids the same.
func docs(refs ...[2]string) string {
	var b strings.Builder
	for _, d := range refs {
		name, ref := d[0], d[1]
		m := testutil.MetaRef(name, ref, "")
		if ref == "" {
			m = strings.Replace(m, "ref: \n", "", 1)
		}
		b.WriteString("-- documents/" + name + ".yaml --\n" + m)
		b.WriteString("-- documents/" + name + ".txt --\nText of " + name + ".\n")
	}
	return b.String()
}

// TestRefErrors checks each way a source's reference can be wrong.
func TestRefErrors(t *testing.T) {
	tests := []struct {
		name string
		docs [][2]string
		want []string // lines of the error
	}{
		{
			name: "missing",
			docs: [][2]string{{"a", "S1"}, {"b", ""}, {"c", "S7"}},
			want: []string{`documents/b.yaml:1: ref is missing: add ref: S8, the next free reference`},
		},
		{
			name: "two missing get different suggestions",
			docs: [][2]string{{"a", ""}, {"b", ""}},
			want: []string{
				`documents/a.yaml:1: ref is missing: add ref: S1, the next free reference`,
				`documents/b.yaml:1: ref is missing: add ref: S2, the next free reference`,
			},
		},
		{name: "lower case", docs: [][2]string{{"a", "s1"}}, want: []string{`documents/a.yaml:2: ref "s1": a source's reference is S and a number from 1`}},
		{name: "zero", docs: [][2]string{{"a", "S0"}}, want: []string{`documents/a.yaml:2: ref "S0": `}},
		{name: "leading zero", docs: [][2]string{{"a", "S01"}}, want: []string{`documents/a.yaml:2: ref "S01": `}},
		{name: "number only", docs: [][2]string{{"a", "1"}}, want: []string{`documents/a.yaml:2: ref "1": `}},
		{name: "with a paragraph", docs: [][2]string{{"a", "S1 ¶2"}}, want: []string{`documents/a.yaml:2: ref "S1 ¶2": `}},
		{
			name: "duplicate",
			docs: [][2]string{{"a", "S1"}, {"b", "S2"}, {"c", "S2"}},
			want: []string{`documents/c.yaml:2: ref S2 is already the reference of b (documents/b.yaml:2); give this source the next free reference, S3`},
		},
		{
			name: "duplicate and missing: different free references",
			docs: [][2]string{{"a", "S1"}, {"b", "S1"}, {"c", "S2"}, {"d", ""}},
			want: []string{
				`documents/b.yaml:2: ref S1 is already the reference of a (documents/a.yaml:2); give this source the next free reference, S3`,
				`documents/d.yaml:1: ref is missing: add ref: S4, the next free reference`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(fixture(t, settings+docs(tt.docs...), nil), Options{})
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains("\n"+err.Error(), "\n"+w) {
					t.Errorf("error:\n%v\nwant a line starting %q", err, w)
				}
			}
		})
	}
}

// TestRefOrder checks that documents come in the order of their reference
// numbers, not of their file names nor of the references as strings, and
// that a new source whose file name sorts first changes no other source's
// reference.
func TestRefOrder(t *testing.T) {
	type doc struct{ ID, Ref string }
	order := func(t *testing.T, archive string) []doc {
		t.Helper()
		d, err := Load(fixture(t, settings+archive, nil), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []doc
		for _, x := range d.Documents {
			got = append(got, doc{x.ID, x.Ref})
		}
		return got
	}
	tests := []struct {
		name string
		docs [][2]string
		want []doc
	}{
		{
			name: "by number, S2 before S10",
			docs: [][2]string{{"a", "S10"}, {"b", "S2"}, {"c", "S1"}},
			want: []doc{{"c", "S1"}, {"b", "S2"}, {"a", "S10"}},
		},
		{
			name: "gaps are kept",
			docs: [][2]string{{"a", "S3"}, {"b", "S1"}},
			want: []doc{{"b", "S1"}, {"a", "S3"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, order(t, docs(tt.docs...))); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("a new source sorting first", func(t *testing.T) {
		before := order(t, docs([2]string{"m", "S1"}, [2]string{"n", "S2"}))
		after := order(t, docs([2]string{"m", "S1"}, [2]string{"n", "S2"}, [2]string{"a0000", "S3"}))
		refs := map[string]string{}
		for _, d := range after {
			refs[d.ID] = d.Ref
		}
		for _, d := range before {
			if refs[d.ID] != d.Ref {
				t.Errorf("adding documents/a0000 changed %s from %s to %s", d.ID, d.Ref, refs[d.ID])
			}
		}
		if want := (doc{"a0000", "S3"}); after[len(after)-1] != want {
			t.Errorf("the new source is %v; want it last, as %v", after[len(after)-1], want)
		}
	})
}
