package verdict_test

import (
	"strings"
	"testing"
	"time"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/verdict"
	"lapse/app/words"
)

func TestReasonText(t *testing.T) {
	tests := []struct {
		name   string
		r      verdict.Reason
		en, ja string
	}{
		{"unusable", verdict.Reason{Code: verdict.CodeUnusable, WindowDays: 30, Unusable: 14*day + 6*time.Hour},
			"unusable 14 days 6 hours in the last 30 days", "直近30日間で14日6時間利用できませんでした"},
		{"unusable in a one-day window", verdict.Reason{Code: verdict.CodeUnusable, WindowDays: 1, Unusable: 5 * time.Hour},
			"unusable 5 hours in the last 1 day", "直近1日間で5時間利用できませんでした"},
		{"bad months", verdict.Reason{Code: verdict.CodeBadMonths, BadMonths: 2, OfMonths: 3, MinPermille: 995},
			"availability below 99.5% in 2 of the last 3 months", "直近3か月のうち2か月で可用性が99.5%を下回りました"},
		{"silence", verdict.Reason{Code: verdict.CodeSilence, TicketID: 3, Silence: 8 * day, Tickets: 1},
			"no human reply for 8 days on ticket #3", "問い合わせ#3では担当者の返信がない状態が8日続きました"},
		{"silence on several tickets", verdict.Reason{Code: verdict.CodeSilence, TicketID: 3, Silence: 8 * day, Tickets: 2},
			"no human reply for 8 days on ticket #3 (the longest of 2 tickets)", "問い合わせ#3では担当者の返信がない状態が8日続きました（該当2件のうち最長）"},
		{"unanswered ticket", verdict.Reason{Code: verdict.CodeUnansweredTicket, TicketID: 7, Silence: 5*day + 2*time.Hour, Tickets: 1},
			"ticket #7 is still open and has waited 5 days 2 hours for a human reply", "問い合わせ#7は未解決のまま、担当者の返信を5日2時間待っています"},
		{"unanswered tickets", verdict.Reason{Code: verdict.CodeUnansweredTicket, TicketID: 7, Silence: 5 * day, Tickets: 2},
			"2 open tickets are waiting for a human reply; ticket #7 for 5 days", "未解決の問い合わせ2件が担当者の返信を待っています（最長は問い合わせ#7の5日）"},
		{"paid while unusable", verdict.Reason{Code: verdict.CodePaidWhileUnusable, WindowDays: 30, Paid: journal.Money{Amount: 968, Currency: "USD"},
			Cost: journal.Money{Amount: 2000, Currency: "USD"}, Percent: 48},
			"paid 9.68 USD for time it was unusable in the last 30 days (48% of the 20.00 USD it cost)",
			"直近30日間の費用20.00 USDのうち9.68 USD（48%）は利用できなかった時間の分でした"},
		{"paid in yen, grouped", verdict.Reason{Code: verdict.CodePaidWhileUnusable, WindowDays: 30, Paid: journal.Money{Amount: 1590, Currency: "JPY"},
			Cost: journal.Money{Amount: 12000, Currency: "JPY"}, Percent: 13},
			"paid 1,590 JPY for time it was unusable in the last 30 days (13% of the 12,000 JPY it cost)",
			"直近30日間の費用12,000 JPYのうち1,590 JPY（13%）は利用できなかった時間の分でした"},
		{"nothing to cancel", verdict.Reason{Code: verdict.CodeNothingToCancel},
			"no active plan, so nothing to cancel", "有効な契約がないため、解約するものはありません"},
		{"better alternative", verdict.Reason{Code: verdict.CodeBetterAlternative, WindowDays: 30, Unusable: 2 * time.Hour, Alternative: "Quill Assistant"},
			"Quill Assistant was unusable 2 hours in the same 30 days", "直近30日間、Quill Assistantが利用できなかったのは2時間でした"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.r.Text(words.EN); got != tc.en {
				t.Errorf("en = %q, want %q", got, tc.en)
			}
			if got := tc.r.Text(words.JA); got != tc.ja {
				t.Errorf("ja = %q, want %q", got, tc.ja)
			}
		})
	}
}

