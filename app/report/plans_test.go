package report

import (
	"context"
	"testing"

	"lapse/app/journal"
	"lapse/app/words"
)

// A plan that ended on the period's first day (the end of its last paid
// period) neither charged nor ran in the period: the summary leaves it out.
func TestPlanEndingAsThePeriodBeginsIsNotListed(t *testing.T) {
	f := newFixture(t)
	old := &journal.Subscription{ServiceID: f.calm, Plan: "Old", Amount: 1000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: journal.Date{Year: 2026, Month: 8, Day: 1},
		End: journal.Date{Year: 2026, Month: 10, Day: 1}}
	must(t, f.db.CreateSubscription(context.Background(), old))
	s := f.october(t, f.calm, words.EN)
	for _, p := range s.Plans {
		if p.Plan == "Old" {
			t.Errorf("plans list %q, which ended as October began", p.Plan)
		}
	}
	for _, c := range s.Charges {
		if c.Plan == "Old" {
			t.Errorf("charge of the ended plan on %s", c.Date)
		}
	}
	if len(s.Plans) != 1 || s.Plans[0].Plan != "Plus" {
		t.Errorf("plans = %+v, want only Plus", s.Plans)
	}
}
