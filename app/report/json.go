package report

import (
	"encoding/json"
	"fmt"
	"time"

	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
)

// JSONFormat and JSONVersion identify the JSON export; the version grows
// when a field changes meaning or goes away.
const (
	JSONFormat  = "lapse.summary"
	JSONVersion = 1
)

// Doc is the JSON export of a summary. Times are RFC 3339 UTC instants,
// dates YYYY-MM-DD, durations whole seconds, money minor units with the
// decimal text and the currency beside them. Figures is the review of the
// one service over the period, as `lapse report --json` prints it.
type Doc struct {
	Format    string        `json:"format"`
	Version   int           `json:"version"`
	Language  string        `json:"language"`
	Service   ServiceInfo   `json:"service"`
	Figures   review.Doc    `json:"figures"`
	Refund    MoneyDoc      `json:"refund_estimate"` // paid while unusable, in the plans' currency when they share one
	Verdict   *VerdictDoc   `json:"verdict"`         // null when none could be drawn
	Plans     []PlanDoc     `json:"plans"`
	Charges   []ChargeDoc   `json:"charges"`
	Next      *ChargeDoc    `json:"next_charge"` // null when no plan will charge again
	Outages   []OutageDoc   `json:"outages"`
	Tickets   []TicketDoc   `json:"tickets"`
	Decisions []DecisionDoc `json:"decisions"`
	Letter    LetterDoc     `json:"letter"`
}

// ServiceInfo is the service the summary is about.
type ServiceInfo struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Category   string `json:"category"`
	Website    string `json:"website"`
	StatusPage string `json:"status_page"`
}

// MoneyDoc is an amount in minor units of Currency, with its decimal text.
type MoneyDoc struct {
	Minor    int64  `json:"minor"`
	Text     string `json:"text"`
	Currency string `json:"currency"`
}

// VerdictDoc is the verdict as of the summary's instant, with its reasons.
type VerdictDoc struct {
	Kind       string      `json:"kind"` // keep, watch, consider_switching, cancel_before
	Text       string      `json:"text"`
	NextCharge string      `json:"next_charge,omitempty"`
	DaysLeft   int         `json:"days_left"`
	From       time.Time   `json:"from"` // the look-back window the rules read
	To         time.Time   `json:"to"`
	Reasons    []ReasonDoc `json:"reasons"`
}

// ReasonDoc is one rule that fired.
type ReasonDoc struct {
	Code  string `json:"code"`
	Level string `json:"level"`
	Text  string `json:"text"`
}

// PlanDoc is a subscription of the period.
type PlanDoc struct {
	Plan     string   `json:"plan"`
	Price    MoneyDoc `json:"price"` // in force at as-of
	Every    int      `json:"every"`
	Unit     string   `json:"unit"` // day, week, month, year
	Start    string   `json:"start"`
	End      string   `json:"end,omitempty"`
	TrialEnd string   `json:"trial_end,omitempty"`
}

// ChargeDoc is one charge.
type ChargeDoc struct {
	Date   string   `json:"date"`
	Until  string   `json:"until"` // the next billing date: the charge pays for [date, until)
	Plan   string   `json:"plan"`
	Amount MoneyDoc `json:"amount"`
}

// OutageDoc is one outage of the timeline.
type OutageDoc struct {
	ID              int64      `json:"id"`
	Title           string     `json:"title"`
	Start           time.Time  `json:"start"`
	End             *time.Time `json:"end"` // null while ongoing at as-of
	DurationSeconds int64      `json:"duration_seconds"`
	Impact          string     `json:"impact"`
	Platforms       []string   `json:"platforms"`
	StillWorked     string     `json:"still_worked"`
	Symptoms        string     `json:"symptoms"`
	Steps           []StepDoc  `json:"steps"`
	Resolution      string     `json:"resolution"`
	Source          string     `json:"source"`
	Link            string     `json:"link"`
}

// StepDoc is a troubleshooting step and its result.
type StepDoc struct {
	Action string `json:"action"`
	Result string `json:"result"`
}

// TicketDoc is a support ticket with its thread.
type TicketDoc struct {
	ID         int64        `json:"id"`
	Reference  string       `json:"reference"`
	Subject    string       `json:"subject"`
	Channel    string       `json:"channel"`
	OpenedAt   time.Time    `json:"opened_at"`
	ResolvedAt *time.Time   `json:"resolved_at"` // null while open at as-of
	Outcome    string       `json:"outcome"`
	Metrics    MetricsDoc   `json:"metrics"`
	Messages   []MessageDoc `json:"messages"`
}

