package figures

import (
	"math/big"
	"time"

	"lapse/app/journal"
)

// Amounts are exact sums of money per ISO 4217 currency, in minor units.
type Amounts map[string]*big.Rat

// add adds amount × num / den minor units of currency, exactly.
func (a Amounts) add(currency string, amount int64, num, den time.Duration) {
	r := a[currency]
	if r == nil {
		r = new(big.Rat)
		a[currency] = r
	}
	n := new(big.Int).Mul(big.NewInt(amount), big.NewInt(int64(num)))
	r.Add(r, new(big.Rat).SetFrac(n, big.NewInt(int64(den))))
}

// CashCost sums the charges dated in window (local midnight of the date in
// loc inside it) and paid by asOf: a charge later in the current month is not counted yet.
func CashCost(subs []journal.Subscription, window Interval, loc *time.Location, asOf time.Time) Amounts {
	out := Amounts{}
	w := until(window, asOf)
	if w.End.Before(w.Start) {
		return out
	}
	from, to := journal.DateOf(w.Start.In(loc)), journal.DateOf(w.End.In(loc))
	for i := range subs {
		for _, c := range chargesFrom(&subs[i], firstIndex(subs[i].Period, subs[i].Start, from), to) {
			t := c.Date.In(loc)
			if !t.Before(window.Start) && t.Before(window.End) && !t.After(asOf) {
				out.add(c.Currency, c.Amount, 1, 1)
			}
		}
	}
	return out
}

// AccruedCost spreads each charge evenly over the time it pays for and sums
// amount × |period ∩ window| / |period|, window ending at asOf at the latest.
// A charge pays for its whole period even when the plan ends within it.
func AccruedCost(subs []journal.Subscription, window Interval, loc *time.Location, asOf time.Time) Amounts {
	return accrue(subs, window, loc, asOf, func(p Interval) time.Duration { return p.Len() })
}

// PaidWhileUnusable is the accrued cost over unusable time:
// Σ amount × |period ∩ unusable ∩ window| / |period|, up to asOf.
func PaidWhileUnusable(subs []journal.Subscription, outages []journal.Outage, window Interval, loc *time.Location, asOf time.Time) Amounts {
	return paidWhileUnusable(subs, outageUnion(outages, asOf, isDown), window, loc, asOf)
}

func paidWhileUnusable(subs []journal.Subscription, down []Interval, window Interval, loc *time.Location, asOf time.Time) Amounts {
	return accrue(subs, window, loc, asOf, func(p Interval) time.Duration { return overlapLen(down, p) })
}

// accrue sums amount × measure(period ∩ window) / |period| over the charges
// that can reach the window.
func accrue(subs []journal.Subscription, window Interval, loc *time.Location, asOf time.Time, measure func(Interval) time.Duration) Amounts {
	out := Amounts{}
	w := until(window, asOf)
	if w.Empty() {
		return out
	}
	from, to := journal.DateOf(w.Start.In(loc)), journal.DateOf(w.End.In(loc))
	for i := range subs {
		for _, c := range chargesCovering(&subs[i], from, to) {
			p := c.Period(loc)
			if part := measure(p.Clip(w)); part > 0 {
				out.add(c.Currency, c.Amount, part, p.Len())
			}
		}
	}
	return out
}
