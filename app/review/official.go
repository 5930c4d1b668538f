package review

import (
	"fmt"
	"time"

	"lapse/app/figures"
	"lapse/app/words"
)

// OfficialFigures are the vendor's word over the review's window, set
// beside the user's lived figures and never added to them.
type OfficialFigures struct {
	Incidents int           // official incidents overlapping the window
	Time      time.Duration // their time in the window (any impact, overlaps once), an ongoing one up to as-of
	Unusable  time.Duration // of which the page marked the service down
}

// Official sums a service's official incidents over the review's window.
func (r *Review) Official(s *ServiceReview) OfficialFigures {
	f := OfficialFigures{
		Time:     figures.ImpairedTime(s.Official, r.Window, r.AsOf),
		Unusable: s.OfficialUnusable,
	}
	for _, o := range s.Official {
		end := r.AsOf
		if o.End != nil {
			end = *o.End
		}
		// An incident of no length (a feed entry that does not say how long)
		// still counts when it starts inside the window.
		if o.Start.Before(r.Window.End) && (end.After(r.Window.Start) || !o.Start.Before(r.Window.Start)) {
			f.Incidents++
		}
	}
	return f
}

// OfficialLine says the vendor's word beside the user's in l: "The status
// page reported 2 hours 10 minutes of incidents in this period; you
// recorded 15 days 3 hours unusable."
func OfficialLine(f OfficialFigures, lived time.Duration, l words.Lang) string {
	key := "official.line"
	switch {
	case f.Incidents == 0 && lived <= 0:
		return words.T(l, "official.line_both_none")
	case f.Incidents == 0:
		key = "official.line_page_none"
	case lived <= 0:
		key = "official.line_me_none"
	}
	return fmt.Sprintf(words.T(l, key), words.Duration(f.Time, l), words.Duration(lived, l))
}
