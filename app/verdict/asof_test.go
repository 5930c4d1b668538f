package verdict_test

import (
	"math/big"
	"reflect"
	"testing"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/verdict"
	"lapse/app/words"
)

// story is PRODUCT.md's story: Parley AI at 20 USD a month from 2024-05-10
// (home JPY at 155), the web login unusable for two weeks, a ticket with a
// human reply, a bot's "Rate your conversation", a follow-up and nine days
// of silence by 2024-07-30, the apology only on 2 Aug. cancelled adds the
// cancellation made on 2024-07-30 at 18:00: the plan ends 2024-08-10, and
// decisions "cancelled" and "switched to Claude" are dated 2024-07-30.
func story(t *testing.T, cancelled bool) verdict.Input {
	parley := service(1, "Parley AI")
	plan := sub(t, 1, "2024-05-10", 1, journal.Months, 2000, "USD")
	login := down(at(t, "2024-07-04 09:00"), 14*day)
	login.Title = "Web login stops at redirecting"
	apology := at(t, "2024-08-02 10:00")
	ticket := journal.Ticket{ID: 7, Subject: "Cannot log in on the web", OpenedAt: at(t, "2024-07-05 10:00"), ResolvedAt: &apology,
		Messages: []journal.Message{
			msg(1, at(t, "2024-07-05 10:00"), journal.Sent, journal.AuthorMe),
			msg(2, at(t, "2024-07-06 15:00"), journal.Received, journal.AuthorHuman),
			msg(3, at(t, "2024-07-06 15:30"), journal.Received, journal.AuthorBot),
			msg(4, at(t, "2024-07-21 09:00"), journal.Sent, journal.AuthorMe),
			msg(5, apology, journal.Received, journal.AuthorHuman),
		}}
	parley.Outages, parley.Tickets, parley.Subscriptions = []journal.Outage{login}, []journal.Ticket{ticket}, []journal.Subscription{plan}
	claude := service(2, "Claude")
	claude.Subscriptions = []journal.Subscription{sub(t, 2, "2024-07-30", 1, journal.Months, 2000, "USD")}
	in := verdict.Input{Service: parley, Alternatives: []figures.ServiceData{claude}, Thresholds: journal.DefaultThresholds(),
		Loc: tokyo, Converter: figures.Converter{Home: "JPY", Rates: map[string]*big.Rat{"USD": big.NewRat(155, 1)}},
		Names: map[int64]string{2: "Claude"}}
	if cancelled {
		in.Service.Subscriptions[0].End = date(t, "2024-08-10")
		in.Decisions = []journal.Decision{
			{ID: 1, ServiceID: 1, Kind: journal.DecisionCancelled, Date: date(t, "2024-07-30")},
			{ID: 2, ServiceID: 1, Kind: journal.DecisionSwitched, Date: date(t, "2024-07-30"), SwitchedTo: ptr(int64(2))},
		}
	}
	return in
}

