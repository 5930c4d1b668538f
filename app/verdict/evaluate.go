package verdict

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
)

// Input is what one service's verdict is drawn from.
type Input struct {
	Service      figures.ServiceData
	Alternatives []figures.ServiceData // the services the user could switch to
	Thresholds   journal.Thresholds
	AsOf         time.Time
	Loc          *time.Location    // the user's zone: days, months, billing dates; nil is UTC
	Converter    figures.Converter // money into the home currency, Converter.Home
	// Decisions are the service's decision events: a plan's end date counts
	// only from the day its cancellation was decided (see KnownPlans).
	Decisions []journal.Decision
	Names     map[int64]string // other services' names by ID, for a "switched to" decision
}

// Verdict is a service's verdict as of an instant, with why.
type Verdict struct {
	ServiceID int64
	Service   string
	Kind      Kind
	// NextCharge is the earliest next charge of the service's subscriptions,
	// the date to cancel before; nil when no plan will charge again.
	NextCharge *journal.Date
	DaysLeft   int      // calendar days from as-of's date to NextCharge; 0 when none
	Reasons    []Reason // the rules that fired, most severe first
	// Better is the alternative named when the verdict is consider switching
	// or cancel before and one fared better over the same window.
	Better  *AlternativeFigures
	Window  figures.Interval // the look-back window the rules read
	Summary figures.Summary  // the service's figures over Window
	Ending  *Ending          // what happened, when Kind is Ended
}

// Text renders the verdict ("cancel before 3 Aug 2026", "2026年8月3日までに解約").
func (v Verdict) Text(l words.Lang) string {
	if v.Kind == Ended && v.Ending != nil {
		return v.Ending.Text(l)
	}
	if v.Kind == CancelBefore && v.NextCharge != nil {
		return pick(l, "cancel before "+longDate(*v.NextCharge, l), longDate(*v.NextCharge, l)+"までに解約")
	}
	return v.Kind.Text(l)
}

// Evaluate applies the rules of the package comment to in.Service over the
// window of in.Thresholds.WindowDays days ending at in.AsOf, with what was
// known then. It fails on invalid thresholds or a missing exchange rate.
func Evaluate(in Input) (Verdict, error) {
	if err := in.Thresholds.Validate(); err != nil {
		return Verdict{}, fmt.Errorf("verdict thresholds: %w", err)
	}
	loc := zone(in.Loc)
	in = known(in, loc)
	th := in.Thresholds
	w := lookBack(th, in.AsOf, loc)
	sum, err := figures.Summarize(in.Service, w, loc, in.AsOf, in.Converter)
	if err != nil {
		return Verdict{}, fmt.Errorf("verdict of %s: %w", in.Service.Service.Name, err)
	}
	v := Verdict{ServiceID: in.Service.Service.ID, Service: in.Service.Service.Name, Kind: Keep, Window: w, Summary: sum}
	if d, ok := nextCharge(in.Service.Subscriptions, in.AsOf, loc); ok {
		v.NextCharge = &d
		v.DaysLeft = journal.DateOf(in.AsOf.In(loc)).DaysUntil(d)
	}

	var rs []Reason
	add := func(r Reason, ok bool) {
		if ok {
			r.WindowDays = th.WindowDays
			rs = append(rs, r)
		}
	}
	add(unusableRule(th, sum.Unusable))
	add(badMonthsRule(th, in.Service.Outages, in.AsOf, loc))
	add(paidRule(th, sum, in.Converter.Home))
	silence, unanswered := ticketRules(th, in.Service.Tickets, w, in.AsOf)
	add(silence, silence.Tickets > 0)
	add(unanswered, unanswered.Tickets > 0)

	end, ended := ending(in.Service.Subscriptions, in.Decisions, in.Names, in.AsOf, loc)
	if v.NextCharge == nil {
		// Nothing will charge again: cancel-level figures stop at consider switching.
		capped := false
		for i := range rs {
			if rs[i].Level == CancelBefore {
				rs[i].Level, capped = ConsiderSwitching, true
			}
		}
		add(Reason{Code: CodeNothingToCancel, Level: Keep}, capped && !ended)
	}
	for _, r := range rs {
		v.Kind = maxKind(v.Kind, r.Level)
	}
	if ended {
		// Every plan has ended or is cancelled: the reasons stay as the
		// record, the verdict says what happened.
		v.Kind, v.Ending = Ended, &end
		add(Reason{Code: CodeEnded, Level: Keep, Ends: end.End, Over: end.Over}, true)
	}

	if (v.Kind == Ended || v.Kind.Rank() >= ConsiderSwitching.Rank()) && len(in.Alternatives) > 0 {
		alts, err := compare(in, w, loc, sum)
		if err != nil {
			return Verdict{}, fmt.Errorf("verdict of %s: %w", in.Service.Service.Name, err)
		}
		if i := slices.IndexFunc(alts, func(a AlternativeFigures) bool { return a.Better }); i >= 0 {
			v.Better = &alts[i]
			add(Reason{Code: CodeBetterAlternative, Level: Keep, Unusable: alts[i].Unusable,
				AlternativeID: alts[i].ServiceID, Alternative: alts[i].Name}, true)
		}
	}

	slices.SortStableFunc(rs, func(a, b Reason) int {
		if c := cmp.Compare(b.Level.Rank(), a.Level.Rank()); c != 0 {
			return c
		}
		return cmp.Compare(slices.Index(Codes, a.Code), slices.Index(Codes, b.Code))
	})
	v.Reasons = rs
	return v, nil
}

// known is in as known at in.AsOf: the service's plans end only from the
// day their ending was decided. Messages, resolutions, outages and charges
// after as-of are left out by the figures themselves.
func known(in Input, loc *time.Location) Input {
	in.Service.Subscriptions = KnownPlans(in.Service.Subscriptions, in.Decisions, in.AsOf, loc)
	return in
}

