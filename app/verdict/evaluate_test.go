package verdict_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/verdict"
	"lapse/app/words"
)

func evaluate(t *testing.T, in verdict.Input) verdict.Verdict {
	t.Helper()
	if in.Loc == nil {
		in.Loc = tokyo
	}
	if in.Converter.Home == "" {
		in.Converter = usd
	}
	v, err := verdict.Evaluate(in)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func checkReasons(t *testing.T, v verdict.Verdict, want []string) {
	t.Helper()
	if got := codes(v.Reasons); !slices.Equal(got, want) {
		t.Errorf("reasons = %q, want %q", got, want)
	}
}

func reason(v verdict.Verdict, c verdict.Code) *verdict.Reason {
	for i := range v.Reasons {
		if v.Reasons[i].Code == c {
			return &v.Reasons[i]
		}
	}
	return nil
}

func TestUnusableRule(t *testing.T) {
	th := isolated(func(th *journal.Thresholds) {
		d := journal.DefaultThresholds()
		th.WatchUnusableHours, th.SwitchUnusableHours, th.CancelUnusableHours = d.WatchUnusableHours, d.SwitchUnusableHours, d.CancelUnusableHours
	})
	aug10 := at(t, "2026-08-10 00:00")
	plan := sub(t, 12, "2026-01-15", 1, journal.Months, 2000, "USD")
	ended := plan
	ended.End = date(t, "2026-08-01")
	// Ends on its next billing date: that day is not charged, so nothing is left to cancel.
	endsNext := plan
	endsNext.End = date(t, "2026-09-15")
	degraded := down(aug10, 100*time.Hour)
	degraded.Impact = journal.ImpactDegraded
	ongoing := journal.Outage{Impact: journal.ImpactDown, Start: at(t, "2026-08-19 20:00")}
	tests := []struct {
		name     string
		outages  []journal.Outage
		subs     []journal.Subscription
		want     verdict.Kind
		reasons  []string
		unusable time.Duration
		next     string // "" : no next charge
	}{
		{"3h59m: keep", []journal.Outage{down(aug10, 3*time.Hour+59*minute)}, []journal.Subscription{plan}, verdict.Keep, nil, 0, "2026-09-15"},
		{"4h: watch", []journal.Outage{down(aug10, 4*time.Hour)}, []journal.Subscription{plan}, verdict.Watch, []string{"unusable/watch"}, 4 * time.Hour, "2026-09-15"},
		{"23h59m: still watch", []journal.Outage{down(aug10, 23*time.Hour+59*minute)}, []journal.Subscription{plan}, verdict.Watch, []string{"unusable/watch"}, 23*time.Hour + 59*minute, "2026-09-15"},
		{"24h: consider switching", []journal.Outage{down(aug10, 24*time.Hour)}, []journal.Subscription{plan}, verdict.ConsiderSwitching, []string{"unusable/consider_switching"}, 24 * time.Hour, "2026-09-15"},
		{"71h59m: still consider switching", []journal.Outage{down(aug10, 71*time.Hour+59*minute)}, []journal.Subscription{plan}, verdict.ConsiderSwitching, []string{"unusable/consider_switching"}, 71*time.Hour + 59*minute, "2026-09-15"},
		{"72h: cancel before the next charge", []journal.Outage{down(aug10, 72*time.Hour)}, []journal.Subscription{plan}, verdict.CancelBefore, []string{"unusable/cancel_before"}, 72 * time.Hour, "2026-09-15"},
		{"72h, no subscription: nothing to cancel", []journal.Outage{down(aug10, 72*time.Hour)}, nil, verdict.ConsiderSwitching,
			[]string{"unusable/consider_switching", "nothing_to_cancel/keep"}, 72 * time.Hour, ""},
		{"72h, plan ended: nothing to cancel", []journal.Outage{down(aug10, 72*time.Hour)}, []journal.Subscription{ended}, verdict.ConsiderSwitching,
			[]string{"unusable/consider_switching", "nothing_to_cancel/keep"}, 72 * time.Hour, ""},
		{"72h, plan ends on its next billing date: nothing to cancel", []journal.Outage{down(aug10, 72*time.Hour)}, []journal.Subscription{endsNext}, verdict.ConsiderSwitching,
			[]string{"unusable/consider_switching", "nothing_to_cancel/keep"}, 72 * time.Hour, ""},
		{"no subscription and little downtime: no note", []journal.Outage{down(aug10, 5*time.Hour)}, nil, verdict.Watch, []string{"unusable/watch"}, 5 * time.Hour, ""},
		{"overlapping outages count once", []journal.Outage{down(aug10, 3*time.Hour), down(aug10.Add(time.Hour), 3*time.Hour)}, []journal.Subscription{plan}, verdict.Watch, []string{"unusable/watch"}, 4 * time.Hour, "2026-09-15"},
		{"clipped to the window: 25h from a day before it", []journal.Outage{down(at(t, "2026-07-20 00:00"), 25*time.Hour)}, []journal.Subscription{plan}, verdict.Keep, nil, 0, "2026-09-15"},
		{"ongoing outage counts up to as-of", []journal.Outage{ongoing}, []journal.Subscription{plan}, verdict.Watch, []string{"unusable/watch"}, 4 * time.Hour, "2026-09-15"},
		{"degraded is not unusable", []journal.Outage{degraded}, []journal.Subscription{plan}, verdict.Keep, nil, 0, "2026-09-15"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := service(1, "Parley AI")
			d.Outages, d.Subscriptions = tc.outages, tc.subs
			v := evaluate(t, verdict.Input{Service: d, Thresholds: th, AsOf: asOf(t)})
			if v.Kind != tc.want {
				t.Errorf("kind = %s, want %s", v.Kind, tc.want)
			}
			checkReasons(t, v, tc.reasons)
			if r := reason(v, verdict.CodeUnusable); r != nil && (r.Unusable != tc.unusable || r.WindowDays != 30) {
				t.Errorf("unusable reason = %v in %d days, want %v in 30", r.Unusable, r.WindowDays, tc.unusable)
			}
			switch {
			case tc.next == "" && v.NextCharge != nil:
				t.Errorf("next charge = %s, want none", v.NextCharge)
			case tc.next != "" && (v.NextCharge == nil || *v.NextCharge != date(t, tc.next)):
				t.Errorf("next charge = %v, want %s", v.NextCharge, tc.next)
			}
		})
	}
}

