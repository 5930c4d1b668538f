// Package calendar writes renewal and cancel-before dates as an iCalendar
// file (RFC 5545) that calendar applications import.
package calendar

import (
	"fmt"
	"strings"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
)

// Event is one all-day calendar entry with a reminder before it.
type Event struct {
	UID         string // unique to the journal and stable across its exports, so a re-import updates instead of duplicating
	Date        journal.Date
	Summary     string
	Description string
	AlarmDays   int // the reminder fires this many days before; 0: on the day
}

// Input is what the renewal events are made from.
type Input struct {
	JournalID    string // the journal's identifier (storage.DB.JournalID): UIDs of two journals never meet
	Services     []figures.ServiceData
	CancelBefore map[int64]bool // services whose verdict says to cancel before the next charge
	AsOf         time.Time
	Location     *time.Location
	Months       int // how far ahead to list charges; 0 means 12
	DefaultLead  int // reminder lead time when a subscription sets none; 0 means 7
	Lang         words.Lang
}

// Renewals lists every charge from today (in the user's zone) over the
// coming months, each with a reminder; services to cancel get a sentence
// saying to cancel before the date.
func Renewals(in Input) []Event {
	if in.Months <= 0 {
		in.Months = 12
	}
	if in.DefaultLead <= 0 {
		in.DefaultLead = 7
	}
	if in.Location == nil {
		in.Location = time.UTC
	}
	today := journal.DateOf(in.AsOf.In(in.Location))
	until := today.AddMonthsClamped(in.Months)
	var out []Event
	for _, sd := range in.Services {
		for _, sub := range sd.Subscriptions {
			lead := sub.ReminderDays
			if lead <= 0 {
				lead = in.DefaultLead
			}
			// From the next charge on: one dated today has been made.
			next, ok := figures.NextCharge(sub, in.AsOf, in.Location)
			if !ok {
				continue
			}
			for i, c := range figures.Charges(sub, next, until) {
				// Only the next charge can still be cancelled before; later
				// ones are plain renewals until a new verdict says otherwise.
				cancel := i == 0 && in.CancelBefore[sd.Service.ID]
				price := journal.FormatAmount(c.Amount, c.Currency) + " " + c.Currency
				e := Event{
					UID:       fmt.Sprintf("renewal-%d-%s@%s.lapse", sub.ID, c.Date, in.JournalID),
					Date:      c.Date,
					AlarmDays: lead,
				}
				name := sd.Service.Name
				if sub.Plan != "" {
					name += " " + sub.Plan
				}
				if in.Lang == words.JA {
					e.Summary = fmt.Sprintf("%s の更新（%s）", name, price)
					e.Description = fmt.Sprintf("%s に %s が請求されます。", c.Date, price)
					if cancel {
						e.Summary = fmt.Sprintf("%s を %s までに解約", sd.Service.Name, c.Date)
						e.Description += "Lapse の判定は「更新前に解約」です。"
					}
				} else {
					e.Summary = fmt.Sprintf("%s renews (%s)", name, price)
					e.Description = fmt.Sprintf("%s will be charged on %s.", price, c.Date)
					if cancel {
						e.Summary = fmt.Sprintf("Cancel %s before %s", sd.Service.Name, c.Date)
						e.Description += " Lapse's verdict: cancel before this renewal."
					}
				}
				out = append(out, e)
			}
		}
	}
	return out
}

// Encode writes events as an iCalendar document: CRLF lines folded at 75
// octets, text escaped, all-day DTSTART/DTEND, a DISPLAY alarm each.
func Encode(events []Event, now time.Time) []byte {
	var b strings.Builder
	stamp := now.UTC().Format("20060102T150405Z")
	line := func(s string) { b.WriteString(fold(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Lapse//Renewals//EN")
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	for _, e := range events {
		line("BEGIN:VEVENT")
		line("UID:" + escape(e.UID))
		line("DTSTAMP:" + stamp)
		line("DTSTART;VALUE=DATE:" + compact(e.Date))
		line("DTEND;VALUE=DATE:" + compact(e.Date.AddDays(1)))
		line("SUMMARY:" + escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + escape(e.Description))
		}
		line("TRANSP:TRANSPARENT")
		line("BEGIN:VALARM")
		line("ACTION:DISPLAY")
		line("DESCRIPTION:" + escape(e.Summary))
		line(fmt.Sprintf("TRIGGER:-P%dD", e.AlarmDays))
		line("END:VALARM")
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return []byte(b.String())
}

func compact(d journal.Date) string { return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day) }

// escape applies RFC 5545 TEXT escaping; bidirectional controls are shown
// as their codes ("<U+202E>"), as in every export.
func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(words.ShowBidi(s))
}

// fold ends a content line with CRLF, folding it into 75-octet pieces
// without splitting a UTF-8 character.
func fold(s string) string {
	var b strings.Builder
	limit := 75
	n := 0
	for _, r := range s {
		size := len(string(r))
		if n+size > limit {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}