// zone is loc, or UTC when none is given.
func zone(loc *time.Location) *time.Location {
	if loc == nil {
		return time.UTC
	}
	return loc
}

// Since is the earliest instant the rules and the alternatives' figures
// read as of asOf in loc (nil is UTC): records that ended before it change
// no verdict.
func Since(th journal.Thresholds, asOf time.Time, loc *time.Location) time.Time {
	loc = zone(loc)
	since := lookBack(th, asOf, loc).Start
	if m := figures.MonthOf(asOf, loc).Add(-th.BadMonthsToSwitch).Window(loc).Start; m.Before(since) {
		since = m
	}
	return since
}

// lookBack is the window of th.WindowDays calendar days in loc ending at asOf.
func lookBack(th journal.Thresholds, asOf time.Time, loc *time.Location) figures.Interval {
	return figures.Interval{Start: asOf.In(loc).AddDate(0, 0, -th.WindowDays), End: asOf}
}

// nextCharge is the earliest next charge date among subs; ok is false when
// none will charge again.
func nextCharge(subs []journal.Subscription, asOf time.Time, loc *time.Location) (next journal.Date, ok bool) {
	for _, s := range subs {
		if d, has := figures.NextCharge(s, asOf, loc); has && (!ok || d.Before(next)) {
			next, ok = d, true
		}
	}
	return next, ok
}

// unusableRule raises the verdict by the unusable time in the window; each
// threshold is checked alone, so that thresholds set out of order still work.
func unusableRule(th journal.Thresholds, u time.Duration) (Reason, bool) {
	level := Keep
	for _, t := range []struct {
		hours int
		kind  Kind
	}{{th.WatchUnusableHours, Watch}, {th.SwitchUnusableHours, ConsiderSwitching}, {th.CancelUnusableHours, CancelBefore}} {
		if u >= hours(t.hours) {
			level = maxKind(level, t.kind)
		}
	}
	return Reason{Code: CodeUnusable, Level: level, Unusable: u}, level != Keep
}

// badMonthsRule counts the bad months among the last BadMonthsToSwitch
// completed calendar months in loc: all of them bad is consider switching,
// any is watch.
func badMonthsRule(th journal.Thresholds, outages []journal.Outage, asOf time.Time, loc *time.Location) (Reason, bool) {
	r := Reason{Code: CodeBadMonths, OfMonths: th.BadMonthsToSwitch, MinPermille: th.MinAvailabilityPermille}
	first := figures.MonthOf(asOf, loc).Add(-th.BadMonthsToSwitch)
	for i := range th.BadMonthsToSwitch {
		m := first.Add(i)
		if a, ok := figures.MonthAvailability(outages, m, loc, asOf); ok && a.Permille() < th.MinAvailabilityPermille {
			r.Months = append(r.Months, m)
		}
	}
	r.BadMonths = len(r.Months)
	switch {
	case r.BadMonths == 0:
		return r, false
	case r.BadMonths == r.OfMonths:
		r.Level = ConsiderSwitching
	default:
		r.Level = Watch
	}
	return r, true
}

// paidRule fires when paid while unusable is at least PaidUnusablePercent
// of the accrued cost of the window.
func paidRule(th journal.Thresholds, s figures.Summary, home string) (Reason, bool) {
	if s.PaidWhileUnusable <= 0 || s.Accrued <= 0 {
		return Reason{}, false
	}
	// paid × 100 ≥ percent × accrued, in big integers: no overflow, no float.
	hundredPaid := new(big.Int).Mul(big.NewInt(s.PaidWhileUnusable), big.NewInt(100))
	if hundredPaid.Cmp(new(big.Int).Mul(big.NewInt(int64(th.PaidUnusablePercent)), big.NewInt(s.Accrued))) < 0 {
		return Reason{}, false
	}
	pct := hundredPaid.Quo(hundredPaid, big.NewInt(s.Accrued)).Int64()
	return Reason{Code: CodePaidWhileUnusable, Level: Watch,
		Paid:    journal.Money{Amount: s.PaidWhileUnusable, Currency: home},
		Cost:    journal.Money{Amount: s.Accrued, Currency: home},
		Percent: int(pct)}, true
}

// ticketRules looks at the tickets open at some time in w: the longest
// silence that is over (watch) and the open tickets still waiting for a
// human reply (consider switching), each at least SilenceDays long. A
// reason with Tickets 0 did not fire.
func ticketRules(th journal.Thresholds, tickets []journal.Ticket, w figures.Interval, asOf time.Time) (silence, unanswered Reason) {
	limit := time.Duration(th.SilenceDays) * 24 * time.Hour
	silence = Reason{Code: CodeSilence, Level: Watch}
	unanswered = Reason{Code: CodeUnansweredTicket, Level: ConsiderSwitching}
	note := func(r *Reason, t *journal.Ticket, s *figures.Silence) {
		if s == nil || s.Length() < limit {
			return
		}
		r.Tickets++
		if s.Length() > r.Silence {
			r.TicketID, r.TicketRef, r.TicketSubject, r.Silence = t.ID, t.Reference, t.Subject, s.Length()
		}
	}
	for i := range tickets {
		t := &tickets[i]
		if !t.OpenedAt.Before(w.End) || (t.ResolvedAt != nil && t.ResolvedAt.Before(w.Start)) {
			continue
		}
		m := figures.TicketMetrics(*t, asOf)
		note(&unanswered, t, m.Waiting)
		if l := m.LongestSilence; l != nil && !l.Running {
			note(&silence, t, l)
		}
	}
	return silence, unanswered
}
