package fpdf

// dossier's tests of its patches (README.dossier.md); upstream's tests are
// not in this copy.

import (
	"math"
	"strconv"
	"testing"
)

// TestAppendF2 checks patch 16 against strconv on values a page holds,
// the halves strconv rounds to even, signed zeros, and values appendF2
// leaves to strconv.
func TestAppendF2(t *testing.T) {
	values := []float64{
		0, math.Copysign(0, -1), 1, -1, 0.005, 0.015, 0.125, 0.375, -0.125, 2.675, 1.005,
		-0.001, -0.004, -0.005, 0.004999999, 0.995, 9.995, 99.995, 841.89, 595.28, 123456.785,
		1e7 - 0.005, 1e9, -1e9, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.SmallestNonzeroFloat64,
	}
	// The sizes and positions the briefing writes: millimetres times the
	// scale factor, in steps that are not exact in binary.
	k := 72 / 25.4
	for i := 0; i < 200000; i++ {
		values = append(values, float64(i)*0.05*k, float64(i)/7, -float64(i)*0.001)
	}
	for _, v := range values {
		want := strconv.AppendFloat(nil, v, 'f', 2, 64)
		if got := appendF2(nil, v); string(got) != string(want) {
			t.Errorf("appendF2(%v) = %q, want %q", v, got, want)
		}
	}
}

func FuzzAppendF2(f *testing.F) {
	f.Add(0.125)
	f.Add(-0.001)
	f.Add(2.675)
	f.Fuzz(func(t *testing.T, v float64) {
		want := strconv.AppendFloat(nil, v, 'f', 2, 64)
		if got := appendF2(nil, v); string(got) != string(want) {
			t.Errorf("appendF2(%v) = %q, want %q", v, got, want)
		}
	})
}

func BenchmarkAppendF2(b *testing.B) {
	buf := make([]byte, 0, 32)
	for i := 0; i < b.N; i++ {
		buf = appendF2(buf[:0], float64(i%100000)*0.1417)
	}
}

func BenchmarkAppendFloat(b *testing.B) {
	buf := make([]byte, 0, 32)
	for i := 0; i < b.N; i++ {
		buf = strconv.AppendFloat(buf[:0], float64(i%100000)*0.1417, 'f', 2, 64)
	}
}