func TestVerdictText(t *testing.T) {
	aug3 := date(t, "2026-08-03")
	tests := []struct {
		v      verdict.Verdict
		en, ja string
	}{
		{verdict.Verdict{Kind: verdict.Keep}, "keep", "継続"},
		{verdict.Verdict{Kind: verdict.Watch}, "watch", "様子見"},
		{verdict.Verdict{Kind: verdict.ConsiderSwitching}, "consider switching", "乗り換えを検討"},
		{verdict.Verdict{Kind: verdict.CancelBefore, NextCharge: &aug3}, "cancel before 3 Aug 2026", "2026年8月3日までに解約"},
	}
	for _, tc := range tests {
		if en, ja := tc.v.Text(words.EN), tc.v.Text(words.JA); en != tc.en || ja != tc.ja {
			t.Errorf("%s: %q / %q, want %q / %q", tc.v.Kind, en, ja, tc.en, tc.ja)
		}
	}
	for i, k := range verdict.Kinds {
		if k.Rank() != i {
			t.Errorf("%s ranks %d, want %d", k, k.Rank(), i)
		}
	}
}

// TestTextComplete: every reason code, verdict and reminder kind reads as
// a sentence of its own in both languages, not as its code.
func TestTextComplete(t *testing.T) {
	for _, c := range verdict.Codes {
		r := verdict.Reason{Code: c, WindowDays: 30, Unusable: time.Hour, BadMonths: 1, OfMonths: 2, MinPermille: 990,
			Months: []figures.Month{{Year: 2026, Month: time.July}}, Paid: journal.Money{Amount: 100, Currency: "USD"},
			Cost: journal.Money{Amount: 1000, Currency: "USD"}, Percent: 10, TicketID: 1, Silence: 4 * day, Tickets: 1,
			AlternativeID: 2, Alternative: "Quill"}
		checkBilingual(t, string(c), r.Text(words.EN), r.Text(words.JA))
	}
	for _, k := range verdict.Kinds {
		checkBilingual(t, "verdict "+string(k), k.Text(words.EN), k.Text(words.JA)) // "keep" is its own word
	}
	now := at(t, "2026-07-27 10:00")
	for _, k := range verdict.ReminderKinds {
		r := verdict.Reminder{Key: "key", Kind: k, Service: "Parley AI", Plan: "Pro", Charge: date(t, "2026-08-03"),
			Amount: journal.Money{Amount: 2000, Currency: "USD"}, DaysLeft: 7, Verdict: verdict.Watch, TicketID: 7,
			OutageID: 42, Subject: "Login loop", Since: now.Add(-2 * day), For: 2 * day}
		checkBilingual(t, string(k)+" title", r.Title(words.EN), r.Title(words.JA))
		checkBilingual(t, string(k)+" body", r.Body(words.EN), r.Body(words.JA))
	}
}

func checkBilingual(t *testing.T, what, en, ja string) {
	t.Helper()
	switch {
	case en == "" || ja == "":
		t.Errorf("%s: empty text: %q / %q", what, en, ja)
	case en == ja:
		t.Errorf("%s: Japanese is the English text: %q", what, en)
	case en == what || ja == what || en == "key" || ja == "key":
		t.Errorf("%s: renders as its code: %q / %q", what, en, ja)
	}
}

