package pdf

import "testing"

// TestLearnBalance checks what a run of columns passes on to the next pass
// as it ends: a fresh measure of an unbalanced last page, the same height
// again once it worked, and, once balancing pushed text past the page it
// was for, a failure that stays, so that the passes settle.
func TestLearnBalance(t *testing.T) {
	const top, end = 24.0, 277.0
	tests := []struct {
		name string
		cols columns
		y    float64 // where the last column ends
		want balance
	}{
		{
			name: "left full, right short: even shares, plus the slack",
			cols: columns{n: 2, i: 1, top: top, end: end, page: 3, ends: []float64{270}},
			y:    80,
			want: balance{page: 3, height: (246+56)/2 + balanceSlack},
		},
		{
			name: "one column used: half of it to each",
			cols: columns{n: 2, top: top, end: end, page: 1},
			y:    124,
			want: balance{page: 1, height: 50 + balanceSlack},
		},
		{
			name: "a short page: no lower than a run needs to start, not to part a heading from its lines",
			cols: columns{n: 2, top: top, end: end, page: 1},
			y:    top + 36,
			want: balance{page: 1, height: minColumnRoom},
		},
		{
			name: "level enough already",
			cols: columns{n: 2, i: 1, top: top, end: end, page: 2, ends: []float64{270}},
			y:    260,
		},
		{
			name: "too full to even out safely",
			cols: columns{n: 2, i: 1, top: top, end: end, page: 2, ends: []float64{276}},
			y:    250,
		},
		{
			name: "balanced as learned: the same again",
			cols: columns{n: 2, i: 1, top: top, end: end, page: 3, ends: []float64{170}, bal: balance{page: 3, height: 150}, evened: true},
			y:    168,
			want: balance{page: 3, height: 150},
		},
		{
			name: "balancing pushed text onto another page: failed",
			cols: columns{n: 2, top: 24, end: end, page: 4, bal: balance{page: 3, height: 150}},
			y:    40,
			want: balance{failed: true},
		},
		{
			name: "a failure stays",
			cols: columns{n: 2, i: 1, top: top, end: end, page: 3, ends: []float64{270}, bal: balance{failed: true}},
			y:    80,
			want: balance{failed: true},
		},
		{
			name: "the run ends before the page learned: measured afresh",
			cols: columns{n: 2, top: top, end: end, page: 2, bal: balance{page: 3, height: 150}},
			y:    124,
			want: balance{page: 2, height: 50 + balanceSlack},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cols.even = true
			s := &doc{cols: tt.cols, y: tt.y, balanced: make([]balance, 1)}
			s.learnBalance()
			if got := s.balanced[0]; got != tt.want {
				t.Errorf("learned %+v, want %+v", got, tt.want)
			}
		})
	}
}