// A judgement as of a moment uses what was known then (PRODUCT.md): the
// cancellation counts from the end of the day it was decided, not before,
// and nothing dated after as-of counts.
func TestJudgementAsOfAMoment(t *testing.T) {
	storyReasons := []string{"unusable/cancel_before", "unanswered_ticket/consider_switching", "paid_while_unusable/watch", "better_alternative/keep"}
	tests := []struct {
		name      string
		asOf      string
		cancelled bool
		kind      verdict.Kind
		en, ja    string
		next      string // "": none
		reasons   []string
		ended     string // the ended reason in English
	}{
		{"before cancelling: cancel before the next charge", "2024-07-30 12:00", false, verdict.CancelBefore,
			"cancel before 10 Aug 2024", "2024年8月10日までに解約", "2024-08-10", storyReasons, ""},
		{"the morning of the cancellation: unchanged", "2024-07-30 12:00", true, verdict.CancelBefore,
			"cancel before 10 Aug 2024", "2024年8月10日までに解約", "2024-08-10", storyReasons, ""},
		{"the last minute of that day: unchanged", "2024-07-30 23:59", true, verdict.CancelBefore,
			"cancel before 10 Aug 2024", "2024年8月10日までに解約", "2024-08-10", storyReasons, ""},
		// July is now a completed month below 99.0%.
		{"not cancelled, 1 Aug: still cancel", "2024-08-01 00:00", false, verdict.CancelBefore,
			"cancel before 10 Aug 2024", "2024年8月10日までに解約", "2024-08-10",
			[]string{"unusable/cancel_before", "unanswered_ticket/consider_switching", "bad_months/watch", "paid_while_unusable/watch", "better_alternative/keep"}, ""},
		{"cancelled, 1 Aug: says what happened", "2024-08-01 00:00", true, verdict.Ended,
			"Cancelled 30 Jul 2024, switched to Claude", "2024年7月30日に解約、Claudeに乗り換え", "",
			[]string{"unusable/consider_switching", "unanswered_ticket/consider_switching", "bad_months/watch", "paid_while_unusable/watch", "better_alternative/keep", "ended/keep"},
			"paid until 10 Aug 2024; nothing more will be charged"},
		// The apology of 2 Aug ended a 12-day silence; the window no longer
		// holds the plan's paid days that were unusable.
		{"cancelled, after the end date", "2024-08-15 12:00", true, verdict.Ended,
			"Cancelled 30 Jul 2024, switched to Claude", "2024年7月30日に解約、Claudeに乗り換え", "",
			[]string{"unusable/consider_switching", "bad_months/watch", "silence/watch", "better_alternative/keep", "ended/keep"}, "the last plan ended 10 Aug 2024"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := story(t, tc.cancelled)
			in.AsOf = at(t, tc.asOf)
			v := evaluate(t, in)
			if v.Kind != tc.kind || v.Text(words.EN) != tc.en || v.Text(words.JA) != tc.ja {
				t.Errorf("verdict = %s %q / %q, want %s %q / %q", v.Kind, v.Text(words.EN), v.Text(words.JA), tc.kind, tc.en, tc.ja)
			}
			checkReasons(t, v, tc.reasons)
			switch {
			case tc.next == "" && v.NextCharge != nil:
				t.Errorf("next charge = %s, want none", v.NextCharge)
			case tc.next != "" && (v.NextCharge == nil || *v.NextCharge != date(t, tc.next)):
				t.Errorf("next charge = %v, want %s", v.NextCharge, tc.next)
			}
			if r := reason(v, verdict.CodeEnded); tc.ended != "" && (r == nil || r.Text(words.EN) != tc.ended) {
				t.Errorf("ended reason = %+v, want %q", r, tc.ended)
			}
			if tc.kind == verdict.Ended {
				// The record and the alternatives are still there.
				alts, err := verdict.CompareAlternatives(in)
				if err != nil || len(alts) != 2 || alts[1].Name != "Claude" || v.Better == nil || v.Better.Name != "Claude" {
					t.Errorf("alternatives = %+v, %v; better = %+v", alts, err, v.Better)
				}
			}
		})
	}

	// As of the morning of the day of the cancellation the verdict is the
	// one the user would have had without it, figure for figure.
	before, after := story(t, false), story(t, true)
	before.AsOf, after.AsOf = at(t, "2024-07-30 12:00"), at(t, "2024-07-30 12:00")
	if a, b := evaluate(t, before), evaluate(t, after); !reflect.DeepEqual(a, b) {
		t.Errorf("as of the morning of the cancellation:\n%+v\nwant the verdict without it:\n%+v", b, a)
	}

	// The figures the story's reasons name, as of 2024-07-30 12:00.
	v := evaluate(t, before)
	u, w, p := reason(v, verdict.CodeUnusable), reason(v, verdict.CodeUnansweredTicket), reason(v, verdict.CodePaidWhileUnusable)
	want := []string{
		"unusable 14 days in the last 30 days",
		"ticket “Cannot log in on the web” is still open and has waited 9 days 3 hours for a human reply",
		"paid 1,419 JPY for time it was unusable in the last 30 days (46% of the 3,032 JPY it cost)",
	}
	for i, r := range []*verdict.Reason{u, w, p} {
		if r == nil || r.Text(words.EN) != want[i] {
			t.Errorf("reason %d = %+v, want %q", i, r, want[i])
		}
	}
	if v.DaysLeft != 11 {
		t.Errorf("days left = %d, want 11", v.DaysLeft)
	}
}

// A plan that ended without a recorded decision says when it ended.
func TestEndedWithoutDecision(t *testing.T) {
	in := story(t, false)
	in.Service.Subscriptions[0].End = date(t, "2024-08-10")
	for _, tc := range []struct{ asOf, en, ja string }{
		{"2024-08-01 00:00", "Ends 10 Aug 2024", "2024年8月10日に終了予定"},
		{"2024-08-10 00:00", "Ended 10 Aug 2024", "2024年8月10日に終了"},
	} {
		in.AsOf = at(t, tc.asOf)
		v := evaluate(t, in)
		if v.Kind != verdict.Ended || v.Text(words.EN) != tc.en || v.Text(words.JA) != tc.ja {
			t.Errorf("as of %s: %s %q / %q, want ended %q / %q", tc.asOf, v.Kind, v.Text(words.EN), v.Text(words.JA), tc.en, tc.ja)
		}
	}
}
