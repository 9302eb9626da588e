package archive

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"
)

// readBytes reads the archive a test wrote into memory.
func readBytes(t *testing.T, f Format) []byte {
	t.Helper()
	data, err := os.ReadFile(writeArchive(t, f))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestVerifyReader verifies archives held in memory, and refuses the
// hostile ones: a second gzip member, data after the tar, and zip
// entries that share their data.
func TestVerifyReader(t *testing.T) {
	tgz, zipped := readBytes(t, TarGz), readBytes(t, Zip)
	var member bytes.Buffer
	gw := gzip.NewWriter(&member)
	gw.Write([]byte("evil.sh: a second member that tar -z would extract"))
	gw.Close()
	tests := []struct {
		name string
		data []byte
		want string // in the error; "" for none
	}{
		{"tar.gz", tgz, ""},
		{"zip", zipped, ""},
		{"second gzip member", append(bytes.Clone(tgz), member.Bytes()...), "second gzip member"},
		{"garbage after gzip", append(bytes.Clone(tgz), "trailing"...), "data after the end of the gzip stream"},
		{"overlapping zip entries", overlapping(t), "overlap"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := VerifyReader(bytes.NewReader(tt.data), int64(len(tt.data)), "mem")
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want == "" && res.Files == 0:
				t.Errorf("no files verified")
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

// overlapping returns a zip of two entries, x and y, whose central
// directory points both at the data of x.
func overlapping(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "x", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(bytes.Repeat([]byte("a"), 100000))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	cd := bytes.Index(data, []byte("PK\x01\x02"))
	eocd := bytes.LastIndex(data, []byte("PK\x05\x06"))
	entry := data[cd:eocd]
	second := bytes.Clone(entry)
	second[46] = 'y' // the name, after the fixed 46 bytes of the header
	out := append(bytes.Clone(data[:eocd]), second...)
	end := bytes.Clone(data[eocd:])
	binary.LittleEndian.PutUint16(end[8:], 2)
	binary.LittleEndian.PutUint16(end[10:], 2)
	binary.LittleEndian.PutUint32(end[12:], uint32(2*len(entry)))
	return append(out, end...)
}

// TestVerifyCRLFManifest names a manifest with CRLF line ends once,
// instead of a problem for every line.
func TestVerifyCRLFManifest(t *testing.T) {
	name := writeArchive(t, TarGz)
	entries := readRaw(t, name, TarGz)
	entries = edit(top+"/SHA256SUMS", func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) })(entries)
	writeRaw(t, name, TarGz, entries)
	_, err := Verify(name)
	var ve *Error
	if !errors.As(err, &ve) {
		t.Fatalf("error %v, want an *Error", err)
	}
	if len(ve.Problems) != 1 || !strings.Contains(ve.Problems[0].Detail, "CRLF") {
		t.Errorf("problems %v, want one naming CRLF", ve.Problems)
	}
}
