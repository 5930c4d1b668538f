package figures_test

import (
	"testing"
	"time"

	"lapse/app/figures"
)

func TestUnion(t *testing.T) {
	h := func(n int) time.Time { return time.Date(2026, 1, 1, n, 0, 0, 0, time.UTC) }
	iv := func(a, b int) figures.Interval { return figures.Interval{Start: h(a), End: h(b)} }
	tests := []struct {
		name  string
		in    []figures.Interval
		want  []figures.Interval
		total time.Duration
	}{
		{"none", nil, []figures.Interval{}, 0},
		// 10–14 ∪ 12–16 = 10–16: 6 h, not 8.
		{"overlapping count once", []figures.Interval{iv(12, 16), iv(10, 14)}, []figures.Interval{iv(10, 16)}, 6 * time.Hour},
		// 1–5 holds 2–3 entirely: 4 h.
		{"contained", []figures.Interval{iv(1, 5), iv(2, 3)}, []figures.Interval{iv(1, 5)}, 4 * time.Hour},
		// 1–2 and 2–3 touch: one 2 h stretch.
		{"touching merge", []figures.Interval{iv(2, 3), iv(1, 2)}, []figures.Interval{iv(1, 3)}, 2 * time.Hour},
		// 1–2 and 4–6 stay apart: 1 h + 2 h.
		{"disjoint sorted", []figures.Interval{iv(4, 6), iv(1, 2)}, []figures.Interval{iv(1, 2), iv(4, 6)}, 3 * time.Hour},
		{"empty and reversed dropped", []figures.Interval{iv(3, 3), iv(5, 4)}, []figures.Interval{}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := figures.Union(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("Union = %v, want %v", got, tc.want)
			}
			for i := range got {
				if !got[i].Start.Equal(tc.want[i].Start) || !got[i].End.Equal(tc.want[i].End) {
					t.Fatalf("Union = %v, want %v", got, tc.want)
				}
			}
			if d := figures.Total(got); d != tc.total {
				t.Errorf("Total = %v, want %v", d, tc.total)
			}
		})
	}
}

func TestClip(t *testing.T) {
	h := func(n int) time.Time { return time.Date(2026, 1, 1, n, 0, 0, 0, time.UTC) }
	w := figures.Interval{Start: h(10), End: h(20)}
	tests := []struct {
		name string
		in   figures.Interval
		want time.Duration
	}{
		{"inside", figures.Interval{Start: h(11), End: h(13)}, 2 * time.Hour},
		{"over the start", figures.Interval{Start: h(8), End: h(12)}, 2 * time.Hour}, // 10–12
		{"over the end", figures.Interval{Start: h(18), End: h(23)}, 2 * time.Hour},  // 18–20
		{"covering", figures.Interval{Start: h(0), End: h(23)}, 10 * time.Hour},
		{"before", figures.Interval{Start: h(1), End: h(9)}, 0},
		{"after", figures.Interval{Start: h(21), End: h(22)}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.Clip(w).Len(); got != tc.want {
				t.Errorf("Clip().Len() = %v, want %v", got, tc.want)
			}
			if got := figures.Total(figures.ClipAll([]figures.Interval{tc.in}, w)); got != tc.want {
				t.Errorf("ClipAll total = %v, want %v", got, tc.want)
			}
			if got := tc.in.Overlaps(w); got != (tc.want > 0) {
				t.Errorf("Overlaps = %v", got)
			}
		})
	}
}
