package verdict

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
)

// ReminderKind is what a reminder is about.
type ReminderKind string

// Reminder kinds.
const (
	RemindCancelBefore  ReminderKind = "cancel_before"  // a charge is coming on a service not worth keeping
	RemindRenewal       ReminderKind = "renewal"        // a charge is coming
	RemindTicketWaiting ReminderKind = "ticket_waiting" // a ticket has waited too long for a human
	RemindOutageOpen    ReminderKind = "outage_open"    // an outage has been open for more than a day
)

// ReminderKinds lists every reminder kind.
var ReminderKinds = []ReminderKind{RemindCancelBefore, RemindRenewal, RemindTicketWaiting, RemindOutageOpen}

// DefaultReminderDays is the lead time of charge reminders when neither the
// subscription nor the settings give one.
const DefaultReminderDays = 7

// outageOpenLimit is how long an outage stays open before "is it back?".
const outageOpenLimit = 24 * time.Hour

// ReminderInput is what the reminders are drawn from.
type ReminderInput struct {
	Services []figures.ServiceData // the services to remind about
	// Verdicts holds each service's verdict by service ID; a service not
	// in it counts as keep (its charges are plain renewals).
	Verdicts map[int64]Kind
	Settings journal.Settings // ReminderDays and Thresholds.WaitingTicketDays
	AsOf     time.Time
	Loc      *time.Location // the user's zone; nil is UTC
}

// Reminder is one thing to tell the user about. Which fields beyond the
// first four are set depends on Kind; times are in the user's zone.
type Reminder struct {
	// Key identifies the reminder across runs, so that the app can remember
	// it was notified, dismissed or snoozed: "renewal:sub12:2026-08-03",
	// "cancel_before:sub12:2026-08-03", "ticket:7:31" (ticket 7, waiting
	// since message 31), "outage:42".
	Key       string
	Kind      ReminderKind
	Due       time.Time // the charge's local midnight, or when the wait or the outage passed its limit
	ServiceID int64

	Service        string        // the service's name
	SubscriptionID int64         // charges
	Plan           string        // charges: the plan's name
	Charge         journal.Date  // charges: the billing date
	Amount         journal.Money // charges: the price in force on Charge
	DaysLeft       int           // charges: calendar days from as-of's date to Charge
	Verdict        Kind          // cancel before: the service's verdict

	TicketID  int64  // ticket waiting
	Reference string // ticket waiting: its reference with the service
	OutageID  int64  // outage open
	Subject   string // the ticket's subject or the outage's title
	// Since is when the unanswered message was sent, or when the outage began.
	Since time.Time
	For   time.Duration // how long the ticket has waited or the outage has been open, as of as-of
}

