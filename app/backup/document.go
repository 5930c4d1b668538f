// Package backup writes and reads Lapse's full backup: one versioned JSON
// document holding the whole journal, trash included, with every ID and
// timestamp, so export → restore into an empty journal → export gives the
// same bytes (docs/FORMAT.md describes every field). It also holds the
// restore policy shared by the window and `lapse import`: a journal that
// holds anything is only replaced when asked, after an automatic backup of
// its file, and never merged.
package backup

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// Format and Version identify a backup document. Version goes up whenever a
// field is added, removed or changes meaning; a reader refuses a higher one.
const (
	Format  = "lapse-backup"
	Version = 2
)

// The document's types fix its field order (encoding/json follows the
// struct), so the same journal always encodes to the same bytes. Every field
// is always written; optional values are null.

type document struct {
	Format        string            `json:"format"`
	Version       int               `json:"version"`
	ExportedAt    string            `json:"exported_at"`
	Settings      settingsDoc       `json:"settings"`
	Services      []serviceDoc      `json:"services"`
	Subscriptions []subscriptionDoc `json:"subscriptions"`
	Outages       []outageDoc       `json:"outages"`
	Tickets       []ticketDoc       `json:"tickets"`
	Messages      []messageDoc      `json:"messages"`
	Decisions     []decisionDoc     `json:"decisions"`
	Trash         []trashDoc        `json:"trash"`
}

type settingsDoc struct {
	HomeCurrency string        `json:"home_currency"`
	Rates        []rateDoc     `json:"rates"`
	TimeZone     string        `json:"time_zone"`
	Language     string        `json:"language"`
	ReminderDays int           `json:"reminder_days"`
	Thresholds   thresholdsDoc `json:"thresholds"`
	MyAddresses  []string      `json:"my_addresses"`
	KeepInTray   bool          `json:"keep_in_tray"`
	// Since version 2.
	StatusPollMinutes int `json:"status_poll_minutes"`
}

type rateDoc struct {
	Currency string  `json:"currency"`
	Rate     string  `json:"rate"`
	AsOf     *string `json:"as_of"`
}

type thresholdsDoc struct {
	WindowDays              int `json:"window_days"`
	WatchUnusableHours      int `json:"watch_unusable_hours"`
	SwitchUnusableHours     int `json:"switch_unusable_hours"`
	CancelUnusableHours     int `json:"cancel_unusable_hours"`
	MinAvailabilityPermille int `json:"min_availability_permille"`
	BadMonthsToSwitch       int `json:"bad_months_to_switch"`
	PaidUnusablePercent     int `json:"paid_unusable_percent"`
	SilenceDays             int `json:"silence_days"`
	WaitingTicketDays       int `json:"waiting_ticket_days"`
}

type serviceDoc struct {
	ID           int64   `json:"id"`
	Name         string  `json:"name"`
	Category     string  `json:"category"`
	Website      string  `json:"website"`
	StatusPage   string  `json:"status_page"`
	Notes        string  `json:"notes"`
	Archived     bool    `json:"archived"`
	Alternatives []int64 `json:"alternatives"`
	CreatedAt    string  `json:"created_at"`
	UpdatedAt    string  `json:"updated_at"`
	TrashID      *int64  `json:"trash_id"`
}

type subscriptionDoc struct {
	ID           int64      `json:"id"`
	ServiceID    int64      `json:"service_id"`
	Plan         string     `json:"plan"`
	Amount       int64      `json:"amount"`
	Currency     string     `json:"currency"`
	PeriodN      int        `json:"period_n"`
	PeriodUnit   string     `json:"period_unit"`
	Start        string     `json:"start"`
	End          *string    `json:"end"`
	TrialEnd     *string    `json:"trial_end"`
	PaymentNote  string     `json:"payment_note"`
	ReminderDays int        `json:"reminder_days"`
	Prices       []priceDoc `json:"prices"`
	CreatedAt    string     `json:"created_at"`
	UpdatedAt    string     `json:"updated_at"`
	TrashID      *int64     `json:"trash_id"`
}

type priceDoc struct {
	ID        int64  `json:"id"`
	Effective string `json:"effective"`
	Amount    int64  `json:"amount"`
}

type outageDoc struct {
	ID          int64     `json:"id"`
	ServiceID   int64     `json:"service_id"`
	Title       string    `json:"title"`
	Start       string    `json:"start"`
	End         *string   `json:"end"`
	Impact      string    `json:"impact"`
	Platforms   []string  `json:"platforms"`
	StillWorked string    `json:"still_worked"`
	Symptoms    string    `json:"symptoms"`
	Steps       []stepDoc `json:"steps"`
	Resolution  string    `json:"resolution"`
	Source      string    `json:"source"`
	Link        string    `json:"link"`
	ExternalID  string    `json:"external_id"`
	CreatedAt   string    `json:"created_at"`
	UpdatedAt   string    `json:"updated_at"`
	TrashID     *int64    `json:"trash_id"`
}

