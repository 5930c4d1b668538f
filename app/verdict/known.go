package verdict

import (
	"time"

	"lapse/app/journal"
	"lapse/app/words"
)

// Ended is the verdict on a service whose plans have all ended or been
// cancelled as of the verdict's instant: there is nothing left to keep or
// cancel, so it says what happened (Verdict.Ending). It is no level: reasons
// never raise a verdict to it, and it has no Rank.
const Ended Kind = "ended"

// Ending is what happened to a service whose plans have all ended.
type Ending struct {
	// Decision is the latest decision that ended a plan (cancelled, switched
	// or downgraded) known as of the verdict; "" when none was recorded.
	Decision journal.DecisionKind
	Decided  journal.Date // its date; zero when none
	// End is the latest end date of the service's plans: the end of the
	// last paid period. Over tells whether it had passed as of the verdict.
	End  journal.Date
	Over bool
	// SwitchedTo names the service of the latest known "switched"
	// decision; "" when none (or its service is gone).
	SwitchedTo   string
	SwitchedToID int64
}

// Text says what happened: "Cancelled 30 Jul 2024, switched to Claude",
// "2024年7月30日に解約、Claudeに乗り換え"; without a decision "Ended 10 Aug 2024".
func (e Ending) Text(l words.Lang) string {
	var s string
	switch {
	case e.Decision == journal.DecisionDowngraded:
		s = pick(l, "Downgraded "+longDate(e.Decided, l), longDate(e.Decided, l)+"にダウングレード")
	case e.Decision != "":
		s = pick(l, "Cancelled "+longDate(e.Decided, l), longDate(e.Decided, l)+"に解約")
	case e.Over:
		s = pick(l, "Ended "+longDate(e.End, l), longDate(e.End, l)+"に終了")
	default:
		s = pick(l, "Ends "+longDate(e.End, l), longDate(e.End, l)+"に終了予定")
	}
	if e.SwitchedTo != "" {
		s += pick(l, ", switched to "+e.SwitchedTo, "、"+e.SwitchedTo+"に乗り換え")
	}
	return s
}

// endsPlan tells whether a decision of kind k ends the plan it is about.
func endsPlan(k journal.DecisionKind) bool {
	return k == journal.DecisionCancelled || k == journal.DecisionSwitched || k == journal.DecisionDowngraded
}

// Known reports whether a decision dated d was known at asOf: decisions
// are dated by day, so from the end of that day in loc.
func Known(d journal.Date, asOf time.Time, loc *time.Location) bool {
	return !asOf.Before(d.AddDays(1).In(loc))
}

// KnownPlans are subs as they were known at asOf. A plan's end date counts
// from the day its ending was first decided (planDecisions), not from the
// end date: as of the morning of the day the user cancelled, the plan still
// renews, and a later decision (a switch recorded days after) does not make
// a known end unknown again. A plan with an end date but no decision of its
// own keeps its end date.
func KnownPlans(subs []journal.Subscription, decisions []journal.Decision, asOf time.Time, loc *time.Location) []journal.Subscription {
	out := make([]journal.Subscription, len(subs))
	copy(out, subs)
	for i, d := range planDecisions(out, decisions) {
		if d != nil && !Known(d.Date, asOf, loc) {
			out[i].End = journal.Date{}
		}
	}
	return out
}

// planDecisions is, for each plan of subs, the first cancelled, switched or
// downgraded decision that ended it; nil for a plan with none. Decisions
// carry no plan, so each belongs to the plan it falls in (from its start to
// its end date) that ends first: a downgrade dated the day the new plan
// starts ended the old one.
func planDecisions(subs []journal.Subscription, decisions []journal.Decision) []*journal.Decision {
	own := make([]*journal.Decision, len(subs))
	for k := range decisions {
		d := &decisions[k]
		if !endsPlan(d.Kind) {
			continue
		}
		owner := -1
		for i, s := range subs {
			if !s.End.IsZero() && !d.Date.Before(s.Start) && !d.Date.After(s.End) && (owner < 0 || s.End.Before(subs[owner].End)) {
				owner = i
			}
		}
		if owner >= 0 && (own[owner] == nil || d.Date.Before(own[owner].Date)) {
			own[owner] = d
		}
	}
	return own
}

// ending is what happened to a service whose plans (as known at asOf) all
// have an end date; ok is false when it has none or one still runs on. The
// decision it names is the one that ended the last plan to end; the
// service switched to, the latest known switch.
func ending(subs []journal.Subscription, decisions []journal.Decision, names map[int64]string, asOf time.Time, loc *time.Location) (e Ending, ok bool) {
	if len(subs) == 0 {
		return e, false
	}
	first, last := subs[0].Start, 0
	for i, s := range subs {
		if s.End.IsZero() {
			return e, false
		}
		if s.End.After(e.End) {
			e.End, last = s.End, i
		}
		if s.Start.Before(first) {
			first = s.Start
		}
	}
	e.Over = !journal.DateOf(asOf.In(loc)).Before(e.End)
	if d := planDecisions(subs, decisions)[last]; d != nil && Known(d.Date, asOf, loc) {
		e.Decision, e.Decided = d.Kind, d.Date
	}
	var switched journal.Date
	for _, d := range decisions {
		if d.Kind != journal.DecisionSwitched || d.Date.Before(first) || d.Date.After(e.End) || !Known(d.Date, asOf, loc) {
			continue
		}
		if d.SwitchedTo != nil && names[*d.SwitchedTo] != "" && !d.Date.Before(switched) {
			switched, e.SwitchedToID, e.SwitchedTo = d.Date, *d.SwitchedTo, names[*d.SwitchedTo]
		}
	}
	return e, true
}