// MetricsDoc are a ticket's figures; null when not reached yet.
type MetricsDoc struct {
	FirstResponseSeconds      *int64      `json:"first_response_seconds"`
	FirstHumanResponseSeconds *int64      `json:"first_human_response_seconds"`
	LongestSilence            *SilenceDoc `json:"longest_silence"`
	Waiting                   *SilenceDoc `json:"waiting"` // the silence still running on an open ticket
	FollowUps                 int         `json:"follow_ups"`
	TimeToResolutionSeconds   *int64      `json:"time_to_resolution_seconds"`
}

// SilenceDoc is a stretch without a human reply.
type SilenceDoc struct {
	From    time.Time `json:"from"`
	To      time.Time `json:"to"`
	Seconds int64     `json:"seconds"`
	Running bool      `json:"running"`
}

// MessageDoc is one message of a thread.
type MessageDoc struct {
	ID          int64     `json:"id"`
	At          time.Time `json:"at"`
	Direction   string    `json:"direction"`
	Author      string    `json:"author"`
	From        string    `json:"from"`
	Summary     string    `json:"summary"`
	Body        string    `json:"body"`
	GapSeconds  int64     `json:"gap_seconds"`              // since the previous message
	EndsSilence *int64    `json:"ends_silence_seconds"`     // the silence this human reply ended
	Automated   bool      `json:"automated_within_silence"` // a bot or auto reply that did not end a silence
}

// DecisionDoc is a decision event.
type DecisionDoc struct {
	Date       string    `json:"date"`
	Kind       string    `json:"kind"`
	Amount     *MoneyDoc `json:"amount"`
	SwitchedTo string    `json:"switched_to,omitempty"`
	Note       string    `json:"note"`
}

// LetterDoc is the drafted request.
type LetterDoc struct {
	Language string `json:"language"`
	Subject  string `json:"subject"`
	Body     string `json:"body"`
}

// JSON renders the summary as an indented Doc. Bidirectional controls,
// which can only stand inside its strings, are written as their codes
// ("<U+202E>"), as in every other export.
func (s *Summary) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(s.Document(), "", "  ")
	if err != nil {
		return nil, fmt.Errorf("render JSON summary: %w", err)
	}
	return append([]byte(words.ShowBidi(string(b))), '\n'), nil
}

func moneyDoc(m journal.Money) MoneyDoc {
	return MoneyDoc{Minor: m.Amount, Text: journal.FormatAmount(m.Amount, m.Currency), Currency: m.Currency}
}

func secsPtr(d time.Duration) *int64 {
	v := int64(d / time.Second)
	return &v
}

func silenceDoc(from, to time.Time, running bool) *SilenceDoc {
	return &SilenceDoc{From: from.UTC(), To: to.UTC(), Seconds: int64(to.Sub(from) / time.Second), Running: running}
}

func chargeDoc(c Charge) ChargeDoc {
	return ChargeDoc{Date: c.Date.String(), Until: c.Until.String(), Plan: c.Plan, Amount: moneyDoc(journal.Money{Amount: c.Amount, Currency: c.Currency})}
}

