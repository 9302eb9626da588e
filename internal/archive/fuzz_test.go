package archive

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzVerifyReader verifies any bytes as an archive: no panic, and an
// archive refused as not matching its manifest names its problems.
func FuzzVerifyReader(f *testing.F) {
	for _, format := range []Format{TarGz, Zip} {
		var buf bytes.Buffer
		if err := Write(&buf, root(), options(format)); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
	}
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := VerifyReader(bytes.NewReader(data), int64(len(data)), "fuzz")
		if ve := (*Error)(nil); errors.As(err, &ve) && len(ve.Problems) == 0 {
			t.Errorf("an *Error without problems")
		}
	})
}
