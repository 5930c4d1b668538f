package figures

import (
	"time"

	"lapse/app/journal"
)

// Charge is one payment of a subscription on a billing date.
type Charge struct {
	Date     journal.Date
	Amount   int64 // minor units of Currency: the price in force on Date
	Currency string
	Until    journal.Date // the next billing date: the charge pays for [Date, Until)
}

// Period is the time the charge pays for: local midnight of its date to
// local midnight of the next billing date, in loc.
func (c Charge) Period(loc *time.Location) Interval {
	return Interval{c.Date.In(loc), c.Until.In(loc)}
}

// Charges lists the charges of sub dated from from to to, both included.
// Billing dates are Start + k × Period (months clamp from Start each time:
// Jan 31, Feb 28/29, Mar 31), all before a set End: the end date closes the
// last paid period, so a plan ending on a billing date is not charged that day. With a TrialEnd the
// billing dates keep their Start anchor and the first charge is the first
// billing date on or after the trial end. An invalid period yields none.
func Charges(sub journal.Subscription, from, to journal.Date) []Charge {
	return chargesFrom(&sub, firstIndex(sub.Period, sub.Start, from), to)
}

// NextCharge is the first charge date of sub after asOf's date in loc (and
// on or after the trial end); ok is false when none remains before End (a
// billing date equal to End is not charged). A
// charge dated today has happened: cash cost counts it, so it is not "next".
func NextCharge(sub journal.Subscription, asOf time.Time, loc *time.Location) (d journal.Date, ok bool) {
	if sub.Period.N <= 0 {
		return journal.Date{}, false
	}
	from := journal.DateOf(asOf.In(loc)).AddDays(1)
	if sub.TrialEnd.After(from) {
		from = sub.TrialEnd
	}
	d = sub.Period.AddTo(sub.Start, firstIndex(sub.Period, sub.Start, from))
	if !sub.End.IsZero() && !d.Before(sub.End) {
		return journal.Date{}, false
	}
	return d, true
}

// chargesCovering lists the charges whose period reaches past from's
// midnight and that are dated on or before to: every charge that can
// accrue within [from, to].
func chargesCovering(sub *journal.Subscription, from, to journal.Date) []Charge {
	return chargesFrom(sub, max(firstIndex(sub.Period, sub.Start, from)-1, 0), to)
}

// chargesFrom lists the charges with billing index k or later dated on or before to.
func chargesFrom(sub *journal.Subscription, k int, to journal.Date) []Charge {
	p := sub.Period
	if p.N <= 0 {
		return nil
	}
	if !sub.TrialEnd.IsZero() {
		k = max(k, firstIndex(p, sub.Start, sub.TrialEnd))
	}
	var out []Charge
	d := p.AddTo(sub.Start, k)
	for !d.After(to) && (sub.End.IsZero() || d.Before(sub.End)) {
		next := p.AddTo(sub.Start, k+1)
		out = append(out, Charge{Date: d, Amount: sub.PriceOn(d), Currency: sub.Currency, Until: next})
		d = next
		k++
	}
	return out
}

// firstIndex is the smallest k ≥ 0 with p.AddTo(start, k) on or after d.
// It estimates k from the calendar distance, then corrects by single steps,
// so a decade of daily billing costs no more than one charge.
func firstIndex(p journal.Period, start, d journal.Date) int {
	if p.N <= 0 || !d.After(start) {
		return 0
	}
	months := (d.Year-start.Year)*12 + int(d.Month) - int(start.Month)
	var k int
	switch p.Unit {
	case journal.Days:
		k = start.DaysUntil(d) / p.N
	case journal.Weeks:
		k = start.DaysUntil(d) / (7 * p.N)
	case journal.Years:
		k = months / (12 * p.N)
	default:
		k = months / p.N
	}
	k = max(k, 0)
	for k > 0 && !p.AddTo(start, k-1).Before(d) {
		k--
	}
	for p.AddTo(start, k).Before(d) {
		k++
	}
	return k
}