func TestBadMonthsRule(t *testing.T) {
	// June has 720 h: 99.0% allows 7 h 12 min. July has 744 h: 99.0% allows 7 h 26.4 min.
	june, july := at(t, "2026-06-10 00:00"), at(t, "2026-07-05 00:00")
	tests := []struct {
		name    string
		need    int // BadMonthsToSwitch
		outages []journal.Outage
		want    verdict.Kind
		bad     []string
		en, ja  string
	}{
		{"June exactly 99.0%: not bad", 2, []journal.Outage{down(june, 7*time.Hour+12*minute)}, verdict.Keep, nil, "", ""},
		{"June below 99.0%: one of two, watch", 2, []journal.Outage{down(june, 7*time.Hour+13*minute)}, verdict.Watch, []string{"2026-06"},
			"availability below 99.0% in 1 of the last 2 months", "直近2か月のうち1か月で可用性が99.0%を下回りました"},
		{"July 7h26m: 99.0%, not bad", 2, []journal.Outage{down(july, 7*time.Hour+26*minute)}, verdict.Keep, nil, "", ""},
		{"June and July below: consider switching", 2, []journal.Outage{down(june, 7*time.Hour+13*minute), down(july, 7*time.Hour+27*minute)}, verdict.ConsiderSwitching, []string{"2026-06", "2026-07"},
			"availability below 99.0% in each of the last 2 months", "直近2か月いずれも可用性が99.0%を下回りました"},
		{"May is older than the last two months", 2, []journal.Outage{down(at(t, "2026-05-10 00:00"), 100*time.Hour)}, verdict.Keep, nil, "", ""},
		{"one month to switch: last month bad", 1, []journal.Outage{down(july, 8*time.Hour)}, verdict.ConsiderSwitching, []string{"2026-07"},
			"availability below 99.0% last month", "先月の可用性が99.0%を下回りました"},
		{"the current month is not completed", 1, []journal.Outage{down(at(t, "2026-08-01 00:00"), 100*time.Hour)}, verdict.Keep, nil, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			th := isolated(func(th *journal.Thresholds) { th.MinAvailabilityPermille, th.BadMonthsToSwitch = 990, tc.need })
			d := service(1, "Parley AI")
			d.Outages = tc.outages
			v := evaluate(t, verdict.Input{Service: d, Thresholds: th, AsOf: asOf(t)})
			if v.Kind != tc.want {
				t.Errorf("kind = %s, want %s", v.Kind, tc.want)
			}
			r := reason(v, verdict.CodeBadMonths)
			if tc.bad == nil {
				if r != nil {
					t.Errorf("bad months fired: %+v", r)
				}
				return
			}
			if r == nil {
				t.Fatalf("bad months did not fire")
			}
			var got []string
			for _, m := range r.Months {
				got = append(got, m.String())
			}
			if !slices.Equal(got, tc.bad) || r.BadMonths != len(tc.bad) || r.OfMonths != tc.need || r.MinPermille != 990 {
				t.Errorf("bad months = %v (%d of %d, %d‰), want %v", got, r.BadMonths, r.OfMonths, r.MinPermille, tc.bad)
			}
			if en, ja := r.Text(words.EN), r.Text(words.JA); en != tc.en || ja != tc.ja {
				t.Errorf("text = %q / %q, want %q / %q", en, ja, tc.en, tc.ja)
			}
		})
	}
}

