package pdf

import (
	"fmt"
	"testing"
)

// TestIndexBalance pours items of the index into columns and checks that
// the last page's two columns are evened out: the first no shorter than
// the second, no item moved off the page, a letter never parted from its
// first entry, and the pages before left as they were.
func TestIndexBalance(t *testing.T) {
	entry := func(h float64) indexItem { return indexItem{lines: make([]line, 1), h: h} }
	letter := indexItem{letter: "A", h: 6}
	repeat := func(n int, it indexItem) []indexItem {
		out := make([]indexItem, n)
		for i := range out {
			out[i] = it
		}
		return out
	}
	flow := indexFlow{top: 20, pageTop: 0, bottom: 100}
	tests := []struct {
		name  string
		items []indexItem
		want  string // the last page: the items of each column, "|" between
	}{
		{
			name:  "nine entries left on the last page: five and four",
			items: repeat(25, entry(10)), // 8 + 8 on the first page, under the introduction
			want:  "1:..... | ....",
		},
		{
			name:  "short index on one page: split in two",
			items: repeat(5, entry(10)),
			want:  "0:... | ..",
		},
		{
			name:  "a letter stays with its first entry",
			items: append(repeat(3, entry(10)), letter, entry(10), entry(10)),
			want:  "0:... | A..",
		},
		{
			name:  "one entry: nothing to balance",
			items: repeat(1, entry(10)),
			want:  "0:. | ",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			slots := flow.place(tt.items, -1)
			j := flow.balance(tt.items, slots)
			if j >= 0 {
				balanced := flow.place(tt.items, j)
				for i := range slots {
					if slots[i].page < slots[len(slots)-1].page && balanced[i] != slots[i] {
						t.Fatalf("item %d moved from %+v to %+v, on a page before the last", i, slots[i], balanced[i])
					}
				}
				slots = balanced
			}
			if got := lastPage(tt.items, slots); got != tt.want {
				t.Errorf("last page = %q, want %q", got, tt.want)
			}
			var left, right float64
			last := slots[len(slots)-1].page
			for i, sl := range slots {
				if sl.page != last {
					continue
				}
				if sl.col == 0 {
					left = max(left, sl.y+tt.items[i].h)
				} else {
					right = max(right, sl.y+tt.items[i].h)
				}
				if sl.y+tt.items[i].h > flow.bottom+eps {
					t.Errorf("item %d ends at %.1f, below the foot %.1f", i, sl.y+tt.items[i].h, flow.bottom)
				}
			}
			if right > left {
				t.Errorf("the right column (to %.1f) is longer than the left (to %.1f)", right, left)
			}
		})
	}
}

// lastPage shows the items on the last page of slots: "P:" with P the
// page, then a dot per entry and the letter of each heading, column by
// column.
func lastPage(items []indexItem, slots []indexSlot) string {
	last := slots[len(slots)-1].page
	cols := [2]string{}
	for i, sl := range slots {
		if sl.page != last {
			continue
		}
		if items[i].letter != "" {
			cols[sl.col] += items[i].letter
		} else {
			cols[sl.col] += "."
		}
	}
	return fmt.Sprintf("%d:%s | %s", last, cols[0], cols[1])
}
