package figures

import (
	"math/big"
	"slices"
	"time"

	"lapse/app/journal"
)

// outageSpan is an outage's time as known at asOf: to its end, or to asOf
// while ongoing, and never past asOf (what happened after the report's
// instant is not known to it).
func outageSpan(o *journal.Outage, asOf time.Time) Interval {
	end := asOf
	if o.End != nil && o.End.Before(asOf) {
		end = *o.End
	}
	return Interval{o.Start, end}
}

// outageUnion is the union of the outages that pass keep, as known at asOf.
func outageUnion(outages []journal.Outage, asOf time.Time, keep func(journal.Impact) bool) []Interval {
	ivs := make([]Interval, 0, len(outages))
	for i := range outages {
		if keep(outages[i].Impact) {
			ivs = append(ivs, outageSpan(&outages[i], asOf))
		}
	}
	return Union(ivs)
}

// outageUnions returns the unusable (down) and impaired (all) unions with
// one sort, which dominates the cost of a long history.
func outageUnions(outages []journal.Outage, asOf time.Time) (down, all []Interval) {
	type span struct {
		Interval
		down bool
	}
	spans := make([]span, 0, len(outages))
	for i := range outages {
		if iv := outageSpan(&outages[i], asOf); !iv.Empty() {
			spans = append(spans, span{iv, outages[i].Impact == journal.ImpactDown})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.Start.Compare(b.Start) })
	// Sized once: a decade of short outages is mostly disjoint, and growing
	// by appends would copy the unions over and over.
	all = make([]Interval, 0, len(spans))
	down = make([]Interval, 0, len(spans))
	for _, s := range spans {
		all = appendMerged(all, s.Interval)
		if s.down {
			down = appendMerged(down, s.Interval)
		}
	}
	return down, all
}

func isDown(i journal.Impact) bool { return i == journal.ImpactDown }

func anyImpact(journal.Impact) bool { return true }

// UnusableIntervals is the union of the `down` outages clipped to window and to asOf.
func UnusableIntervals(outages []journal.Outage, window Interval, asOf time.Time) []Interval {
	return ClipAll(outageUnion(outages, asOf, isDown), window)
}

// UnusableTime is the length of the union of the `down` outages within window,
// an ongoing outage counting up to asOf.
func UnusableTime(outages []journal.Outage, window Interval, asOf time.Time) time.Duration {
	return overlapLen(outageUnion(outages, asOf, isDown), window)
}

// ImpairedTime is UnusableTime over outages of every impact.
func ImpairedTime(outages []journal.Outage, window Interval, asOf time.Time) time.Duration {
	return overlapLen(outageUnion(outages, asOf, anyImpact), window)
}

// Availability holds the exact terms of 1 − Unusable/Length.
type Availability struct {
	Unusable time.Duration // unusable time in the window, up to as-of
	Length   time.Duration // the window's length, up to as-of
}

// Ratio is the availability as a fraction for display (1 = never unusable).
// A zero Length has lost nothing and reads 1.
func (a Availability) Ratio() float64 {
	if a.Length <= 0 {
		return 1
	}
	return float64(a.Length-a.Unusable) / float64(a.Length)
}

// Permille is the availability in thousandths, rounded down, so that
// Permille() < p holds exactly when the availability is below p/1000.
func (a Availability) Permille() int { return a.scaled(1000) }

// BasisPoints is the availability in ten-thousandths, rounded down.
func (a Availability) BasisPoints() int { return a.scaled(10000) }

// scaled is floor(scale × (Length−Unusable) / Length), in big integers
// because a year in nanoseconds times 10000 overflows int64.
func (a Availability) scaled(scale int64) int {
	if a.Length <= 0 {
		return int(scale)
	}
	n := new(big.Int).Mul(big.NewInt(int64(a.Length-a.Unusable)), big.NewInt(scale))
	return int(n.Div(n, big.NewInt(int64(a.Length))).Int64())
}

// WindowAvailability is the availability over window up to asOf. It is not
// defined (ok false) when no part of the window has passed by asOf.
func WindowAvailability(outages []journal.Outage, window Interval, asOf time.Time) (a Availability, ok bool) {
	return availability(outageUnion(outages, asOf, isDown), window, asOf)
}

// MonthAvailability is the availability of month m in loc: the whole month
// once it is over, the month so far while asOf is in it, and not defined
// (ok false) for a month that has not begun by asOf.
func MonthAvailability(outages []journal.Outage, m Month, loc *time.Location, asOf time.Time) (a Availability, ok bool) {
	return WindowAvailability(outages, m.Window(loc), asOf)
}

func availability(down []Interval, window Interval, asOf time.Time) (Availability, bool) {
	w := until(window, asOf)
	if w.Empty() {
		return Availability{}, false
	}
	return Availability{Unusable: overlapLen(down, w), Length: w.Len()}, true
}
