package report

import (
	"bytes"
	"context"
	"testing"

	"lapse/app/journal"
	"lapse/app/words"
)

// The summary before cancelling sets the status page's word beside the
// user's and lists the official incidents; a service with neither a page
// nor incidents has no such section.
func TestSummaryListsOfficialIncidents(t *testing.T) {
	f := newFixture(t)
	must(t, f.db.CreateOutage(context.Background(), &journal.Outage{ServiceID: f.hostile, Title: "Elevated errors on login",
		Start: utc("2026-10-09 14:00"), End: ptr(utc("2026-10-09 16:10")), Impact: journal.ImpactDown,
		Source: journal.SourceOfficial, ExternalID: "kw1x2ls5pyq9", Link: "https://stspg.io/kw1x2ls5"}))
	md := f.october(t, f.hostile, words.EN).Markdown()
	for _, want := range []string{
		"Status page: official incidents",
		"The status page reported 2 hours 10 minutes of incidents in this period; you recorded 3 days unusable.",
		"Elevated errors on login",
	} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("the summary lacks %q:\n%s", want, md)
		}
	}
	ja := f.october(t, f.hostile, words.JA).Markdown()
	if !bytes.Contains(ja, []byte("この期間にステータスページが報告した障害は2時間10分でした。")) {
		t.Errorf("the Japanese summary lacks the official line:\n%s", ja)
	}
	if calm := f.october(t, f.calm, words.EN).Markdown(); bytes.Contains(calm, []byte("Status page: official incidents")) {
		t.Errorf("a service without a status page lists official incidents")
	}
}
