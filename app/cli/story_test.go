package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"lapse/app/journal"
)

// storyJournal writes PRODUCT.md's story: Parley AI at 20 USD a month from
// 2024-05-10 (Asia/Tokyo, home JPY at 155), the web login unusable two
// weeks, a ticket with a human reply, a bot reply, a follow-up and nine
// days of silence by 30 Jul 2024 12:00. cancelled adds the cancellation of
// 30 Jul 2024 18:00: the plan ends 2024-08-10, the decisions (cancelled,
// switched to Claude) are dated 2024-07-30.
func storyJournal(t *testing.T, cancelled bool) string {
	t.Helper()
	ctx := context.Background()
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	must(t, err)
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, tokyo)
		must(t, err)
		return v
	}
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	defer db.Close()
	s, err := db.Settings(ctx)
	must(t, err)
	s.HomeCurrency, s.TimeZone = "JPY", "Asia/Tokyo"
	s.Rates = []journal.Rate{{Currency: "USD", Rate: "155"}}
	must(t, db.SaveSettings(ctx, s))
	parley, claude := mustService(t, db, "Parley AI"), mustService(t, db, "Claude")
	plan := &journal.Subscription{ServiceID: parley.ID, Plan: "Plus", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: journal.Date{Year: 2024, Month: 5, Day: 10}}
	must(t, db.CreateSubscription(ctx, plan))
	back := at("2024-07-18 09:00")
	login := &journal.Outage{ServiceID: parley.ID, Title: "Web login stops at redirecting", Start: at("2024-07-04 09:00"), End: &back,
		Impact: journal.ImpactDown, Platforms: []string{"Chrome desktop", "Chrome Android", "Edge"}, StillWorked: "Android app",
		Steps:  []journal.Step{{Action: "Cleared cache and cookies", Result: "No change"}, {Action: "Incognito", Result: "Same"}},
		Source: journal.SourceMe}
	must(t, db.CreateOutage(ctx, login))
	tk := &journal.Ticket{ServiceID: parley.ID, OutageID: &login.ID, Subject: "Cannot log in on the web", Channel: journal.ChannelEmail,
		OpenedAt: at("2024-07-05 10:00")}
	must(t, db.CreateTicket(ctx, tk))
	for _, m := range []journal.Message{
		{At: at("2024-07-05 10:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Web login loops at redirecting"},
		{At: at("2024-07-06 15:00"), Direction: journal.Received, Author: journal.AuthorHuman, Summary: "Troubleshooting steps"},
		{At: at("2024-07-06 15:30"), Direction: journal.Received, Author: journal.AuthorBot, Summary: "Rate your conversation"},
		{At: at("2024-07-21 09:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: "Detailed follow-up"},
	} {
		m.TicketID = tk.ID
		must(t, db.AddMessage(ctx, &m))
	}
	if cancelled {
		ended := *plan
		ended.End = journal.Date{Year: 2024, Month: 8, Day: 10}
		july30 := journal.Date{Year: 2024, Month: 7, Day: 30}
		must(t, db.CancelSubscription(ctx, &ended, &journal.Decision{ServiceID: parley.ID, Kind: journal.DecisionCancelled, Date: july30}))
		must(t, db.CreateDecision(ctx, &journal.Decision{ServiceID: parley.ID, Kind: journal.DecisionSwitched, Date: july30, SwitchedTo: &claude.ID}))
	}
	return path
}

type storyVerdict struct {
	Service  string `json:"service"`
	AsOf     string `json:"as_of"`
	AsOfText string `json:"as_of_text"`
	Kind     string `json:"kind"`
	Text     string `json:"text"`
	Reasons  []struct {
		Code string `json:"code"`
		Text string `json:"text"`
	} `json:"reasons"`
}

// `lapse report` prints each verdict with its reasons, judged as of --as-of,
// or as of the end of a period that is over.
func TestReportVerdictAsOf(t *testing.T) {
	story := []string{"unusable", "unanswered_ticket", "paid_while_unusable"}
	tests := []struct {
		name      string
		cancelled bool
		args      []string
		asOf      string // RFC 3339 UTC
		asOfText  string
		kind      string
		text      string
		reasons   []string // leading codes
	}{
		{"before cancelling", false, []string{"--as-of", "2024-07-30 12:00"}, "2024-07-30T03:00:00Z", "Verdict as of 30 Jul 2024 12:00",
			"cancel_before", "cancel before 10 Aug 2024", story},
		{"the morning of the cancellation", true, []string{"--as-of", "2024-07-30 12:00"}, "2024-07-30T03:00:00Z", "Verdict as of 30 Jul 2024 12:00",
			"cancel_before", "cancel before 10 Aug 2024", story},
		{"after the cancellation", true, []string{"--as-of", "2024-08-01"}, "2024-07-31T15:00:00Z", "Verdict as of 1 Aug 2024 00:00",
			"ended", "Cancelled 30 Jul 2024, switched to Claude", nil},
		{"a past period: as of its end", true, nil, "2024-08-31T15:00:00Z", "Verdict as of 1 Sep 2024 00:00",
			"ended", "Cancelled 30 Jul 2024, switched to Claude", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := storyJournal(t, tc.cancelled)
			args := append([]string{"report", "--db", path, "--service", "parley ai", "--from", "2024-07-01", "--to", "2024-08-31"}, tc.args...)
			code, out, stderr := run(t, append(args, "--json")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var doc struct {
				AsOf     string         `json:"as_of"`
				Verdicts []storyVerdict `json:"verdicts"`
			}
			must(t, json.Unmarshal([]byte(out), &doc))
			if len(doc.Verdicts) != 1 {
				t.Fatalf("verdicts: %s", out)
			}
			v := doc.Verdicts[0]
			if doc.AsOf != tc.asOf || v.AsOf != tc.asOf || v.AsOfText != tc.asOfText || v.Kind != tc.kind || v.Text != tc.text || v.Service != "Parley AI" {
				t.Errorf("report as of %s: %+v; want as of %s, %q, %s %q", doc.AsOf, v, tc.asOf, tc.asOfText, tc.kind, tc.text)
			}
			var codes []string
			for _, r := range v.Reasons {
				codes = append(codes, r.Code)
			}
			if len(codes) < len(tc.reasons) || !slices.Equal(codes[:len(tc.reasons)], tc.reasons) {
				t.Errorf("reasons %q, want to start with %q", codes, tc.reasons)
			}

			code, out, stderr = run(t, args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			want := []string{"Parley AI: " + strings.ToUpper(tc.text[:1]) + tc.text[1:], "(" + tc.asOfText + ")"}
			for _, r := range v.Reasons {
				want = append(want, "  - "+r.Text)
			}
			for _, w := range want {
				if !strings.Contains(out, w+"\n") {
					t.Errorf("text report lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// The exported summary judges as the report does: as of --as-of, or as of
// the end of a period that is over.
func TestExportVerdictAsOf(t *testing.T) {
	path := storyJournal(t, true)
	dir := t.TempDir()
	for _, tc := range []struct {
		args           []string
		asOfText, text string
		next           string   // "": none
		decisions      []string // kinds listed
	}{
		{[]string{"--as-of", "2024-07-30 12:00"}, "Verdict as of 30 Jul 2024 12:00", "cancel before 10 Aug 2024", "2024-08-10", nil},
		{nil, "Verdict as of 1 Sep 2024 00:00", "Cancelled 30 Jul 2024, switched to Claude", "", []string{"cancelled", "switched"}},
	} {
		out := filepath.Join(dir, strings.ReplaceAll(tc.asOfText, " ", "_")+".json")
		args := append([]string{"export", "--db", path, "--service", "Parley AI", "--from", "2024-07-01", "--to", "2024-08-31", "-o", out}, tc.args...)
		if code, _, stderr := run(t, args...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var doc struct {
			Verdict storyVerdict `json:"verdict"`
			Next    *struct {
				Date string `json:"date"`
			} `json:"next_charge"`
			Decisions []struct {
				Kind string `json:"kind"`
			} `json:"decisions"`
		}
		must(t, json.Unmarshal(readFile(t, out), &doc))
		if doc.Verdict.AsOfText != tc.asOfText || doc.Verdict.Text != tc.text {
			t.Errorf("exported verdict %+v, want %q, %q", doc.Verdict, tc.asOfText, tc.text)
		}
		// The rest of the summary knows what the verdict knows.
		next := ""
		if doc.Next != nil {
			next = doc.Next.Date
		}
		if next != tc.next {
			t.Errorf("%s: next charge %q, want %q", tc.asOfText, next, tc.next)
		}
		var kinds []string
		for _, d := range doc.Decisions {
			kinds = append(kinds, d.Kind)
		}
		if !slices.Equal(kinds, tc.decisions) {
			t.Errorf("%s: decisions %q, want %q", tc.asOfText, kinds, tc.decisions)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	return b
}

// `lapse export --format letter` writes the drafted letter alone: text, or
// Markdown when the file is .md, in the language asked for.
func TestExportLetter(t *testing.T) {
	path := storyJournal(t, false)
	dir := t.TempDir()
	tests := []struct {
		args  []string
		file  string
		start string
		has   string
	}{
		{nil, "letter.txt", "Subject: Cancellation and refund request — Parley AI\n\nDear Parley AI support team,\n", "Kind regards,\n[your name]\n"},
		{[]string{"--format", "letter", "--lang", "ja"}, "letter-ja.txt", "件名：解約および返金のお願い（Parley AI）\n\nParley AI サポートご担当者様\n", "［お名前］\n"},
		{[]string{"--format", "letter"}, "letter.md", "# Cancellation and refund request — Parley AI\n\nDear Parley AI support team,\n", "Kind regards,\\\n\\[your name\\]\n"},
	}
	for _, tc := range tests {
		out := filepath.Join(dir, tc.file)
		args := append([]string{"export", "--db", path, "--service", "Parley AI", "--from", "2024-07-01", "--to", "2024-07-31",
			"--as-of", "2024-07-30 12:00", "-o", out}, tc.args...)
		code, stdout, stderr := run(t, args...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", tc.file, code, stderr)
		}
		got := string(readFile(t, out))
		if !strings.HasPrefix(got, tc.start) || !strings.HasSuffix(got, tc.has) {
			t.Errorf("%s:\n%s\nwant it to start %q and end %q", tc.file, got, tc.start, tc.has)
		}
		for _, section := range []string{"Key figures", "主な数値", "```"} {
			if strings.Contains(got, section) {
				t.Errorf("%s holds %q: the summary, not the letter alone", tc.file, section)
			}
		}
		if !strings.Contains(stdout, "drafted letter") {
			t.Errorf("%s: stdout %q", tc.file, stdout)
		}
	}
}
