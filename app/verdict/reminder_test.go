package verdict_test

import (
	"slices"
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/verdict"
	"lapse/app/words"
)

// remindAt is the instant the reminder tests look from: 27 Jul 2026, 10:00 Tokyo.
func remindAt(t testing.TB) time.Time { return at(t, "2026-07-27 10:00") }

// got is a reminder's identity and timing for comparison.
type got struct {
	Key, Due string
	Left     int
}

func summarize(rs []verdict.Reminder) []got {
	out := []got{}
	for _, r := range rs {
		out = append(out, got{r.Key, r.Due.In(tokyo).Format("2006-01-02 15:04"), r.DaysLeft})
	}
	return out
}

func TestReminders(t *testing.T) {
	plan := func(start string, lead int) journal.Subscription {
		s := sub(t, 12, start, 1, journal.Months, 2000, "USD")
		s.ReminderDays = lead
		return s
	}
	ended := plan("2026-01-03", 0)
	ended.End = date(t, "2026-07-01")
	waiting := func(sent string, replies ...journal.Message) journal.Ticket {
		s := at(t, sent)
		return journal.Ticket{ID: 7, OpenedAt: s, Messages: append([]journal.Message{msg(70, s.UTC(), journal.Sent, journal.AuthorMe)}, replies...)}
	}
	resolved := waiting("2026-07-10 10:00")
	resolved.ResolvedAt = ptr(at(t, "2026-07-20 10:00"))
	open := func(start string) journal.Outage {
		return journal.Outage{ID: 42, Impact: journal.ImpactDown, Start: at(t, start).UTC()}
	}
	closed := down(at(t, "2026-07-20 10:00"), 30*time.Minute)

	tests := []struct {
		name     string
		subs     []journal.Subscription
		tickets  []journal.Ticket
		outages  []journal.Outage
		verdict  verdict.Kind
		lead     int // Settings.ReminderDays
		waitDays int // Thresholds.WaitingTicketDays
		want     []got
	}{
		{"charge exactly 7 days ahead, default lead", []journal.Subscription{plan("2026-01-03", 0)}, nil, nil, verdict.Keep, 0, 3,
			[]got{{"renewal:sub12:2026-08-03", "2026-08-03 00:00", 7}}},
		{"charge 8 days ahead: not yet", []journal.Subscription{plan("2026-01-04", 0)}, nil, nil, verdict.Keep, 7, 3, []got{}},
		{"settings lead of 10 days", []journal.Subscription{plan("2026-01-06", 0)}, nil, nil, verdict.Keep, 10, 3,
			[]got{{"renewal:sub12:2026-08-06", "2026-08-06 00:00", 10}}},
		{"the plan's own lead: 3 days exactly", []journal.Subscription{plan("2026-01-30", 3)}, nil, nil, verdict.Keep, 7, 3,
			[]got{{"renewal:sub12:2026-07-30", "2026-07-30 00:00", 3}}},
		{"the plan's own lead: 4 days ahead is not yet", []journal.Subscription{plan("2026-01-31", 3)}, nil, nil, verdict.Keep, 7, 3, []got{}},
		{"a charge today has been made: nothing", []journal.Subscription{plan("2026-01-27", 0)}, nil, nil, verdict.Keep, 7, 3, []got{}},
		{"a charge tomorrow", []journal.Subscription{plan("2026-01-28", 0)}, nil, nil, verdict.Keep, 7, 3,
			[]got{{"renewal:sub12:2026-07-28", "2026-07-28 00:00", 1}}},
		{"verdict watch: cancel before instead of renewal", []journal.Subscription{plan("2026-01-03", 0)}, nil, nil, verdict.Watch, 7, 3,
			[]got{{"cancel_before:sub12:2026-08-03", "2026-08-03 00:00", 7}}},
		{"an ended plan: nothing", []journal.Subscription{ended}, nil, nil, verdict.Watch, 7, 3, []got{}},
		{"ticket waiting exactly 3 days: not yet", nil, []journal.Ticket{waiting("2026-07-24 10:00")}, nil, verdict.Keep, 7, 3, []got{}},
		{"ticket waiting 3 days 1 minute", nil, []journal.Ticket{waiting("2026-07-24 09:59")}, nil, verdict.Keep, 7, 3,
			[]got{{"ticket:7:70", "2026-07-27 09:59", 0}}},
		{"a bot reply does not stop the wait", nil, []journal.Ticket{waiting("2026-07-20 10:00", msg(71, at(t, "2026-07-20 10:05"), journal.Received, journal.AuthorBot))}, nil, verdict.Keep, 7, 3,
			[]got{{"ticket:7:70", "2026-07-23 10:00", 0}}},
		{"a human reply ends it", nil, []journal.Ticket{waiting("2026-07-20 10:00", msg(71, at(t, "2026-07-21 10:05"), journal.Received, journal.AuthorHuman))}, nil, verdict.Keep, 7, 3, []got{}},
		{"a resolved ticket: nothing", nil, []journal.Ticket{resolved}, nil, verdict.Keep, 7, 3, []got{}},
		{"waiting 4 days with a 5-day limit: not yet", nil, []journal.Ticket{waiting("2026-07-23 10:00")}, nil, verdict.Keep, 7, 5, []got{}},
		{"no limit set: the default 3 days", nil, []journal.Ticket{waiting("2026-07-23 10:00")}, nil, verdict.Keep, 7, 0,
			[]got{{"ticket:7:70", "2026-07-26 10:00", 0}}},
		{"outage open exactly a day: not yet", nil, nil, []journal.Outage{open("2026-07-26 10:00")}, verdict.Keep, 7, 3, []got{}},
		{"outage open a day and a minute", nil, nil, []journal.Outage{open("2026-07-26 09:59")}, verdict.Keep, 7, 3,
			[]got{{"outage:42", "2026-07-27 09:59", 0}}},
		{"a closed outage: nothing", nil, nil, []journal.Outage{closed}, verdict.Keep, 7, 3, []got{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := service(1, "Parley AI")
			d.Subscriptions, d.Tickets, d.Outages = tc.subs, tc.tickets, tc.outages
			st := journal.DefaultSettings()
			st.ReminderDays, st.Thresholds.WaitingTicketDays = tc.lead, tc.waitDays
			rs := verdict.Reminders(verdict.ReminderInput{Services: []figures.ServiceData{d},
				Verdicts: map[int64]verdict.Kind{1: tc.verdict}, Settings: st, AsOf: remindAt(t), Loc: tokyo})
			if g := summarize(rs); !slices.Equal(g, tc.want) {
				t.Errorf("reminders = %+v, want %+v", g, tc.want)
			}
			for _, r := range rs {
				if r.ServiceID != 1 || r.Service != "Parley AI" {
					t.Errorf("%s names service %d %q", r.Key, r.ServiceID, r.Service)
				}
			}
		})
	}
}

