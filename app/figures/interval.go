package figures

import (
	"slices"
	"sort"
	"time"
)

// Interval is the half-open span of time [Start, End).
type Interval struct {
	Start, End time.Time
}

// Len is the interval's length; zero when End is not after Start.
func (i Interval) Len() time.Duration {
	if !i.End.After(i.Start) {
		return 0
	}
	return i.End.Sub(i.Start)
}

// Empty reports whether the interval holds no time.
func (i Interval) Empty() bool { return !i.End.After(i.Start) }

// Clip returns the part of i inside w; an empty result has Start == End.
func (i Interval) Clip(w Interval) Interval {
	if i.Start.Before(w.Start) {
		i.Start = w.Start
	}
	if i.End.After(w.End) {
		i.End = w.End
	}
	if i.End.Before(i.Start) {
		i.End = i.Start
	}
	return i
}

// Overlaps reports whether i and w share some time.
func (i Interval) Overlaps(w Interval) bool {
	return i.Start.Before(w.End) && w.Start.Before(i.End) && !i.Empty() && !w.Empty()
}

// Union merges intervals so that overlapping or touching ones count once.
// The result is sorted, disjoint and has no empty interval.
func Union(ivs []Interval) []Interval {
	out := make([]Interval, 0, len(ivs))
	for _, iv := range ivs {
		if !iv.Empty() {
			out = append(out, iv)
		}
	}
	slices.SortFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	merged := out[:0]
	for _, iv := range out {
		merged = appendMerged(merged, iv)
	}
	return merged
}

// appendMerged adds iv, which starts no earlier than any interval in merged,
// joining it to the last one when they overlap or touch.
func appendMerged(merged []Interval, iv Interval) []Interval {
	if n := len(merged); n > 0 && !iv.Start.After(merged[n-1].End) {
		if iv.End.After(merged[n-1].End) {
			merged[n-1].End = iv.End
		}
		return merged
	}
	return append(merged, iv)
}

// ClipAll clips each interval to w and drops the empty ones.
func ClipAll(ivs []Interval, w Interval) []Interval {
	var out []Interval
	for _, iv := range ivs {
		if c := iv.Clip(w); !c.Empty() {
			out = append(out, c)
		}
	}
	return out
}

// Total is the summed length of the intervals; pass a Union to count overlaps once.
func Total(ivs []Interval) time.Duration {
	var d time.Duration
	for _, iv := range ivs {
		d += iv.Len()
	}
	return d
}

// overlapLen is |union ∩ w| for a sorted, disjoint union (as Union returns),
// found by binary search so that long histories stay cheap per window.
func overlapLen(union []Interval, w Interval) time.Duration {
	if w.Empty() {
		return 0
	}
	i := sort.Search(len(union), func(i int) bool { return union[i].End.After(w.Start) })
	var d time.Duration
	for ; i < len(union) && union[i].Start.Before(w.End); i++ {
		d += union[i].Clip(w).Len()
	}
	return d
}

// until returns w with its end moved back to asOf when it runs past it.
func until(w Interval, asOf time.Time) Interval {
	if w.End.After(asOf) {
		w.End = asOf
	}
	return w
}