// Reminders lists what is due as of in.AsOf, by Due then Key:
//   - a charge within N days (N: the subscription's ReminderDays, else the
//     settings', else DefaultReminderDays; the charge date at most N days
//     after as-of's date) is "cancel before" on a service whose verdict is
//     not keep, otherwise a renewal — never both;
//   - an open ticket waiting more than Thresholds.WaitingTicketDays (unset:
//     the default) for a human reply;
//   - an outage still open more than a day after it began.
func Reminders(in ReminderInput) []Reminder {
	loc := zone(in.Loc)
	today := journal.DateOf(in.AsOf.In(loc))
	waitDays := in.Settings.Thresholds.WaitingTicketDays
	if waitDays <= 0 {
		waitDays = journal.DefaultThresholds().WaitingTicketDays
	}
	wait := time.Duration(waitDays) * 24 * time.Hour
	var out []Reminder
	for _, d := range in.Services {
		svc := d.Service
		verdict := cmp.Or(in.Verdicts[svc.ID], Keep)
		for _, s := range d.Subscriptions {
			next, ok := figures.NextCharge(s, in.AsOf, loc)
			if !ok {
				continue
			}
			left := today.DaysUntil(next)
			if left > leadDays(s, in.Settings) {
				continue
			}
			r := Reminder{Kind: RemindRenewal, Due: next.In(loc), ServiceID: svc.ID, Service: svc.Name,
				SubscriptionID: s.ID, Plan: s.Plan, Charge: next, DaysLeft: left,
				Amount: journal.Money{Amount: s.PriceOn(next), Currency: s.Currency}}
			if verdict != Keep {
				r.Kind, r.Verdict = RemindCancelBefore, verdict
			}
			r.Key = fmt.Sprintf("%s:sub%d:%s", r.Kind, s.ID, next)
			out = append(out, r)
		}
		for _, t := range d.Tickets {
			w := figures.TicketMetrics(t, in.AsOf).Waiting
			if w == nil || w.Length() <= wait {
				continue
			}
			out = append(out, Reminder{Key: fmt.Sprintf("ticket:%d:%d", t.ID, w.MessageID), Kind: RemindTicketWaiting,
				Due: w.From.Add(wait).In(loc), ServiceID: svc.ID, Service: svc.Name,
				TicketID: t.ID, Subject: t.Subject, Reference: t.Reference, Since: w.From.In(loc), For: w.Length()})
		}
		for _, o := range d.Outages {
			if o.End != nil || in.AsOf.Sub(o.Start) <= outageOpenLimit {
				continue
			}
			out = append(out, Reminder{Key: fmt.Sprintf("outage:%d", o.ID), Kind: RemindOutageOpen,
				Due: o.Start.Add(outageOpenLimit).In(loc), ServiceID: svc.ID, Service: svc.Name,
				OutageID: o.ID, Subject: o.Title, Since: o.Start.In(loc), For: in.AsOf.Sub(o.Start)})
		}
	}
	slices.SortStableFunc(out, func(a, b Reminder) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// leadDays is how many days ahead a subscription's charge is announced.
func leadDays(s journal.Subscription, st journal.Settings) int {
	switch {
	case s.ReminderDays > 0:
		return s.ReminderDays
	case st.ReminderDays > 0:
		return st.ReminderDays
	}
	return DefaultReminderDays
}

// Title is the reminder's headline in l ("Cancel Parley AI before 3 Aug").
func (r Reminder) Title(l words.Lang) string {
	switch r.Kind {
	case RemindCancelBefore:
		return pick(l,
			fmt.Sprintf("Cancel %s before %s?", r.Service, shortDate(r.Charge, l)),
			fmt.Sprintf("%sまでに%sを解約しますか？", shortDate(r.Charge, l), r.Service))
	case RemindRenewal:
		return pick(l,
			fmt.Sprintf("%s renews on %s", r.Service, shortDate(r.Charge, l)),
			fmt.Sprintf("%sは%sに更新されます", r.Service, shortDate(r.Charge, l)))
	case RemindTicketWaiting:
		return pick(l,
			fmt.Sprintf("%s %s: send a follow-up?", r.Service, ticketName(l, r.TicketID, r.Reference, r.Subject)),
			fmt.Sprintf("%sの%s：催促しますか？", r.Service, ticketName(l, r.TicketID, r.Reference, r.Subject)))
	case RemindOutageOpen:
		return pick(l,
			fmt.Sprintf("%s: is it back?", r.Service),
			fmt.Sprintf("%sは復旧しましたか？", r.Service))
	}
	return r.Key
}

// Body is the reminder's sentence with its figures in l.
func (r Reminder) Body(l words.Lang) string {
	switch r.Kind {
	case RemindCancelBefore:
		return pick(l,
			fmt.Sprintf("%s charges %s on %s, %s. Verdict: %s.", r.plan(l), money(r.Amount), longDate(r.Charge, l), r.when(l), r.Verdict.Text(l)),
			fmt.Sprintf("%sの次回請求は%s（%s）、%sです。判定：%s。", r.plan(l), longDate(r.Charge, l), r.when(l), money(r.Amount), r.Verdict.Text(l)))
	case RemindRenewal:
		return pick(l,
			fmt.Sprintf("%s charges %s on %s, %s.", r.plan(l), money(r.Amount), longDate(r.Charge, l), r.when(l)),
			fmt.Sprintf("%sの次回請求は%s（%s）、%sです。", r.plan(l), longDate(r.Charge, l), r.when(l), money(r.Amount)))
	case RemindTicketWaiting:
		return pick(l,
			fmt.Sprintf("No human reply for %s since your message of %s%s.", words.Duration(r.For, l), dateTime(r.Since, l), r.subject(l)),
			fmt.Sprintf("%sのメッセージから%s、担当者の返信がありません%s。", dateTime(r.Since, l), words.Duration(r.For, l), r.subject(l)))
	case RemindOutageOpen:
		what := pick(l, "The outage", "障害")
		if r.Subject != "" {
			what = pick(l, "“"+r.Subject+"”", "「"+r.Subject+"」")
		}
		return pick(l,
			fmt.Sprintf("%s has been open for %s, since %s. Mark it back if the service works again.", what, words.Duration(r.For, l), dateTime(r.Since, l)),
			fmt.Sprintf("%sは%sから%s続いています。復旧していたら終了にしてください。", what, dateTime(r.Since, l), words.Duration(r.For, l)))
	}
	return r.Key
}

// plan names the service and its plan: "Parley AI (Pro)", "Parley AI（Pro）".
func (r Reminder) plan(l words.Lang) string {
	if r.Plan == "" {
		return r.Service
	}
	return pick(l, r.Service+" ("+r.Plan+")", r.Service+"（"+r.Plan+"）")
}

// when says how far off the charge is: "today", "tomorrow", "in 5 days".
func (r Reminder) when(l words.Lang) string {
	switch r.DaysLeft {
	case 0:
		return pick(l, "today", "今日")
	case 1:
		return pick(l, "tomorrow", "明日")
	}
	return pick(l, fmt.Sprintf("in %d days", r.DaysLeft), fmt.Sprintf("あと%d日", r.DaysLeft))
}

// subject quotes the ticket's subject after a sentence, when it has one.
func (r Reminder) subject(l words.Lang) string {
	if r.Subject == "" {
		return ""
	}
	return pick(l, " (“"+r.Subject+"”)", "（「"+r.Subject+"」）")
}