func TestPaidWhileUnusableRule(t *testing.T) {
	// 24.00 USD a day is 72,000 cents over the 30-day window and 100 cents an
	// hour: 1% of the cost is 720 cents, 7 h 12 min of downtime.
	th := isolated(func(th *journal.Thresholds) { th.PaidUnusablePercent = 1 })
	daily := sub(t, 3, "2026-01-01", 1, journal.Days, 2400, "USD")
	yen := sub(t, 4, "2026-01-01", 1, journal.Days, 3600, "JPY") // 24.00 USD at 150 JPY per USD
	aug10 := at(t, "2026-08-10 00:00")
	tests := []struct {
		name      string
		subs      []journal.Subscription
		unusable  time.Duration
		fires     bool
		paid      int64
		percent   int
		costMinor int64
	}{
		{"7h12m is exactly 1%", []journal.Subscription{daily}, 7*time.Hour + 12*minute, true, 720, 1, 72000},
		{"7h11m is below 1%", []journal.Subscription{daily}, 7*time.Hour + 11*minute, false, 0, 0, 0},
		{"a JPY plan converted into USD", []journal.Subscription{yen}, 7*time.Hour + 12*minute, true, 720, 1, 72000},
		{"36h is 5%", []journal.Subscription{daily}, 36 * time.Hour, true, 3600, 5, 72000},
		{"nothing paid without a plan", nil, 100 * time.Hour, false, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := service(1, "Parley AI")
			d.Subscriptions, d.Outages = tc.subs, []journal.Outage{down(aug10, tc.unusable)}
			v := evaluate(t, verdict.Input{Service: d, Thresholds: th, AsOf: asOf(t)})
			r := reason(v, verdict.CodePaidWhileUnusable)
			if !tc.fires {
				if r != nil || v.Kind != verdict.Keep {
					t.Errorf("fired: %s %+v", v.Kind, r)
				}
				return
			}
			if r == nil || v.Kind != verdict.Watch || r.Level != verdict.Watch {
				t.Fatalf("did not fire: %s %v", v.Kind, codes(v.Reasons))
			}
			want := verdict.Reason{Code: verdict.CodePaidWhileUnusable, Level: verdict.Watch, WindowDays: 30,
				Paid: journal.Money{Amount: tc.paid, Currency: "USD"}, Cost: journal.Money{Amount: tc.costMinor, Currency: "USD"}, Percent: tc.percent}
			if r.Paid != want.Paid || r.Cost != want.Cost || r.Percent != want.Percent || r.WindowDays != 30 {
				t.Errorf("reason = %+v, want %+v", *r, want)
			}
		})
	}
}