// Document turns the summary into its JSON document.
func (s *Summary) Document() Doc {
	subject, body := s.letter()
	d := Doc{Format: JSONFormat, Version: JSONVersion, Language: string(s.Lang),
		Service: ServiceInfo{ID: s.Service.ID, Name: s.Service.Name, Category: s.Service.Category, Website: s.Service.Website, StatusPage: s.Service.StatusPage},
		Figures: s.Review.Document(), Refund: moneyDoc(s.Refund),
		Plans: []PlanDoc{}, Charges: []ChargeDoc{}, Outages: []OutageDoc{}, Tickets: []TicketDoc{}, Decisions: []DecisionDoc{},
		Letter: LetterDoc{Language: string(s.Lang), Subject: subject, Body: body}}
	if v := s.Verdict; v != nil {
		vd := &VerdictDoc{Kind: string(v.Kind), Text: v.Text(s.Lang), DaysLeft: v.DaysLeft, From: v.Window.Start.UTC(), To: v.Window.End.UTC(),
			Reasons: []ReasonDoc{}}
		if v.NextCharge != nil {
			vd.NextCharge = v.NextCharge.String()
		}
		for _, r := range v.Reasons {
			vd.Reasons = append(vd.Reasons, ReasonDoc{Code: string(r.Code), Level: string(r.Level), Text: r.Text(s.Lang)})
		}
		d.Verdict = vd
	}
	asOfDate := journal.DateOf(s.AsOf.In(s.Location))
	for _, p := range s.Plans {
		d.Plans = append(d.Plans, PlanDoc{Plan: p.Plan, Price: moneyDoc(journal.Money{Amount: p.PriceOn(asOfDate), Currency: p.Currency}),
			Every: p.Period.N, Unit: string(p.Period.Unit), Start: p.Start.String(), End: p.End.String(), TrialEnd: p.TrialEnd.String()})
	}
	for _, c := range s.Charges {
		d.Charges = append(d.Charges, chargeDoc(c))
	}
	if s.Next != nil {
		n := chargeDoc(*s.Next)
		d.Next = &n
	}
	for i := range s.Outages {
		o := &s.Outages[i]
		od := OutageDoc{ID: o.ID, Title: o.Title, Start: o.Start.UTC(), DurationSeconds: int64(s.OutageEnd(o).Sub(o.Start) / time.Second),
			Impact: string(o.Impact), Platforms: append([]string{}, o.Platforms...), StillWorked: o.StillWorked, Symptoms: o.Symptoms,
			Steps: []StepDoc{}, Resolution: o.Resolution, Source: string(o.Source), Link: o.Link}
		if o.End != nil && !o.End.After(s.AsOf) {
			end := o.End.UTC()
			od.End = &end
		}
		for _, st := range o.Steps {
			od.Steps = append(od.Steps, StepDoc{Action: st.Action, Result: st.Result})
		}
		d.Outages = append(d.Outages, od)
	}
	for _, t := range s.Tickets {
		d.Tickets = append(d.Tickets, s.ticketDoc(&t))
	}
	for _, dec := range s.Decisions {
		dd := DecisionDoc{Date: dec.Date.String(), Kind: string(dec.Kind), SwitchedTo: dec.SwitchedTo, Note: dec.Note}
		if dec.Amount != nil {
			m := moneyDoc(*dec.Amount)
			dd.Amount = &m
		}
		d.Decisions = append(d.Decisions, dd)
	}
	return d
}

func (s *Summary) ticketDoc(t *Ticket) TicketDoc {
	td := TicketDoc{ID: t.ID, Reference: t.Reference, Subject: t.Subject, Channel: string(t.Channel), OpenedAt: t.OpenedAt.UTC(),
		Outcome: string(t.Outcome), Messages: []MessageDoc{}}
	if t.ResolvedAt != nil && !t.ResolvedAt.After(s.AsOf) {
		r := t.ResolvedAt.UTC()
		td.ResolvedAt = &r
	} else {
		td.Outcome = string(journal.OutcomeOpen)
	}
	m := t.Metrics
	if r := m.FirstResponse; r != nil {
		td.Metrics.FirstResponseSeconds = secsPtr(r.After)
	}
	if r := m.FirstHumanResponse; r != nil {
		td.Metrics.FirstHumanResponseSeconds = secsPtr(r.After)
	}
	if l := m.LongestSilence; l != nil {
		td.Metrics.LongestSilence = silenceDoc(l.From, l.To, l.Running)
	}
	if w := m.Waiting; w != nil {
		td.Metrics.Waiting = silenceDoc(w.From, w.To, w.Running)
	}
	td.Metrics.FollowUps = m.FollowUps
	if r := m.TimeToResolution; r != nil {
		td.Metrics.TimeToResolutionSeconds = secsPtr(*r)
	}
	for _, e := range t.Thread {
		md := MessageDoc{ID: e.ID, At: e.At.UTC(), Direction: string(e.Direction), Author: string(e.Author), From: e.From, Summary: e.Summary,
			Body: e.Body, GapSeconds: int64(e.Gap / time.Second), Automated: e.Automated}
		if e.EndsSilence > 0 {
			md.EndsSilence = secsPtr(e.EndsSilence)
		}
		td.Messages = append(td.Messages, md)
	}
	return td
}
