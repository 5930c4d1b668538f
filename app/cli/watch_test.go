package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/statuswatch"
	"lapse/storage"
)

func TestWatchOncePollsWhatIsDue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "j.db")
	if code, out, _ := run(t, "watch", "--once", "--db", path); code != 0 || !strings.Contains(out, "No service has a status page") {
		t.Fatalf("empty journal: exit %d %q", code, out)
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, path, storage.Options{Now: func() time.Time { return pinned }})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateService(ctx, &journal.Service{Name: "Parley AI", StatusPage: "http://status.parley.example"}); err != nil {
		t.Fatal(err)
	}
	settings := journal.DefaultSettings()
	settings.TimeZone = "UTC"
	if err := db.SaveSettings(ctx, settings); err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, out, stderr := run(t, "watch", "--once", "--db", path)
	want := "Parley AI: failed (1 in a row), next try 2026-11-25 10:10: status page http://status.parley.example: " +
		"Lapse only watches https addresses, not http\nChecked 1 of 1 status pages.\n"
	if code != 1 || out != want || !strings.Contains(stderr, "1 of 1 status pages could not be read") {
		t.Errorf("first poll: exit %d\n%s\nwant\n%s%s", code, out, want, stderr)
	}
	// Run again at once (cron every minute): the backoff holds, nothing is fetched.
	code, out, _ = run(t, "watch", "--once", "--db", path)
	if code != 0 || out != "Checked 0 of 1 status pages (1 not due yet).\n" {
		t.Errorf("second poll: exit %d %q", code, out)
	}
}

func TestWatchReportLines(t *testing.T) {
	start := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	end := start.Add(70 * time.Minute)
	svc := journal.Service{Name: "Parley AI"}
	inc := journal.Outage{Title: "Elevated errors on login", Start: start, Link: "https://stspg.io/kw1x2ls5"}
	done := inc
	done.End = &end
	lived := journal.Outage{Start: start.Add(5 * time.Minute)}
	var b bytes.Buffer
	printWatchReport(&b, statuswatch.Report{Service: svc, Fetched: true, Kind: statuswatch.KindStatuspage,
		Source: "https://status.parley.example", New: 1, Events: []statuswatch.Event{
			{Kind: statuswatch.EventReported, Service: svc, Incident: inc, State: statuswatch.Ongoing},
		}}, time.UTC)
	printWatchReport(&b, statuswatch.Report{Service: svc, Fetched: true, Kind: statuswatch.KindStatuspage,
		Source: "https://status.parley.example", Changed: 1, Events: []statuswatch.Event{
			{Kind: statuswatch.EventBack, Service: svc, Incident: done, State: statuswatch.Resolved, Lived: &lived},
		}}, time.UTC)
	printWatchReport(&b, statuswatch.Report{Service: svc, Fetched: true, NotModified: true}, time.UTC)
	printWatchReport(&b, statuswatch.Report{Service: svc}, time.UTC)
	want := `Parley AI: 1 new, 0 changed (statuspage https://status.parley.example)
  reports "Elevated errors on login", going on since 2026-11-30 12:00. Affected? ` + "`lapse down \"Parley AI\"`" + `
    https://stspg.io/kw1x2ls5
Parley AI: 0 new, 1 changed (statuspage https://status.parley.example)
  resolved "Elevated errors on login" at 2026-11-30 13:10; your outage since 2026-11-30 12:05 is still open. It's back? ` + "`lapse back \"Parley AI\"`" + `
    https://stspg.io/kw1x2ls5
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
