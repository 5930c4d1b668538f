package review

import (
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
)

// Doc is a review as a plain document: what `lapse report --json` prints and
// the JSON export builds on. Durations are whole seconds, money is minor
// units of Currency with its decimal text beside it.
type Doc struct {
	AsOf     time.Time    `json:"as_of"`
	TimeZone string       `json:"time_zone"`
	Currency string       `json:"home_currency"`
	From     time.Time    `json:"from"`
	To       time.Time    `json:"to"`
	Services []ServiceDoc `json:"services"`
}

// ServiceDoc is one service's figures over the window and by month.
type ServiceDoc struct {
	Name    string     `json:"name"`
	Figures FiguresDoc `json:"figures"`
	Outages int        `json:"outages"`
	// OfficialUnusableSeconds is the unusable time of the incidents the
	// service published, beside the lived figure.
	OfficialUnusableSeconds int64 `json:"official_unusable_seconds"`
	// OfficialIncidents and OfficialIncidentSeconds are how many incidents
	// the status page reported in the window and their time at any impact.
	OfficialIncidents       int   `json:"official_incidents"`
	OfficialIncidentSeconds int64 `json:"official_incident_seconds"`
	Tickets                 int   `json:"tickets"`
	// WorstFirstResponseSeconds and LongestSilenceSeconds are null when no ticket has one.
	WorstFirstResponseSeconds *int64     `json:"worst_first_response_seconds"`
	LongestSilenceSeconds     *int64     `json:"longest_silence_seconds"`
	ThisMonth                 MonthDoc   `json:"this_month"`
	Months                    []MonthDoc `json:"months"`

	// OfficialMonths are the official incidents by month, beside Months.
	OfficialMonths []OfficialMonthDoc `json:"official_months"`
}

// FiguresDoc are the time and money figures of a window.
type FiguresDoc struct {
	UnusableSeconds   int64            `json:"unusable_seconds"`
	ImpairedSeconds   int64            `json:"impaired_seconds"`
	Availability      *AvailabilityDoc `json:"availability"`
	Cash              MoneyDoc         `json:"cash"`
	Accrued           MoneyDoc         `json:"accrued"`
	PaidWhileUnusable MoneyDoc         `json:"paid_while_unusable"`
}

// MonthDoc is one calendar month's figures.
type MonthDoc struct {
	Month string `json:"month"`
	FiguresDoc
}

// AvailabilityDoc is 1 − unusable/length, with both lengths for exactness.
type AvailabilityDoc struct {
	Ratio           float64 `json:"ratio"`
	UnusableSeconds int64   `json:"unusable_seconds"`
	LengthSeconds   int64   `json:"length_seconds"`
}

// MoneyDoc is an amount in minor units with its decimal text ("9.68").
type MoneyDoc struct {
	Minor int64  `json:"minor"`
	Text  string `json:"text"`
}

// Document turns the review into a Doc.
func (r *Review) Document() Doc {
	d := Doc{AsOf: r.AsOf.UTC(), TimeZone: r.Location.String(), Currency: r.Home, From: r.Window.Start.UTC(), To: r.Window.End.UTC(),
		Services: []ServiceDoc{}}
	for _, s := range r.Services {
		sd := ServiceDoc{
			Name:                    s.Data.Service.Name,
			Figures:                 r.figuresDoc(s.Summary.Unusable, s.Summary.Impaired, s.Summary.Availability, s.Summary.Cash, s.Summary.Accrued, s.Summary.PaidWhileUnusable),
			Outages:                 s.Summary.Outages,
			OfficialUnusableSeconds: seconds(s.OfficialUnusable),
			Tickets:                 s.Summary.Tickets,
			ThisMonth:               r.monthDoc(s.ThisMonth),
			Months:                  []MonthDoc{},
		}
		off := r.Official(&s)
		sd.OfficialIncidents, sd.OfficialIncidentSeconds = off.Incidents, seconds(off.Time)
		sd.OfficialMonths = r.officialMonthDocs(&s)
		if w := s.Summary.WorstFirstResponse; w != nil {
			v := seconds(w.After)
			sd.WorstFirstResponseSeconds = &v
		}
		if l := s.Summary.LongestSilence; l != nil {
			v := seconds(l.Length())
			sd.LongestSilenceSeconds = &v
		}
		for _, m := range s.Months {
			sd.Months = append(sd.Months, r.monthDoc(m))
		}
		d.Services = append(d.Services, sd)
	}
	return d
}

func (r *Review) monthDoc(m figures.MonthFigures) MonthDoc {
	return MonthDoc{Month: m.Month.String(), FiguresDoc: r.figuresDoc(m.Unusable, m.Impaired, m.Availability, m.Cash, m.Accrued, m.PaidWhileUnusable)}
}

func (r *Review) figuresDoc(unusable, impaired time.Duration, a *figures.Availability, cash, accrued, paid int64) FiguresDoc {
	f := FiguresDoc{UnusableSeconds: seconds(unusable), ImpairedSeconds: seconds(impaired),
		Cash: r.money(cash), Accrued: r.money(accrued), PaidWhileUnusable: r.money(paid)}
	if a != nil {
		f.Availability = &AvailabilityDoc{Ratio: a.Ratio(), UnusableSeconds: seconds(a.Unusable), LengthSeconds: seconds(a.Length)}
	}
	return f
}

func (r *Review) money(minor int64) MoneyDoc {
	return MoneyDoc{Minor: minor, Text: journal.FormatAmount(minor, r.Home)}
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }
