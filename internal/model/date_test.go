package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestParseWrittenDate(t *testing.T) {
	for _, tc := range []struct {
		in         string
		iso, long  string
		parts      []int
		wantErrSub string
	}{
		{in: "2019-05-02", iso: "2019-05-02", long: "2 May 2019", parts: []int{2019, 5, 2}},
		{in: "2025-09-14", iso: "2025-09-14", long: "14 September 2025", parts: []int{2025, 9, 14}},
		{in: "2025-08-09", iso: "2025-08-09", long: "9 August 2025", parts: []int{2025, 8, 9}},
		{in: "2025-11", iso: "2025-11", long: "November 2025", parts: []int{2025, 11}},
		{in: "2013", iso: "2013", long: "2013", parts: []int{2013}},
		{in: "25 April 2013", iso: "2013-04-25", long: "25 April 2013", parts: []int{2013, 4, 25}},
		{in: " April  25, 2013 ", iso: "2013-04-25", long: "25 April 2013", parts: []int{2013, 4, 25}},
		{in: "April 2013", iso: "2013-04", long: "April 2013", parts: []int{2013, 4}},
		{in: "2025-02-30", wantErrSub: "not a day of the calendar"},
		{in: "2025-13", wantErrSub: "not a day of the calendar"},
		{in: "14/09/2025", wantErrSub: "is not a date"},
		{in: "last spring", wantErrSub: "is not a date"},
	} {
		d, err := ParseWrittenDate(tc.in)
		if tc.wantErrSub != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErrSub) {
				t.Errorf("ParseWrittenDate(%q) = %v, %v; want an error saying %q", tc.in, d, err, tc.wantErrSub)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseWrittenDate(%q): %v", tc.in, err)
			continue
		}
		if d.String() != tc.iso || d.Long() != tc.long || !slices.Equal(d.Parts(), tc.parts) {
			t.Errorf("ParseWrittenDate(%q) = %s, %q, %v; want %s, %q, %v", tc.in, d, d.Long(), d.Parts(), tc.iso, tc.long, tc.parts)
		}
	}
}

func TestParseDateSaysWhy(t *testing.T) {
	for in, want := range map[string]string{
		"2025-13-45": `date "2025-13-45" is of the form YYYY-MM-DD, but is not a day of the calendar`,
		"15.12.2025": `date "15.12.2025" is not of the form YYYY-MM-DD`,
	} {
		if _, err := ParseDate(in); err == nil || err.Error() != want {
			t.Errorf("ParseDate(%q): %v; want %s", in, err, want)
		}
	}
}

func TestDateAfter(t *testing.T) {
	cut := Date{2025, time.December, 15}
	for _, tc := range []struct {
		d    Date
		want bool
	}{
		{Date{2025, time.December, 15}, false},
		{Date{2025, time.December, 16}, true},
		{Date{2025, time.December, 0}, false}, // December 2025 may be before the 15th
		{Date{2026, time.January, 0}, true},
		{Date{2025, 0, 0}, false},
		{Date{2026, 0, 0}, true},
		{Date{2024, time.December, 31}, false},
	} {
		if got := tc.d.After(cut); got != tc.want {
			t.Errorf("%s.After(%s) = %v, want %v", tc.d, cut, got, tc.want)
		}
	}
}