type stepDoc struct {
	Action string `json:"action"`
	Result string `json:"result"`
}

type ticketDoc struct {
	ID         int64   `json:"id"`
	ServiceID  int64   `json:"service_id"`
	OutageID   *int64  `json:"outage_id"`
	Subject    string  `json:"subject"`
	Channel    string  `json:"channel"`
	Reference  string  `json:"reference"`
	OpenedAt   string  `json:"opened_at"`
	ResolvedAt *string `json:"resolved_at"`
	Outcome    string  `json:"outcome"`
	CreatedAt  string  `json:"created_at"`
	UpdatedAt  string  `json:"updated_at"`
	TrashID    *int64  `json:"trash_id"`
}

type messageDoc struct {
	ID        int64  `json:"id"`
	TicketID  int64  `json:"ticket_id"`
	At        string `json:"at"`
	Direction string `json:"direction"`
	Author    string `json:"author"`
	From      string `json:"from"`
	Summary   string `json:"summary"`
	Body      string `json:"body"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
	TrashID   *int64 `json:"trash_id"`
}

type decisionDoc struct {
	ID         int64   `json:"id"`
	ServiceID  int64   `json:"service_id"`
	Kind       string  `json:"kind"`
	Date       string  `json:"date"`
	Amount     *int64  `json:"amount"`
	Currency   *string `json:"currency"`
	SwitchedTo *int64  `json:"switched_to"`
	Note       string  `json:"note"`
	CreatedAt  string  `json:"created_at"`
	UpdatedAt  string  `json:"updated_at"`
	TrashID    *int64  `json:"trash_id"`
}

type trashDoc struct {
	ID        int64  `json:"id"`
	Kind      string `json:"kind"`
	RecordID  int64  `json:"record_id"`
	Label     string `json:"label"`
	DeletedAt string `json:"deleted_at"`
}

// Encode writes a snapshot as a backup document stamped exported_at now:
// indented UTF-8 JSON, lists in the snapshot's order (Dump's is by ID),
// times as RFC 3339 UTC whole seconds, dates as YYYY-MM-DD, money as
// integer minor units beside its currency.
func Encode(s *storage.Snapshot, now time.Time) ([]byte, error) {
	doc := document{
		Format:        Format,
		Version:       Version,
		ExportedAt:    stamp(now),
		Settings:      settingsOut(s.Settings),
		Services:      make([]serviceDoc, 0, len(s.Services)),
		Subscriptions: make([]subscriptionDoc, 0, len(s.Subscriptions)),
		Outages:       make([]outageDoc, 0, len(s.Outages)),
		Tickets:       make([]ticketDoc, 0, len(s.Tickets)),
		Messages:      make([]messageDoc, 0, len(s.Messages)),
		Decisions:     make([]decisionDoc, 0, len(s.Decisions)),
		Trash:         make([]trashDoc, 0, len(s.Trash)),
	}
	for _, r := range s.Services {
		v := r.Value
		doc.Services = append(doc.Services, serviceDoc{
			ID: v.ID, Name: v.Name, Category: v.Category, Website: v.Website, StatusPage: v.StatusPage, Notes: v.Notes,
			Archived: v.Archived, Alternatives: orEmpty(v.Alternatives), CreatedAt: stamp(v.CreatedAt),
			UpdatedAt: stamp(v.UpdatedAt), TrashID: trashOut(r.TrashID),
		})
	}
	for _, r := range s.Subscriptions {
		v := r.Value
		prices := make([]priceDoc, 0, len(v.Prices))
		for _, p := range v.Prices {
			prices = append(prices, priceDoc{ID: p.ID, Effective: p.Effective.String(), Amount: p.Amount})
		}
		doc.Subscriptions = append(doc.Subscriptions, subscriptionDoc{
			ID: v.ID, ServiceID: v.ServiceID, Plan: v.Plan, Amount: v.Amount, Currency: v.Currency,
			PeriodN: v.Period.N, PeriodUnit: string(v.Period.Unit), Start: v.Start.String(), End: dateOut(v.End),
			TrialEnd: dateOut(v.TrialEnd), PaymentNote: v.PaymentNote, ReminderDays: v.ReminderDays, Prices: prices,
			CreatedAt: stamp(v.CreatedAt), UpdatedAt: stamp(v.UpdatedAt), TrashID: trashOut(r.TrashID),
		})
	}
	for _, r := range s.Outages {
		v := r.Value
		steps := make([]stepDoc, 0, len(v.Steps))
		for _, st := range v.Steps {
			steps = append(steps, stepDoc{Action: st.Action, Result: st.Result})
		}
		doc.Outages = append(doc.Outages, outageDoc{
			ID: v.ID, ServiceID: v.ServiceID, Title: v.Title, Start: stamp(v.Start), End: timeOut(v.End),
			Impact: string(v.Impact), Platforms: orEmpty(v.Platforms), StillWorked: v.StillWorked, Symptoms: v.Symptoms,
			Steps: steps, Resolution: v.Resolution, Source: string(v.Source), Link: v.Link, ExternalID: v.ExternalID,
			CreatedAt: stamp(v.CreatedAt), UpdatedAt: stamp(v.UpdatedAt), TrashID: trashOut(r.TrashID),
		})
	}
	for _, r := range s.Tickets {
		v := r.Value
		doc.Tickets = append(doc.Tickets, ticketDoc{
			ID: v.ID, ServiceID: v.ServiceID, OutageID: v.OutageID, Subject: v.Subject, Channel: string(v.Channel),
			Reference: v.Reference, OpenedAt: stamp(v.OpenedAt), ResolvedAt: timeOut(v.ResolvedAt),
			Outcome: string(v.Outcome), CreatedAt: stamp(v.CreatedAt), UpdatedAt: stamp(v.UpdatedAt),
			TrashID: trashOut(r.TrashID),
		})
	}
	for _, r := range s.Messages {
		v := r.Value
		doc.Messages = append(doc.Messages, messageDoc{
			ID: v.ID, TicketID: v.TicketID, At: stamp(v.At), Direction: string(v.Direction), Author: string(v.Author),
			From: v.From, Summary: v.Summary, Body: v.Body, CreatedAt: stamp(v.CreatedAt), UpdatedAt: stamp(v.UpdatedAt),
			TrashID: trashOut(r.TrashID),
		})
	}
	for _, r := range s.Decisions {
		v := r.Value
		d := decisionDoc{
			ID: v.ID, ServiceID: v.ServiceID, Kind: string(v.Kind), Date: v.Date.String(), SwitchedTo: v.SwitchedTo,
			Note: v.Note, CreatedAt: stamp(v.CreatedAt), UpdatedAt: stamp(v.UpdatedAt), TrashID: trashOut(r.TrashID),
		}
		if v.Amount != nil {
			d.Amount, d.Currency = &v.Amount.Amount, &v.Amount.Currency
		}
		doc.Decisions = append(doc.Decisions, d)
	}
	for _, it := range s.Trash {
		doc.Trash = append(doc.Trash, trashDoc{ID: it.ID, Kind: it.Kind, RecordID: it.RecordID, Label: it.Label,
			DeletedAt: stamp(it.DeletedAt)})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // "<" stays "<": a backup is read by people too
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("encode backup: %w", err)
	}
	return buf.Bytes(), nil
}

func settingsOut(s journal.Settings) settingsDoc {
	rates := make([]rateDoc, 0, len(s.Rates))
	for _, r := range s.Rates {
		rates = append(rates, rateDoc{Currency: r.Currency, Rate: r.Rate, AsOf: dateOut(r.AsOf)})
	}
	t := s.Thresholds
	return settingsDoc{
		HomeCurrency: s.HomeCurrency, Rates: rates, TimeZone: s.TimeZone, Language: s.Language,
		ReminderDays: s.ReminderDays, MyAddresses: orEmpty(s.MyAddresses), KeepInTray: s.KeepInTray,
		StatusPollMinutes: s.StatusPollMinutes,
		Thresholds: thresholdsDoc{
			WindowDays: t.WindowDays, WatchUnusableHours: t.WatchUnusableHours, SwitchUnusableHours: t.SwitchUnusableHours,
			CancelUnusableHours: t.CancelUnusableHours, MinAvailabilityPermille: t.MinAvailabilityPermille,
			BadMonthsToSwitch: t.BadMonthsToSwitch, PaidUnusablePercent: t.PaidUnusablePercent,
			SilenceDays: t.SilenceDays, WaitingTicketDays: t.WaitingTicketDays,
		},
	}
}

// stamp writes a time as RFC 3339 UTC in whole seconds, as the journal keeps it.
func stamp(t time.Time) string {
	return t.UTC().Truncate(time.Second).Format(time.RFC3339)
}

func timeOut(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := stamp(*t)
	return &s
}

func dateOut(d journal.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := d.String()
	return &s
}

func trashOut(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// orEmpty writes a missing list as [], so an empty list has one spelling.
func orEmpty[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