// journalOf is two services with one reminder of each kind.
func journalOf(t *testing.T) ([]figures.ServiceData, map[int64]verdict.Kind) {
	parley := service(1, "Parley AI")
	parley.Subscriptions = []journal.Subscription{sub(t, 12, "2026-01-03", 1, journal.Months, 2000, "USD")}
	parley.Tickets = []journal.Ticket{{ID: 7, Subject: "Login loop", OpenedAt: at(t, "2026-07-20 10:00"), Messages: []journal.Message{
		msg(70, at(t, "2026-07-20 10:00").UTC(), journal.Sent, journal.AuthorMe),
	}}}
	quill := service(2, "Quill")
	quill.Subscriptions = []journal.Subscription{sub(t, 13, "2026-01-30", 1, journal.Months, 150000, "JPY")}
	quill.Subscriptions[0].Plan = ""
	quill.Outages = []journal.Outage{{ID: 42, Title: "Login loop", Impact: journal.ImpactDown, Start: at(t, "2026-07-26 09:00").UTC()}}
	return []figures.ServiceData{parley, quill}, map[int64]verdict.Kind{1: verdict.Keep, 2: verdict.ConsiderSwitching}
}

func TestRemindersOrderAndKeys(t *testing.T) {
	services, verdicts := journalOf(t)
	in := verdict.ReminderInput{Services: services, Verdicts: verdicts, Settings: journal.DefaultSettings(), AsOf: remindAt(t), Loc: tokyo}
	want := []got{
		{"ticket:7:70", "2026-07-23 10:00", 0},
		{"outage:42", "2026-07-27 09:00", 0},
		{"cancel_before:sub13:2026-07-30", "2026-07-30 00:00", 3},
		{"renewal:sub12:2026-08-03", "2026-08-03 00:00", 7},
	}
	if g := summarize(verdict.Reminders(in)); !slices.Equal(g, want) {
		t.Errorf("reminders = %+v, want %+v", g, want)
	}

	// A day later the same things are due under the same keys, at the same times.
	in.AsOf = in.AsOf.Add(day)
	want = []got{want[0], want[1], {want[2].Key, want[2].Due, 2}, {want[3].Key, want[3].Due, 6}}
	if g := summarize(verdict.Reminders(in)); !slices.Equal(g, want) {
		t.Errorf("a day later: reminders = %+v, want %+v", g, want)
	}

	// A service with no verdict counts as keep.
	in.Verdicts = nil
	if rs := verdict.Reminders(in); rs[2].Kind != verdict.RemindRenewal || rs[2].Key != "renewal:sub13:2026-07-30" {
		t.Errorf("no verdict: %s %s, want a renewal", rs[2].Kind, rs[2].Key)
	}
}