func TestTicketRules(t *testing.T) {
	th := isolated(func(th *journal.Thresholds) { th.SilenceDays = 3 })
	closed := func(id int64, sent time.Time, silence time.Duration) journal.Ticket {
		return journal.Ticket{ID: id, OpenedAt: sent, ResolvedAt: ptr(sent.Add(silence + day)), Messages: []journal.Message{
			msg(id*10, sent, journal.Sent, journal.AuthorMe),
			msg(id*10+1, sent.Add(silence), journal.Received, journal.AuthorHuman),
		}}
	}
	open := func(id int64, sent time.Time) journal.Ticket {
		return journal.Ticket{ID: id, OpenedAt: sent, Messages: []journal.Message{msg(id*10, sent, journal.Sent, journal.AuthorMe)}}
	}
	aug1 := at(t, "2026-08-01 10:00")
	botOnly := open(4, aug1)
	botOnly.Messages = append(botOnly.Messages,
		msg(41, aug1.Add(5*minute), journal.Received, journal.AuthorBot),
		msg(42, aug1.Add(4*day), journal.Received, journal.AuthorHuman))
	botOnly.ResolvedAt = ptr(aug1.Add(5 * day))
	both := closed(8, aug1, 5*day) // answered after 5 days, then asked again 3 days before as-of
	both.ResolvedAt = nil
	both.Messages = append(both.Messages, msg(82, at(t, "2026-08-17 00:00"), journal.Sent, journal.AuthorMe))

	tests := []struct {
		name    string
		tickets []journal.Ticket
		want    verdict.Kind
		reasons []string
		ticket  int64 // the ticket named by the first ticket reason
		silence time.Duration
		count   int
	}{
		{"silence of exactly 3 days: watch", []journal.Ticket{closed(1, aug1, 3*day)}, verdict.Watch, []string{"silence/watch"}, 1, 3 * day, 1},
		{"silence of 2d23h59m: keep", []journal.Ticket{closed(1, aug1, 3*day-minute)}, verdict.Keep, nil, 0, 0, 0},
		{"a bot reply does not end a silence", []journal.Ticket{botOnly}, verdict.Watch, []string{"silence/watch"}, 4, 4 * day, 1},
		{"resolved before the window: not counted", []journal.Ticket{closed(1, at(t, "2026-06-01 10:00"), 10*day)}, verdict.Keep, nil, 0, 0, 0},
		{"open in the window: silence measured whole", []journal.Ticket{closed(1, at(t, "2026-07-02 10:00"), 20*day)}, verdict.Watch, []string{"silence/watch"}, 1, 20 * day, 1},
		{"open, waiting exactly 3 days: consider switching", []journal.Ticket{open(5, at(t, "2026-08-17 00:00"))}, verdict.ConsiderSwitching, []string{"unanswered_ticket/consider_switching"}, 5, 3 * day, 1},
		{"open, waiting 2d23h59m: keep", []journal.Ticket{open(5, at(t, "2026-08-17 00:01"))}, verdict.Keep, nil, 0, 0, 0},
		{"two waiting: the longest is named", []journal.Ticket{open(5, at(t, "2026-08-16 00:00")), open(6, at(t, "2026-08-14 00:00"))},
			verdict.ConsiderSwitching, []string{"unanswered_ticket/consider_switching"}, 6, 6 * day, 2},
		{"an old silence and a new wait: both listed", []journal.Ticket{both}, verdict.ConsiderSwitching,
			[]string{"unanswered_ticket/consider_switching", "silence/watch"}, 8, 3 * day, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := service(1, "Parley AI")
			d.Tickets = tc.tickets
			v := evaluate(t, verdict.Input{Service: d, Thresholds: th, AsOf: asOf(t)})
			if v.Kind != tc.want {
				t.Errorf("kind = %s, want %s", v.Kind, tc.want)
			}
			checkReasons(t, v, tc.reasons)
			if len(v.Reasons) == 0 {
				return
			}
			if r := v.Reasons[0]; r.TicketID != tc.ticket || r.Silence != tc.silence || r.Tickets != tc.count {
				t.Errorf("reason names ticket #%d, %v, %d tickets; want #%d, %v, %d", r.TicketID, r.Silence, r.Tickets, tc.ticket, tc.silence, tc.count)
			}
		})
	}
}

