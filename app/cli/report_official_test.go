package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/review"
)

func TestReportSetsTheStatusPageBesideTheUser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	db := mustOpen(t, path)
	ctx := context.Background()
	s, _ := db.Settings(ctx)
	s.TimeZone = "UTC"
	must(t, db.SaveSettings(ctx, s))
	parley := mustService(t, db, "Parley AI")
	quiet := &journal.Service{Name: "Quiet Mail", StatusPage: "https://status.quiet.example"}
	must(t, db.CreateService(ctx, quiet))
	mustService(t, db, "No Page")
	utc := func(s string) *time.Time { v, _ := time.Parse("2006-01-02 15:04", s); return &v }
	for _, o := range []journal.Outage{
		// Lived: 15 days 3 hours down.
		{ServiceID: parley.ID, Start: *utc("2026-10-05 00:00"), End: utc("2026-10-20 03:00"), Impact: journal.ImpactDown, Source: journal.SourceMe},
		// Official: 1 hour down and 1h10 partial (2h10 in all), and one outside the window.
		{ServiceID: parley.ID, Start: *utc("2026-10-06 10:00"), End: utc("2026-10-06 11:00"), Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "a"},
		{ServiceID: parley.ID, Start: *utc("2026-10-07 10:00"), End: utc("2026-10-07 11:10"), Impact: journal.ImpactPartial, Source: journal.SourceOfficial, ExternalID: "b"},
		{ServiceID: parley.ID, Start: *utc("2026-11-07 10:00"), End: utc("2026-11-07 11:10"), Impact: journal.ImpactDown, Source: journal.SourceOfficial, ExternalID: "c"},
		// Quiet Mail: the user was down 2 hours, its page said nothing.
		{ServiceID: quiet.ID, Start: *utc("2026-10-09 08:00"), End: utc("2026-10-09 10:00"), Impact: journal.ImpactDown, Source: journal.SourceMe},
	} {
		must(t, db.CreateOutage(ctx, &o))
	}
	db.Close()

	window := []string{"--db", path, "--from", "2026-10-01", "--to", "2026-10-31", "--as-of", "2026-11-25T10:00:00Z"}
	code, out, stderr := run(t, append([]string{"report"}, window...)...)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"\nParley AI: The status page reported 2 hours 10 minutes of incidents in this period; you recorded 15 days 3 hours unusable.\n" +
			"  2 official incidents, 1 hour of it marked as a major outage.\n",
		"\nQuiet Mail: The status page reported no incidents in this period; you recorded 2 hours unusable.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "No Page: the status page") {
		t.Errorf("a service with no status page got a line:\n%s", out)
	}

	code, out, _ = run(t, append([]string{"report", "--service", "parley ai"}, window...)...)
	_, table, found := strings.Cut(out, "Parley AI by month, the status page beside you\n")
	lines := strings.Split(table, "\n")
	if code != 0 || !found || len(lines) < 2 ||
		strings.Join(strings.Fields(lines[1]), " ") != "2026-10 15 days 3 hours 2 2 hours 10 minutes 1 hour" {
		t.Errorf("monthly table:\n%s", out)
	}

	code, out, _ = run(t, append([]string{"report", "--json"}, window...)...)
	var doc review.Doc
	if code != 0 || json.Unmarshal([]byte(out), &doc) != nil {
		t.Fatalf("report --json: exit %d\n%s", code, out)
	}
	for _, s := range doc.Services {
		if s.Name != "Parley AI" {
			continue
		}
		if s.OfficialIncidents != 2 || s.OfficialIncidentSeconds != 2*3600+600 || s.OfficialUnusableSeconds != 3600 ||
			s.Figures.UnusableSeconds != 15*86400+3*3600 {
			t.Errorf("Parley AI: %d incidents, %ds, %ds unusable; lived %ds", s.OfficialIncidents, s.OfficialIncidentSeconds,
				s.OfficialUnusableSeconds, s.Figures.UnusableSeconds)
		}
		want := []review.OfficialMonthDoc{{Month: "2026-10", Incidents: 2, IncidentSeconds: 7800, UnusableSeconds: 3600}}
		if !reflect.DeepEqual(s.OfficialMonths, want) {
			t.Errorf("official_months = %+v, want %+v", s.OfficialMonths, want)
		}
	}
}