func TestChargeWhen(t *testing.T) {
	tests := []struct {
		left   int
		en, ja string
	}{
		{0, "Parley AI charges 20.00 USD on 3 Aug 2026, today.", "Parley AIの次回請求は2026年8月3日（今日）、20.00 USDです。"},
		{1, "Parley AI charges 20.00 USD on 3 Aug 2026, tomorrow.", "Parley AIの次回請求は2026年8月3日（明日）、20.00 USDです。"},
		{2, "Parley AI charges 20.00 USD on 3 Aug 2026, in 2 days.", "Parley AIの次回請求は2026年8月3日（あと2日）、20.00 USDです。"},
	}
	for _, tc := range tests {
		r := verdict.Reminder{Kind: verdict.RemindRenewal, Service: "Parley AI", Charge: date(t, "2026-08-03"),
			Amount: journal.Money{Amount: 2000, Currency: "USD"}, DaysLeft: tc.left}
		if en, ja := r.Body(words.EN), r.Body(words.JA); en != tc.en || ja != tc.ja {
			t.Errorf("%d days left: %q / %q, want %q / %q", tc.left, en, ja, tc.en, tc.ja)
		}
	}
}

func TestTicketName(t *testing.T) {
	tests := []struct {
		ref, subject string
		en, ja       string
	}{
		{"48213", "Login loop", "ticket #48213", "問い合わせ#48213"},
		{"#48213", "", "ticket #48213", "問い合わせ#48213"},
		{"CS-991", "", "ticket CS-991", "問い合わせCS-991"},
		{"", "Login loop", "ticket “Login loop”", "問い合わせ「Login loop」"},
		{"", "", "ticket #7", "問い合わせ#7"},
	}
	for _, tc := range tests {
		r := verdict.Reason{Code: verdict.CodeSilence, Level: verdict.Watch, TicketID: 7, TicketRef: tc.ref, TicketSubject: tc.subject, Silence: 8 * 24 * time.Hour, Tickets: 1}
		if got, want := r.Text(words.EN), "no human reply for 8 days on "+tc.en; got != want {
			t.Errorf("en = %q, want %q", got, want)
		}
		if got, want := r.Text(words.JA), tc.ja+"では担当者の返信がない状態が8日続きました"; got != want {
			t.Errorf("ja = %q, want %q", got, want)
		}
	}
}

// The Japanese texts use one phrasing for the look-back window (直近30日間,
// no spaces) and one term for a human reply (担当者の返信).
func TestJapaneseTerms(t *testing.T) {
	var texts []string
	for _, c := range verdict.Codes {
		for _, tickets := range []int{1, 2} {
			for _, unusable := range []time.Duration{0, time.Hour} {
				r := verdict.Reason{Code: c, WindowDays: 30, Unusable: unusable, BadMonths: 1, OfMonths: 2, MinPermille: 990,
					Paid: journal.Money{Amount: 100, Currency: "USD"}, Cost: journal.Money{Amount: 1000, Currency: "USD"}, Percent: 10,
					TicketID: 1, Silence: 4 * day, Tickets: tickets, Alternative: "Quill", Ends: date(t, "2024-08-10")}
				texts = append(texts, r.Text(words.JA))
			}
		}
	}
	now := at(t, "2026-07-27 10:00")
	for _, k := range verdict.ReminderKinds {
		r := verdict.Reminder{Kind: k, Service: "Parley AI", Plan: "Pro", Charge: date(t, "2026-08-03"), DaysLeft: 7,
			Verdict: verdict.Watch, TicketID: 7, Subject: "Login loop", Since: now.Add(-2 * day), For: 2 * day}
		texts = append(texts, r.Title(words.JA), r.Body(words.JA))
	}
	window := 0
	for _, s := range texts {
		for _, bad := range []string{"同じ", "担当者から", " 日間", "0 日"} {
			if strings.Contains(s, bad) {
				t.Errorf("%q holds %q", s, bad)
			}
		}
		if strings.Contains(s, "間") && strings.Contains(s, "30日") {
			window++
			if !strings.Contains(s, "直近30日間") {
				t.Errorf("%q names the window otherwise than 直近30日間", s)
			}
		}
	}
	if window == 0 {
		t.Error("no text names the window")
	}
}
