package journal

import (
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxText is the longest a one-line field may be; MaxBody for long text.
const (
	MaxText = 500
	MaxBody = 100_000
)

func checkRequired(field, v string) error {
	if strings.TrimSpace(v) == "" {
		return Invalid(field, ReasonRequired)
	}
	return checkLen(field, v, MaxText)
}

func checkLen(field, v string, max int) error {
	if utf8.RuneCountInString(v) > max {
		return Invalid(field, ReasonTooLong)
	}
	return nil
}

// checkURL accepts an empty value or an absolute http(s) URL.
func checkURL(field, v string) error {
	if v == "" {
		return nil
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Invalid(field, ReasonInvalidURL)
	}
	return checkLen(field, v, MaxText)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// Normalize trims the name and other one-line fields.
func (s *Service) Normalize() {
	s.Name = strings.TrimSpace(s.Name)
	s.Category = strings.TrimSpace(s.Category)
	s.Website = strings.TrimSpace(s.Website)
	s.StatusPage = strings.TrimSpace(s.StatusPage)
}

// Validate checks a service's fields. Name uniqueness is storage's to check.
func (s *Service) Validate() error {
	err := firstErr(
		checkRequired("name", s.Name),
		checkLen("category", s.Category, MaxText),
		checkURL("website", s.Website),
		checkURL("status_page", s.StatusPage),
		checkLen("notes", s.Notes, MaxBody),
	)
	if err != nil {
		return err
	}
	for _, a := range s.Alternatives {
		if a == s.ID && s.ID != 0 {
			return Invalid("alternatives", ReasonSelfReference)
		}
	}
	return nil
}

// Validate checks a period.
func (p Period) Validate() error {
	if p.N <= 0 || p.N > 1000 {
		return Invalid("period", ReasonNotPositive)
	}
	switch p.Unit {
	case Days, Weeks, Months, Years:
		return nil
	}
	return Invalid("period_unit", ReasonInvalidChoice)
}

// Validate checks a subscription's fields.
func (s *Subscription) Validate() error {
	if s.ServiceID == 0 {
		return Invalid("service", ReasonRequired)
	}
	if err := checkLen("plan", s.Plan, MaxText); err != nil {
		return err
	}
	if s.Amount < 0 {
		return Invalid("price", ReasonNegative)
	}
	if s.Currency == "" {
		return Invalid("currency", ReasonRequired)
	}
	if !ValidCurrency(s.Currency) {
		return Invalid("currency", ReasonUnknownCurrency)
	}
	if err := s.Period.Validate(); err != nil {
		return err
	}
	if s.Start.IsZero() {
		return Invalid("start", ReasonRequired)
	}
	if !s.End.IsZero() && s.End.Before(s.Start) {
		return Invalid("end", ReasonEndBeforeStart)
	}
	if !s.TrialEnd.IsZero() && s.TrialEnd.Before(s.Start) {
		return Invalid("trial_end", ReasonEndBeforeStart)
	}
	if s.ReminderDays < 0 {
		return Invalid("reminder_days", ReasonNegative)
	}
	for _, p := range s.Prices {
		if p.Amount < 0 {
			return Invalid("price", ReasonNegative)
		}
		if p.Effective.IsZero() {
			return Invalid("effective", ReasonRequired)
		}
		if p.Effective.Before(s.Start) {
			return Invalid("effective", ReasonEndBeforeStart)
		}
	}
	return checkLen("payment_note", s.PaymentNote, MaxText)
}

// Validate checks an outage's fields.
func (o *Outage) Validate() error {
	if o.ServiceID == 0 {
		return Invalid("service", ReasonRequired)
	}
	if err := checkLen("title", o.Title, MaxText); err != nil {
		return err
	}
	if o.Start.IsZero() {
		return Invalid("start", ReasonRequired)
	}
	if o.End != nil && o.End.Before(o.Start) {
		return Invalid("end", ReasonEndBeforeStart)
	}
	switch o.Impact {
	case ImpactDown, ImpactDegraded, ImpactPartial:
	default:
		return Invalid("impact", ReasonInvalidChoice)
	}
	switch o.Source {
	case SourceMe, SourceOfficial:
	default:
		return Invalid("source", ReasonInvalidChoice)
	}
	for _, p := range o.Platforms {
		if err := checkRequired("platforms", p); err != nil {
			return err
		}
	}
	for _, s := range o.Steps {
		if err := checkRequired("steps", s.Action); err != nil {
			return err
		}
		if err := checkLen("steps", s.Result, MaxText); err != nil {
			return err
		}
	}
	return firstErr(
		checkLen("still_worked", o.StillWorked, MaxBody),
		checkLen("symptoms", o.Symptoms, MaxBody),
		checkLen("resolution", o.Resolution, MaxBody),
		checkURL("link", o.Link),
	)
}

// Validate checks a ticket's fields (not its messages).
func (t *Ticket) Validate() error {
	if t.ServiceID == 0 {
		return Invalid("service", ReasonRequired)
	}
	switch t.Channel {
	case ChannelEmail, ChannelChat, ChannelForm, ChannelPhone, ChannelSocial:
	default:
		return Invalid("channel", ReasonInvalidChoice)
	}
	if t.OpenedAt.IsZero() {
		return Invalid("opened", ReasonRequired)
	}
	if t.ResolvedAt != nil && t.ResolvedAt.Before(t.OpenedAt) {
		return Invalid("resolved", ReasonEndBeforeStart)
	}
	switch t.Outcome {
	case OutcomeOpen, OutcomeResolved, OutcomeUnresolved, OutcomeRefund, OutcomeCredit, OutcomeCancelled:
	default:
		return Invalid("outcome", ReasonInvalidChoice)
	}
	if t.ResolvedAt != nil && t.Outcome == OutcomeOpen {
		return Invalid("outcome", ReasonRequired)
	}
	return firstErr(checkLen("subject", t.Subject, MaxText), checkLen("reference", t.Reference, MaxText))
}

// Validate checks a message against the ticket it belongs to.
func (m *Message) Validate(t *Ticket) error {
	if m.At.IsZero() {
		return Invalid("time", ReasonRequired)
	}
	if t != nil && m.At.Before(t.OpenedAt) {
		return Invalid("time", ReasonBeforeOpened)
	}
	switch m.Direction {
	case Sent, Received:
	default:
		return Invalid("direction", ReasonInvalidChoice)
	}
	switch m.Author {
	case AuthorMe, AuthorHuman, AuthorBot, AuthorAuto:
	default:
		return Invalid("author", ReasonInvalidChoice)
	}
	if m.Direction == Sent && m.Author != AuthorMe {
		return Invalid("author", ReasonInvalidChoice)
	}
	if m.Direction == Received && m.Author == AuthorMe {
		return Invalid("author", ReasonInvalidChoice)
	}
	return firstErr(checkRequired("summary", m.Summary), checkLen("from", m.From, MaxText), checkLen("body", m.Body, MaxBody))
}

// Validate checks a decision event.
func (d *Decision) Validate() error {
	if d.ServiceID == 0 {
		return Invalid("service", ReasonRequired)
	}
	switch d.Kind {
	case DecisionCancelled, DecisionDowngraded, DecisionSwitched, DecisionRefundRequested, DecisionRefundReceived:
	default:
		return Invalid("kind", ReasonInvalidChoice)
	}
	if d.Date.IsZero() {
		return Invalid("date", ReasonRequired)
	}
	if d.Amount != nil {
		if d.Amount.Amount < 0 {
			return Invalid("amount", ReasonNegative)
		}
		if !ValidCurrency(d.Amount.Currency) {
			return Invalid("currency", ReasonUnknownCurrency)
		}
	}
	if d.Kind == DecisionSwitched && d.SwitchedTo != nil && *d.SwitchedTo == d.ServiceID {
		return Invalid("switched_to", ReasonSelfReference)
	}
	return checkLen("note", d.Note, MaxBody)
}

// Validate checks settings.
func (s *Settings) Validate() error {
	if !ValidCurrency(s.HomeCurrency) {
		return Invalid("home_currency", ReasonUnknownCurrency)
	}
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil {
			return Invalid("time_zone", ReasonInvalidTimeZone)
		}
	}
	switch s.Language {
	case "", "en", "ja":
	default:
		return Invalid("language", ReasonInvalidChoice)
	}
	if s.ReminderDays < 0 {
		return Invalid("reminder_days", ReasonNegative)
	}
	if s.StatusPollMinutes < 0 {
		return Invalid("status_poll_minutes", ReasonNegative)
	}
	for _, r := range s.Rates {
		if !ValidCurrency(r.Currency) {
			return Invalid("currency", ReasonUnknownCurrency)
		}
		if err := ValidRate(r.Rate); err != nil {
			return err
		}
	}
	return s.Thresholds.Validate()
}

// Validate checks the thresholds are usable.
func (t Thresholds) Validate() error {
	// In display order, so the first wrong field is always the one named.
	vals := []struct {
		field string
		v     int
	}{
		{"window_days", t.WindowDays}, {"watch_unusable_hours", t.WatchUnusableHours},
		{"switch_unusable_hours", t.SwitchUnusableHours}, {"cancel_unusable_hours", t.CancelUnusableHours},
		{"bad_months_to_switch", t.BadMonthsToSwitch}, {"silence_days", t.SilenceDays},
		{"waiting_ticket_days", t.WaitingTicketDays},
	}
	for _, f := range vals {
		if f.v <= 0 {
			return Invalid(f.field, ReasonNotPositive)
		}
	}
	if t.MinAvailabilityPermille <= 0 || t.MinAvailabilityPermille > 1000 {
		return Invalid("min_availability", ReasonInvalidNumber)
	}
	if t.PaidUnusablePercent <= 0 || t.PaidUnusablePercent > 100 {
		return Invalid("paid_unusable_percent", ReasonInvalidNumber)
	}
	return nil
}
