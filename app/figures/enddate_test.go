package figures_test

import (
	"testing"

	"lapse/app/figures"
	"lapse/app/journal"
)

// A plan ending on a billing date is not charged that day (PRODUCT.md): the
// end date closes the last paid period. Cash, accrual and the next charge agree.
func TestEndDateOnABillingDate(t *testing.T) {
	sub := monthly(t, "2024-05-10", 1000, "USD")
	sub.End = date(t, "2024-08-10")
	subs := []journal.Subscription{sub}
	utc := mustLoc(t, "UTC")
	year := figures.Interval{Start: at(t, utc, "2024-01-01 00:00"), End: at(t, utc, "2025-01-01 00:00")}
	later := at(t, utc, "2025-06-01 00:00")

	checkAmounts(t, figures.CashCost(subs, year, utc, later), map[string]string{"USD": "3000"})
	// Three periods, May 10 to Aug 10, each paid once; nothing accrues after the end.
	checkAmounts(t, figures.AccruedCost(subs, year, utc, later), map[string]string{"USD": "3000"})
	after := figures.Interval{Start: at(t, utc, "2024-08-10 00:00"), End: at(t, utc, "2025-01-01 00:00")}
	checkAmounts(t, figures.AccruedCost(subs, after, utc, later), map[string]string{})

	for _, tc := range []struct{ asOf, want string }{
		{"2024-06-20 12:00", "2024-07-10"},
		{"2024-07-10 12:00", ""}, // charged today; Aug 10 is the end, not a charge
		{"2024-07-20 12:00", ""},
	} {
		d, ok := figures.NextCharge(sub, at(t, utc, tc.asOf), utc)
		if got := map[bool]string{true: d.String()}[ok]; got != tc.want {
			t.Errorf("NextCharge as of %s = %q, want %q", tc.asOf, got, tc.want)
		}
	}
}
