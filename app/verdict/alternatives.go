package verdict

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"lapse/app/figures"
)

// AlternativeFigures are one service's figures over the verdict's window,
// for comparing it with the services the user could switch to.
type AlternativeFigures struct {
	ServiceID    int64
	Name         string
	Self         bool                  // the service being judged, not an alternative
	Better       bool                  // less unusable time than the service and no lower availability
	Unusable     time.Duration         // in the window
	Availability *figures.Availability // over the window; nil when it has not begun
	Accrued      int64                 // accrued cost in the window, minor units of Currency
	Currency     string                // the home currency
	Tickets      int                   // tickets open at some time in the window
	// WorstFirstResponse is the slowest first response among those tickets; nil when none had one.
	WorstFirstResponse *figures.TicketResponse
}

// CompareAlternatives computes the figures of in.Service and of each of
// in.Alternatives over the verdict's window: the service first, then the
// alternatives best first (least unusable time, then cheapest, then by
// name). It fails on invalid thresholds or a missing exchange rate.
func CompareAlternatives(in Input) ([]AlternativeFigures, error) {
	if err := in.Thresholds.Validate(); err != nil {
		return nil, fmt.Errorf("compare alternatives: %w", err)
	}
	loc := zone(in.Loc)
	in = known(in, loc)
	w := lookBack(in.Thresholds, in.AsOf, loc)
	self, err := figures.Summarize(in.Service, w, loc, in.AsOf, in.Converter)
	if err != nil {
		return nil, fmt.Errorf("compare alternatives of %s: %w", in.Service.Service.Name, err)
	}
	alts, err := compare(in, w, loc, self)
	if err != nil {
		return nil, err
	}
	row := figuresOf(in.Service, self, in.Converter.Home)
	row.Self = true
	return append([]AlternativeFigures{row}, alts...), nil
}

// compare computes the alternatives' figures over w, best first, marking
// those better than the service's own summary.
func compare(in Input, w figures.Interval, loc *time.Location, self figures.Summary) ([]AlternativeFigures, error) {
	out := make([]AlternativeFigures, 0, len(in.Alternatives))
	for _, d := range in.Alternatives {
		s, err := figures.Summarize(d, w, loc, in.AsOf, in.Converter)
		if err != nil {
			return nil, fmt.Errorf("compare alternative %s: %w", d.Service.Name, err)
		}
		a := figuresOf(d, s, in.Converter.Home)
		// Better: less unusable time and no lower availability. Both are
		// measured over the same window, so availability 1 − unusable/length
		// is higher exactly when the unusable time is lower.
		a.Better = s.Unusable < self.Unusable
		out = append(out, a)
	}
	slices.SortStableFunc(out, rank)
	return out, nil
}

func figuresOf(d figures.ServiceData, s figures.Summary, home string) AlternativeFigures {
	return AlternativeFigures{ServiceID: d.Service.ID, Name: d.Service.Name, Unusable: s.Unusable,
		Availability: s.Availability, Accrued: s.Accrued, Currency: home, Tickets: s.Tickets,
		WorstFirstResponse: s.WorstFirstResponse}
}

// rank orders alternatives best first: least unusable time (over one
// window, also the highest availability), cheapest, then by name and ID so
// the order is stable.
func rank(a, b AlternativeFigures) int {
	if c := cmp.Compare(a.Unusable, b.Unusable); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Accrued, b.Accrued); c != 0 {
		return c
	}
	if c := strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)); c != 0 {
		return c
	}
	return cmp.Compare(a.ServiceID, b.ServiceID)
}