// TestVerdictIsTheMaximum: every rule fires at its own level; the verdict
// is the highest, and the reasons are listed most severe first.
func TestVerdictIsTheMaximum(t *testing.T) {
	th := journal.DefaultThresholds()
	th.PaidUnusablePercent = 1
	d := service(1, "Parley AI")
	d.Subscriptions = []journal.Subscription{sub(t, 3, "2026-01-01", 1, journal.Days, 2400, "USD")}
	d.Outages = []journal.Outage{
		down(at(t, "2026-06-10 00:00"), 8*time.Hour), // June below 99.0%
		down(at(t, "2026-08-10 00:00"), 8*time.Hour), // watch, and 800 cents ≥ 1% of 72,000
	}
	d.Tickets = []journal.Ticket{
		{ID: 2, OpenedAt: at(t, "2026-08-01 10:00"), ResolvedAt: ptr(at(t, "2026-08-09 10:00")), Messages: []journal.Message{
			msg(20, at(t, "2026-08-01 10:00"), journal.Sent, journal.AuthorMe),
			msg(21, at(t, "2026-08-05 10:00"), journal.Received, journal.AuthorHuman),
		}},
		{ID: 3, OpenedAt: at(t, "2026-08-15 10:00"), Messages: []journal.Message{
			msg(30, at(t, "2026-08-15 10:00"), journal.Sent, journal.AuthorMe),
		}},
	}
	v := evaluate(t, verdict.Input{Service: d, Thresholds: th, AsOf: asOf(t)})
	if v.Kind != verdict.ConsiderSwitching {
		t.Errorf("kind = %s, want consider_switching", v.Kind)
	}
	checkReasons(t, v, []string{"unanswered_ticket/consider_switching", "unusable/watch", "bad_months/watch", "paid_while_unusable/watch", "silence/watch"})

	d.Outages = append(d.Outages, down(at(t, "2026-08-12 00:00"), 72*time.Hour))
	v = evaluate(t, verdict.Input{Service: d, Thresholds: th, AsOf: asOf(t)})
	// The daily plan charged today; the next charge is tomorrow.
	if v.Kind != verdict.CancelBefore || v.NextCharge == nil || *v.NextCharge != date(t, "2026-08-21") || v.DaysLeft != 1 {
		t.Errorf("verdict = %s before %v (%d days), want cancel_before 2026-08-21 (1 day)", v.Kind, v.NextCharge, v.DaysLeft)
	}
	checkReasons(t, v, []string{"unusable/cancel_before", "unanswered_ticket/consider_switching", "bad_months/watch", "paid_while_unusable/watch", "silence/watch"})
}

