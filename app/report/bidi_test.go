package report

import (
	"archive/zip"
	"bytes"
	"context"
	"html"
	"io"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/words"
)

// bidi is every bidirectional control, as a name or a note might hide them.
const bidi = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C"

// shownBidi is how every export shows them.
const shownBidi = "<U+202A><U+202B><U+202C><U+202D><U+202E><U+2066><U+2067><U+2068><U+2069><U+200E><U+200F><U+061C>"

// bidiSummary is October 2026 of a journal whose every text field carries
// the bidirectional controls.
func bidiSummary(t *testing.T, l words.Lang) *Summary {
	t.Helper()
	ctx := context.Background()
	db := openJournal(t, "USD")
	x := func(v string) string { return v + " " + bidi + "gpj.exe" }
	alt := &journal.Service{Name: x("Other")}
	must(t, db.CreateService(ctx, alt))
	svc := &journal.Service{Name: x("Parley"), Category: x("AI"), Website: "https://parley.example/" + bidi, StatusPage: "https://status.example/" + bidi, Notes: x("notes")}
	must(t, db.CreateService(ctx, svc))
	must(t, db.CreateSubscription(ctx, &journal.Subscription{ServiceID: svc.ID, Plan: x("Plus"), PaymentNote: x("card"), Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: journal.Date{Year: 2026, Month: 9, Day: 1}}))
	o := &journal.Outage{ServiceID: svc.ID, Title: x("title"), Start: utc("2026-10-09 15:00"), End: ptr(utc("2026-10-12 15:00")),
		Impact: journal.ImpactDown, Platforms: []string{x("Chrome")}, StillWorked: x("app"), Symptoms: x("symptoms\nsecond line"),
		Steps: []journal.Step{{Action: x("action"), Result: x("result")}}, Resolution: x("resolution"), Source: journal.SourceMe,
		Link: "https://status.example/i/" + bidi}
	must(t, db.CreateOutage(ctx, o))
	tk := &journal.Ticket{ServiceID: svc.ID, OutageID: &o.ID, Subject: x("subject"), Channel: journal.ChannelEmail, Reference: x("CASE"),
		OpenedAt: utc("2026-10-10 00:00")}
	must(t, db.CreateTicket(ctx, tk))
	for _, m := range []journal.Message{
		{At: utc("2026-10-10 00:00"), Direction: journal.Sent, Author: journal.AuthorMe, Summary: x("summary"), Body: x("body")},
		{At: utc("2026-10-11 00:00"), Direction: journal.Received, Author: journal.AuthorHuman, From: x("Dana"), Summary: x("reply"), Body: x("reply body")},
	} {
		m.TicketID = tk.ID
		must(t, db.AddMessage(ctx, &m))
	}
	must(t, db.CreateDecision(ctx, &journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionRefundRequested,
		Date: journal.Date{Year: 2026, Month: 10, Day: 20}, Amount: &journal.Money{Amount: 194, Currency: "USD"}, Note: x("note")}))
	must(t, db.CreateDecision(ctx, &journal.Decision{ServiceID: svc.ID, Kind: journal.DecisionSwitched,
		Date: journal.Date{Year: 2026, Month: 10, Day: 21}, SwitchedTo: &alt.ID, Note: x("switched")}))
	sum, err := Build(ctx, db, Options{ServiceID: svc.ID, From: time.Date(2026, 10, 1, 0, 0, 0, 0, tokyo),
		To: time.Date(2026, 11, 1, 0, 0, 0, 0, tokyo), AsOf: pinned, Lang: l})
	must(t, err)
	return sum
}

// No export passes a bidirectional control through: each is written as
// its visible code, in the bytes of every format.
func TestBidiControlsAreShownInEveryExport(t *testing.T) {
	for _, l := range []words.Lang{words.EN, words.JA} {
		s := bidiSummary(t, l)
		outputs := map[string][]byte{"markdown": s.Markdown(), "letter": []byte(Letter(s))}
		var err error
		outputs["html"], err = s.HTML()
		must(t, err)
		outputs["json"], err = s.JSON()
		must(t, err)
		zipped, err := s.CSVZip()
		must(t, err)
		z, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
		must(t, err)
		for _, zf := range z.File {
			r, err := zf.Open()
			must(t, err)
			outputs[zf.Name], err = io.ReadAll(r)
			must(t, err)
		}
		pdf, err := s.PDF()
		must(t, err)
		var text []string
		for _, p := range pdfLines(t, pdf) {
			text = append(text, p.Text)
		}
		// Wrapped lines of the PDF joined: the codes may break across lines.
		outputs["pdf"] = []byte(strings.Join(text, ""))
		for name, b := range outputs {
			if i := bytes.IndexFunc(b, words.IsBidiControl); i >= 0 {
				t.Errorf("%s %s: a raw bidirectional control at byte %d: %q", l, name, i, b[max(0, i-40):min(len(b), i+40)])
			}
			seen := string(b)
			if name == "html" {
				seen = html.UnescapeString(seen) // what a browser shows
			}
			if name != "months.csv" && !strings.Contains(seen, shownBidi) {
				t.Errorf("%s %s: no visible %q", l, name, shownBidi)
			}
		}
	}
}