func TestReminderText(t *testing.T) {
	services, verdicts := journalOf(t)
	rs := verdict.Reminders(verdict.ReminderInput{Services: services, Verdicts: verdicts, Settings: journal.DefaultSettings(), AsOf: remindAt(t), Loc: tokyo})
	want := []struct {
		kind            verdict.ReminderKind
		titleEN, bodyEN string
		titleJA, bodyJA string
	}{
		{verdict.RemindTicketWaiting,
			"Parley AI ticket “Login loop”: send a follow-up?", "No human reply for 7 days since your message of 20 Jul 10:00 (“Login loop”).",
			"Parley AIの問い合わせ「Login loop」：催促しますか？", "7月20日 10:00のメッセージから7日、担当者の返信がありません（「Login loop」）。"},
		{verdict.RemindOutageOpen,
			"Quill: is it back?", "“Login loop” has been open for 1 day 1 hour, since 26 Jul 09:00. Mark it back if the service works again.",
			"Quillは復旧しましたか？", "「Login loop」は7月26日 09:00から1日1時間続いています。復旧していたら終了にしてください。"},
		{verdict.RemindCancelBefore,
			"Cancel Quill before 30 Jul?", "Quill charges 150,000 JPY on 30 Jul 2026, in 3 days. Verdict: consider switching.",
			"7月30日までにQuillを解約しますか？", "Quillの次回請求は2026年7月30日（あと3日）、150,000 JPYです。判定：乗り換えを検討。"},
		{verdict.RemindRenewal,
			"Parley AI renews on 3 Aug", "Parley AI (Pro) charges 20.00 USD on 3 Aug 2026, in 7 days.",
			"Parley AIは8月3日に更新されます", "Parley AI（Pro）の次回請求は2026年8月3日（あと7日）、20.00 USDです。"},
	}
	if len(rs) != len(want) {
		t.Fatalf("got %d reminders, want %d", len(rs), len(want))
	}
	for i, w := range want {
		r := rs[i]
		if r.Kind != w.kind {
			t.Errorf("reminder %d is %s, want %s", i, r.Kind, w.kind)
			continue
		}
		for _, c := range []struct{ got, want string }{
			{r.Title(words.EN), w.titleEN}, {r.Body(words.EN), w.bodyEN}, {r.Title(words.JA), w.titleJA}, {r.Body(words.JA), w.bodyJA},
		} {
			if c.got != c.want {
				t.Errorf("%s: %q, want %q", r.Kind, c.got, c.want)
			}
		}
	}
}