func TestCancelBeforeDate(t *testing.T) {
	monthly := func(start string) journal.Subscription { return sub(t, 1, start, 1, journal.Months, 2000, "USD") }
	yearly := sub(t, 2, "2025-02-15", 1, journal.Years, 20000, "USD")
	ended := monthly("2026-01-31")
	ended.End = date(t, "2026-02-01")
	trial := monthly("2026-01-31")
	trial.TrialEnd = date(t, "2026-04-10")
	tests := []struct {
		name string
		asOf string
		subs []journal.Subscription
		next string
		left int
		en   string
	}{
		{"Jan 31 monthly: clamped to Feb 28", "2026-02-10 12:00", []journal.Subscription{monthly("2026-01-31")}, "2026-02-28", 18, "cancel before 28 Feb 2026"},
		{"Jan 31 monthly: back to Mar 31", "2026-03-01 12:00", []journal.Subscription{monthly("2026-01-31")}, "2026-03-31", 30, "cancel before 31 Mar 2026"},
		{"Jan 31 monthly in a leap year: Feb 29", "2028-02-01 12:00", []journal.Subscription{monthly("2028-01-31")}, "2028-02-29", 28, "cancel before 29 Feb 2028"},
		{"a charge today has been made: the next one counts", "2026-02-28 09:00", []journal.Subscription{monthly("2026-01-31")}, "2026-03-31", 31, "cancel before 31 Mar 2026"},
		{"the earliest plan wins", "2026-02-10 12:00", []journal.Subscription{monthly("2026-01-31"), yearly}, "2026-02-15", 5, "cancel before 15 Feb 2026"},
		{"an ended plan is skipped", "2026-02-10 12:00", []journal.Subscription{ended, yearly}, "2026-02-15", 5, "cancel before 15 Feb 2026"},
		{"a trial: the first charge after it", "2026-02-10 12:00", []journal.Subscription{trial}, "2026-04-30", 79, "cancel before 30 Apr 2026"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			now := at(t, tc.asOf)
			d := service(1, "Parley AI")
			d.Subscriptions = tc.subs
			d.Outages = []journal.Outage{down(now.Add(-80*time.Hour), 72*time.Hour)}
			v := evaluate(t, verdict.Input{Service: d, Thresholds: journal.DefaultThresholds(), AsOf: now})
			if v.Kind != verdict.CancelBefore {
				t.Fatalf("kind = %s, want cancel_before", v.Kind)
			}
			if v.NextCharge == nil || *v.NextCharge != date(t, tc.next) || v.DaysLeft != tc.left {
				t.Errorf("cancel before %v (%d days), want %s (%d days)", v.NextCharge, v.DaysLeft, tc.next, tc.left)
			}
			if got := v.Text(words.EN); got != tc.en {
				t.Errorf("text = %q, want %q", got, tc.en)
			}
		})
	}
}

func TestBetterAlternative(t *testing.T) {
	aug10 := at(t, "2026-08-10 00:00")
	withDowntime := func(id int64, name string, d time.Duration, monthlyCents int64) figures.ServiceData {
		s := service(id, name)
		if d > 0 {
			s.Outages = []journal.Outage{down(aug10, d)}
		}
		if monthlyCents > 0 {
			s.Subscriptions = []journal.Subscription{sub(t, id*10, "2026-01-01", 1, journal.Months, monthlyCents, "USD")}
		}
		return s
	}
	quill := withDowntime(2, "Quill Assistant", 2*time.Hour, 2000)
	mumble := withDowntime(3, "Mumble", 100*time.Hour, 1000)
	echo := withDowntime(4, "Echo", 30*time.Hour, 1000) // as unusable as the service: not better
	ark := withDowntime(5, "Ark", 2*time.Hour, 3000)    // as good as Quill but dearer
	zen := withDowntime(6, "Zen", 0, 0)
	tests := []struct {
		name   string
		self   time.Duration
		alts   []figures.ServiceData
		better string // "" : none named
		en, ja string
	}{
		{"less downtime: named", 30 * time.Hour, []figures.ServiceData{mumble, quill}, "Quill Assistant",
			"Quill Assistant was unusable 2 hours in the same 30 days", "同じ30日間、Quill Assistantが利用できなかったのは2時間でした"},
		{"more or equal downtime: none", 30 * time.Hour, []figures.ServiceData{mumble, echo}, "", "", ""},
		{"equal downtime: the cheaper", 30 * time.Hour, []figures.ServiceData{ark, quill}, "Quill Assistant",
			"Quill Assistant was unusable 2 hours in the same 30 days", "同じ30日間、Quill Assistantが利用できなかったのは2時間でした"},
		{"never unusable", 30 * time.Hour, []figures.ServiceData{quill, zen}, "Zen",
			"Zen was never unusable in the same 30 days", "同じ30日間、Zenに利用できない時間はありませんでした"},
		{"only watch: no alternative named", 5 * time.Hour, []figures.ServiceData{zen}, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			self := withDowntime(1, "Parley AI", tc.self, 2000)
			v := evaluate(t, verdict.Input{Service: self, Alternatives: tc.alts, Thresholds: journal.DefaultThresholds(), AsOf: asOf(t)})
			r := reason(v, verdict.CodeBetterAlternative)
			if tc.better == "" {
				if v.Better != nil || r != nil {
					t.Errorf("named %+v", v.Better)
				}
				return
			}
			if v.Better == nil || v.Better.Name != tc.better || !v.Better.Better {
				t.Fatalf("better = %+v, want %s", v.Better, tc.better)
			}
			if last := v.Reasons[len(v.Reasons)-1]; last.Code != verdict.CodeBetterAlternative || last.AlternativeID != v.Better.ServiceID {
				t.Errorf("last reason = %+v, want the alternative", last)
			}
			if en, ja := r.Text(words.EN), r.Text(words.JA); en != tc.en || ja != tc.ja {
				t.Errorf("text = %q / %q, want %q / %q", en, ja, tc.en, tc.ja)
			}
		})
	}
}

