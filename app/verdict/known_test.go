package verdict_test

import (
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/verdict"
	"lapse/app/words"
)

// A decision is known from the end of its day in the user's zone, also
// where the next day's midnight was skipped (PRODUCT.md: the day then ends
// at the next day's first instant).
func TestDecisionKnownFromTheEndOfItsDay(t *testing.T) {
	asuncion, err := time.LoadLocation("America/Asuncion")
	if err != nil {
		t.Fatal(err)
	}
	// Clocks jumped from 00:00 -04 to 01:00 -03 on 1 Oct 2023: 30 Sep ends at 04:00 UTC.
	decided := date(t, "2023-09-30")
	for _, tc := range []struct {
		asOf  string // RFC 3339
		known bool
	}{
		{"2023-09-30T12:00:00Z", false},
		{"2023-10-01T03:59:59Z", false}, // 23:59:59 -04, still the decision's day
		{"2023-10-01T04:00:00Z", true},  // 01:00 -03, the first instant of 1 Oct
	} {
		asOf, err := time.Parse(time.RFC3339, tc.asOf)
		if err != nil {
			t.Fatal(err)
		}
		if got := verdict.Known(decided, asOf, asuncion); got != tc.known {
			t.Errorf("decided %s, known as of %s = %v, want %v", decided, tc.asOf, got, tc.known)
		}
		plan := sub(t, 1, "2023-08-15", 1, journal.Months, 1000, "USD")
		plan.End = date(t, "2023-10-15")
		cancel := journal.Decision{Kind: journal.DecisionCancelled, Date: decided}
		got := verdict.KnownPlans([]journal.Subscription{plan}, []journal.Decision{cancel}, asOf, asuncion)[0].End
		if want := map[bool]journal.Date{true: plan.End}[tc.known]; got != want {
			t.Errorf("as of %s the plan ends %v, want %v", tc.asOf, got, want)
		}
	}
}

// The plan's end is known from its first ending decision: a later one (a
// switch recorded days after the cancellation) does not make it unknown again.
func TestPlanEndKnownFromItsFirstEndingDecision(t *testing.T) {
	plan := sub(t, 1, "2024-05-10", 1, journal.Months, 2000, "USD")
	plan.End = date(t, "2024-08-10")
	decisions := []journal.Decision{
		{ID: 1, Kind: journal.DecisionCancelled, Date: date(t, "2024-07-30")},
		{ID: 2, Kind: journal.DecisionSwitched, Date: date(t, "2024-08-05")},
	}
	for _, tc := range []struct {
		asOf string
		end  string // "": not known yet
	}{
		{"2024-07-30 12:00", ""},
		{"2024-08-01 12:00", "2024-08-10"},
		{"2024-08-06 12:00", "2024-08-10"},
	} {
		got := verdict.KnownPlans([]journal.Subscription{plan}, decisions, at(t, tc.asOf), tokyo)[0].End
		want := journal.Date{}
		if tc.end != "" {
			want = date(t, tc.end)
		}
		if got != want {
			t.Errorf("as of %s the plan ends %v, want %v", tc.asOf, got, want)
		}
	}
	in := verdict.Input{Service: service(1, "Parley AI"), Thresholds: journal.DefaultThresholds(), AsOf: at(t, "2024-08-01 12:00"),
		Loc: tokyo, Converter: usd, Decisions: decisions}
	in.Service.Subscriptions = []journal.Subscription{plan}
	v, err := verdict.Evaluate(in)
	if err != nil {
		t.Fatal(err)
	}
	if v.Kind != verdict.Ended || v.NextCharge != nil || v.Text(words.EN) != "Cancelled 30 Jul 2024" {
		t.Errorf("as of 1 Aug: %s %q, next charge %v; want ended, \"Cancelled 30 Jul 2024\", none", v.Kind, v.Text(words.EN), v.NextCharge)
	}
	// Once the switch is known too, the cancellation keeps its own date.
	in.AsOf, in.Names = at(t, "2024-08-06 12:00"), map[int64]string{2: "Claude"}
	in.Decisions[1].SwitchedTo = ptr(int64(2))
	if v, err = verdict.Evaluate(in); err != nil {
		t.Fatal(err)
	}
	if got, want := v.Text(words.EN), "Cancelled 30 Jul 2024, switched to Claude"; got != want {
		t.Errorf("as of 6 Aug: %q, want %q", got, want)
	}
}

// A downgrade dated the day the new plan starts ended the old plan, not the
// new one: the new plan's end is known only once it is cancelled in turn.
func TestDowngradeEndsThePlanBefore(t *testing.T) {
	pro := sub(t, 1, "2024-01-10", 1, journal.Months, 3000, "USD")
	pro.End = date(t, "2024-03-10")
	plus := sub(t, 2, "2024-03-10", 1, journal.Months, 2000, "USD")
	plus.End = date(t, "2024-08-10")
	decisions := []journal.Decision{
		{ID: 1, Kind: journal.DecisionDowngraded, Date: date(t, "2024-03-10")},
		{ID: 2, Kind: journal.DecisionCancelled, Date: date(t, "2024-07-30")},
	}
	for _, tc := range []struct {
		asOf      string
		pro, plus string // "": not known yet
	}{
		{"2024-03-10 12:00", "", ""},
		{"2024-04-01 12:00", "2024-03-10", ""},
		{"2024-07-29 12:00", "2024-03-10", ""},
		{"2024-07-31 12:00", "2024-03-10", "2024-08-10"},
	} {
		got := verdict.KnownPlans([]journal.Subscription{pro, plus}, decisions, at(t, tc.asOf), tokyo)
		for i, want := range []string{tc.pro, tc.plus} {
			name := []string{"Pro", "Plus"}[i]
			w := journal.Date{}
			if want != "" {
				w = date(t, want)
			}
			if got[i].End != w {
				t.Errorf("as of %s %s ends %v, want %v", tc.asOf, name, got[i].End, w)
			}
		}
	}
}
