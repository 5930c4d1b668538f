package review

import (
	"fmt"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
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
	return officialIn(s.Official, r.Window, r.AsOf)
}

// OfficialByMonth is Official for each of the review's months (as
// s.Months), each month cut to the window.
func (r *Review) OfficialByMonth(s *ServiceReview) []OfficialFigures {
	out := make([]OfficialFigures, len(r.Months))
	for i, m := range r.Months {
		w := m.Window(r.Location)
		if w.Start.Before(r.Window.Start) {
			w.Start = r.Window.Start
		}
		if w.End.After(r.Window.End) {
			w.End = r.Window.End
		}
		out[i] = officialIn(s.Official, w, r.AsOf)
	}
	return out
}

func officialIn(official []journal.Outage, w figures.Interval, asOf time.Time) OfficialFigures {
	f := OfficialFigures{
		Time:     figures.ImpairedTime(official, w, asOf),
		Unusable: figures.UnusableTime(official, w, asOf),
	}
	for _, o := range official {
		end := asOf
		if o.End != nil {
			end = *o.End
		}
		// An incident of no length (a feed entry that does not say how long)
		// still counts when it starts inside the window.
		if o.Start.Before(w.End) && (end.After(w.Start) || !o.Start.Before(w.Start)) {
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

// OfficialMonthDoc is one month of a service's official incidents.
type OfficialMonthDoc struct {
	Month           string `json:"month"`
	Incidents       int    `json:"incidents"`
	IncidentSeconds int64  `json:"incident_seconds"`
	UnusableSeconds int64  `json:"unusable_seconds"`
}

func (r *Review) officialMonthDocs(s *ServiceReview) []OfficialMonthDoc {
	out := []OfficialMonthDoc{}
	for i, f := range r.OfficialByMonth(s) {
		out = append(out, OfficialMonthDoc{Month: r.Months[i].String(), Incidents: f.Incidents,
			IncidentSeconds: seconds(f.Time), UnusableSeconds: seconds(f.Unusable)})
	}
	return out
}