func TestCompareAlternatives(t *testing.T) {
	aug10 := at(t, "2026-08-10 00:00")
	self := service(1, "Parley AI")
	self.Outages = []journal.Outage{down(aug10, 30*time.Hour)}
	self.Subscriptions = []journal.Subscription{sub(t, 10, "2026-01-01", 1, journal.Days, 100, "USD")}
	quill := service(2, "Quill Assistant")
	quill.Outages = []journal.Outage{down(aug10, 2*time.Hour)}
	quill.Subscriptions = []journal.Subscription{sub(t, 20, "2026-01-01", 1, journal.Days, 150, "JPY")}
	quill.Tickets = []journal.Ticket{{ID: 9, OpenedAt: aug10, ResolvedAt: ptr(aug10.Add(day)), Messages: []journal.Message{
		msg(90, aug10, journal.Sent, journal.AuthorMe),
		msg(91, aug10.Add(5*time.Hour), journal.Received, journal.AuthorHuman),
	}}}
	mumble := service(3, "Mumble")
	mumble.Outages = []journal.Outage{down(aug10, 40*time.Hour)}

	got, err := verdict.CompareAlternatives(verdict.Input{Service: self, Alternatives: []figures.ServiceData{mumble, quill},
		Thresholds: journal.DefaultThresholds(), AsOf: asOf(t), Loc: tokyo, Converter: usd})
	if err != nil {
		t.Fatal(err)
	}
	window := 30 * day
	want := []struct {
		name     string
		self     bool
		better   bool
		unusable time.Duration
		accrued  int64 // USD cents
		response time.Duration
	}{
		{"Parley AI", true, false, 30 * time.Hour, 3000, 0},
		{"Quill Assistant", false, true, 2 * time.Hour, 3000, 5 * time.Hour}, // 150 JPY a day is 1.00 USD
		{"Mumble", false, false, 40 * time.Hour, 0, 0},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || g.Self != w.self || g.Better != w.better || g.Unusable != w.unusable || g.Accrued != w.accrued || g.Currency != "USD" {
			t.Errorf("row %d = %+v, want %+v", i, g, w)
		}
		if g.Availability == nil || g.Availability.Length != window || g.Availability.Unusable != w.unusable {
			t.Errorf("row %d availability = %+v, want %v of %v", i, g.Availability, w.unusable, window)
		}
		if (w.response == 0) != (g.WorstFirstResponse == nil) || (g.WorstFirstResponse != nil && g.WorstFirstResponse.After != w.response) {
			t.Errorf("row %d worst first response = %+v, want %v", i, g.WorstFirstResponse, w.response)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	d := service(1, "Parley AI")
	d.Subscriptions = []journal.Subscription{sub(t, 1, "2026-01-01", 1, journal.Months, 2000, "EUR")}
	_, err := verdict.Evaluate(verdict.Input{Service: d, Thresholds: journal.DefaultThresholds(), AsOf: asOf(t), Loc: tokyo, Converter: usd})
	var missing *figures.MissingRateError
	if !errors.As(err, &missing) || missing.Currency != "EUR" {
		t.Errorf("missing rate: err = %v, want a MissingRateError for EUR", err)
	}

	_, err = verdict.Evaluate(verdict.Input{Service: service(1, "Parley AI"), AsOf: asOf(t), Converter: usd})
	var je *journal.Error
	if !errors.As(err, &je) || je.Code != journal.EINVALID {
		t.Errorf("zero thresholds: err = %v, want EINVALID", err)
	}
}
