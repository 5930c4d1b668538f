package importer

import (
	"context"
	"net/mail"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

func TestParsePeriod(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want journal.Period
	}{
		{"monthly", journal.Period{N: 1, Unit: journal.Months}},
		{"Monthly", journal.Period{N: 1, Unit: journal.Months}},
		{"yearly", journal.Period{N: 1, Unit: journal.Years}},
		{"annual", journal.Period{N: 1, Unit: journal.Years}},
		{"weekly", journal.Period{N: 1, Unit: journal.Weeks}},
		{"fortnightly", journal.Period{N: 2, Unit: journal.Weeks}},
		{"quarterly", journal.Period{N: 3, Unit: journal.Months}},
		{"1 month", journal.Period{N: 1, Unit: journal.Months}},
		{"every 3 months", journal.Period{N: 3, Unit: journal.Months}},
		{"Every 3 Months", journal.Period{N: 3, Unit: journal.Months}},
		{"every month", journal.Period{N: 1, Unit: journal.Months}},
		{"per year", journal.Period{N: 1, Unit: journal.Years}},
		{"14 days", journal.Period{N: 14, Unit: journal.Days}},
		{"2 weeks", journal.Period{N: 2, Unit: journal.Weeks}},
		{"1y", journal.Period{N: 1, Unit: journal.Years}},
		{"毎月", journal.Period{N: 1, Unit: journal.Months}},
		{"年額", journal.Period{N: 1, Unit: journal.Years}},
		{"3ヶ月", journal.Period{N: 3, Unit: journal.Months}},
		{"３か月ごと", journal.Period{N: 3, Unit: journal.Months}},
		{"1年", journal.Period{N: 1, Unit: journal.Years}},
		{"2週間", journal.Period{N: 2, Unit: journal.Weeks}},
	} {
		got, err := parsePeriod(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("parsePeriod(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "sometimes", "every 0 months", "every 5000 days", "3 fortnights", "-1 month"} {
		if got, err := parsePeriod(in); err == nil {
			t.Errorf("parsePeriod(%q) = %v, want an error", in, got)
		}
	}
}

func TestParsePrice(t *testing.T) {
	for _, tc := range []struct {
		in, currency string
		want         int64
	}{
		{"20.00", "USD", 2000},
		{"20", "USD", 2000},
		{"9,99", "EUR", 999},
		{"1.234,50", "EUR", 123450},
		{"1,234.50", "USD", 123450},
		{"1,200", "JPY", 1200},
		{"1 200,50", "EUR", 120050},
		{"１５００", "JPY", 1500},
		{"0.345", "KWD", 345},
	} {
		got, err := parsePrice(tc.in, tc.currency)
		if err != nil || got != tc.want {
			t.Errorf("parsePrice(%q, %s) = %d, %v; want %d", tc.in, tc.currency, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, currency, want string }{
		{"", "USD", "price is required"},
		{"twenty", "USD", `not a number: "twenty"`},
		{"9.999", "USD", "more decimals than USD allows"},
		{"1200.5", "JPY", "more decimals than JPY allows"},
		{"$20", "USD", "not a number"},
	} {
		if _, err := parsePrice(tc.in, tc.currency); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("parsePrice(%q) error %v, want %q", tc.in, err, tc.want)
		}
	}
}

func TestParseDay(t *testing.T) {
	want := journal.Date{Year: 2026, Month: time.January, Day: 31}
	for _, in := range []string{"2026-01-31", "2026/01/31", "2026/1/31", "2026.01.31", "2026年1月31日", "２０２６－０１－３１",
		"2026-01-31T23:30:00+09:00"} {
		if got, err := parseDay(in); err != nil || got != want {
			t.Errorf("parseDay(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "01/31/2026", "31.01.2026", "2026-02-30", "2026-13-01", "yesterday"} {
		if got, err := parseDay(in); err == nil {
			t.Errorf("parseDay(%q) = %v, want an error", in, got)
		}
	}
}

func TestTrimQuoted(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"GmailEnglish", "Thanks, fixed.\n\nOn Mon, 3 Nov 2026 at 10:15, Taro <t@example.jp> wrote:\n> old text", "Thanks, fixed."},
		{"WrappedAttribution", "Fixed.\nOn Mon, 3 Nov 2026 at 10:15, Taro Yamada\n<t@example.jp> wrote:\n> old", "Fixed."},
		{"Outlook", "See below.\n\n-----Original Message-----\nFrom: Taro\nSent: Monday", "See below."},
		{"OutlookHeaders", "See below.\n\nFrom: Parley Support <s@p.example>\nSent: Monday, November 3, 2026\nTo: Taro", "See below."},
		{"GmailJapanese", "確認しました。\n\n2026年11月3日(月) 10:15 山田太郎 <taro@example.jp>:\n> ログインできません", "確認しました。"},
		{"AppleMailJapanese", "承知しました。\n\n2026/11/03 10:15、山田太郎 <taro@example.jp>のメール:\n\n> 古い", "承知しました。"},
		{"ThunderbirdJapanese", "了解です。\n\n2026/11/03 10:15 に 山田太郎 さんは書きました:\n> 古い", "了解です。"},
		{"InlineQuotes", "> Does it work on Android?\nYes, the app works.\n> And Edge?\nNo.", "Yes, the app works.\nNo."},
		{"Signature", "Thanks.\n-- \nAiko\nParley Support", "Thanks."},
		{"NothingQuoted", "Line one.\n\n\n\nLine two.  ", "Line one.\n\nLine two."},
	} {
		if got := trimQuoted(tc.in); got != tc.want {
			t.Errorf("%s: trimQuoted = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	long := strings.Repeat("word ", 100)
	for _, tc := range []struct{ name, text, subject, want string }{
		{"FirstLines", "Hi Taro,\n\nPlease clear your cache.\nThen sign in.", "Re: Login", "Hi Taro, Please clear your cache. Then sign in."},
		{"JapaneseNoSpaces", "山田様\nお問い合わせありがとうございます。\n調査中です。", "", "山田様お問い合わせありがとうございます。調査中です。"},
		{"SubjectWhenNoText", "", "Re: RE: Fwd: Cannot log in", "Cannot log in"},
		{"JapaneseReplyPrefix", "", "返信: ログインできない", "ログインできない"},
		{"Nothing", "", "", "(no subject)"},
		{"Long", long, "", strings.TrimSpace(long[:MaxSummary-1]) + "…"},
	} {
		got := summarize(tc.text, tc.subject)
		if tc.name == "Long" {
			if n := len([]rune(got)); n != MaxSummary || !strings.HasSuffix(got, "…") {
				t.Errorf("%s: %d characters %q", tc.name, n, got)
			}
			continue
		}
		if got != tc.want {
			t.Errorf("%s: summarize = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestGuessAuthor(t *testing.T) {
	header := func(kv ...string) mail.Header {
		h := mail.Header{}
		for i := 0; i < len(kv); i += 2 {
			h[kv[i]] = []string{kv[i+1]}
		}
		return h
	}
	for _, tc := range []struct {
		name       string
		dir        journal.Direction
		from, addr string
		h          mail.Header
		want       journal.AuthorKind
	}{
		{"Mine", journal.Sent, "Taro", "taro@example.jp", nil, journal.AuthorMe},
		{"Human", journal.Received, "Aiko from Parley Support", "support@parley.example", nil, journal.AuthorHuman},
		{"ServiceNameWithAI", journal.Received, "Parley AI Support", "support@parley.example", nil, journal.AuthorHuman},
		{"Fin", journal.Received, "Fin", "fin@parley.example", nil, journal.AuthorBot},
		{"FinFrom", journal.Received, "Fin from Parley", "support@parley.example", nil, journal.AuthorBot},
		{"Chatbot", journal.Received, "Parley Chatbot", "help@parley.example", nil, journal.AuthorBot},
		{"Assistant", journal.Received, "Parley Assistant", "help@parley.example", nil, journal.AuthorBot},
		{"JustAI", journal.Received, "AI", "help@parley.example", nil, journal.AuthorBot},
		{"Japanese", journal.Received, "サポートボット", "help@parley.example", nil, journal.AuthorBot},
		{"NoReply", journal.Received, "Parley Support", "noreply@parley.example", nil, journal.AuthorAuto},
		{"DoNotReply", journal.Received, "Parley", "do-not-reply@parley.example", nil, journal.AuthorAuto},
		{"MailerDaemon", journal.Received, "", "MAILER-DAEMON@mx.example", nil, journal.AuthorAuto},
		{"AutoSubmitted", journal.Received, "Aiko", "support@parley.example", header("Auto-Submitted", "auto-replied"), journal.AuthorAuto},
		{"AutoSubmittedNo", journal.Received, "Aiko", "support@parley.example", header("Auto-Submitted", "no"), journal.AuthorHuman},
		{"Autoreply", journal.Received, "Aiko", "support@parley.example", header("X-Autoreply", "yes"), journal.AuthorAuto},
	} {
		if got := guessAuthor(tc.dir, tc.from, strings.ToLower(tc.addr), tc.h); got != tc.want {
			t.Errorf("%s: guessAuthor = %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestSplitMbox(t *testing.T) {
	in := "From a@example.com Mon Nov  3 01:15:00 2026\nSubject: one\n\n>From here\n>>From there\nFrom inside a line\n\n" +
		"From b@example.com Mon Nov  3 02:00:00 2026\nSubject: two\n\nbody\n"
	got := splitMbox([]byte(in))
	want := []string{"Subject: one\n\nFrom here\n>From there\nFrom inside a line\n\n", "Subject: two\n\nbody\n"}
	if len(got) != len(want) {
		t.Fatalf("%d messages, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if string(got[i]) != want[i] {
			t.Errorf("message %d = %q, want %q", i+1, got[i], want[i])
		}
	}
}

// TestApplyAllOrNothing pins that a plan whose third row storage refuses
// writes nothing, and that the error names the row and column.
func TestApplyAllOrNothing(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "j.db"), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateService(ctx, &journal.Service{Name: "Parley AI"}); err != nil {
		t.Fatal(err)
	}
	before, err := db.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	csv := "service,plan,price,currency,period,start,end\n" +
		"New One,Pro,20,USD,monthly,2026-01-01,\n" +
		"Parley AI,Pro,20,USD,monthly,2026-01-01,\n" +
		"Parley AI,Max,100,USD,monthly,2026-02-01,\n"
	plan, err := ParseCSV("subs.csv", []byte(csv), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Made invalid after Parse checked it, as if the journal had changed.
	plan.items[2].Subscription.End = journal.Date{Year: 2026, Month: time.January, Day: 1}
	_, err = plan.Apply(ctx, db)
	if err == nil || err.Error() != `subs.csv row 4, column "end": end must not be before the start` {
		t.Fatalf("error %v", err)
	}
	after, err := db.Dump(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("a failed Apply changed the journal")
	}
}
