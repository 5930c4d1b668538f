package statuswatch_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/statuswatch"
)

// importStatuspage imports a Statuspage document as the user's import does.
func (f *fixture) importStatuspage(t *testing.T, file string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := importer.ParseStatuspage(file, data, f.svc, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plan.Apply(f.ctx, f.db); err != nil {
		t.Fatal(err)
	}
}

// outageLines lists official outages as "title start–end impact" lines.
func (f *fixture) outageLines(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, o := range f.officials(t) {
		end := "ongoing"
		if o.End != nil {
			end = o.End.UTC().Format("01-02 15:04")
		}
		out = append(out, o.Title+" "+o.Start.UTC().Format("01-02 15:04")+"–"+end+" "+string(o.Impact)+" "+o.ExternalID)
	}
	return out
}

func equalLines(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d outages\n%q\nwant\n%q", what, len(got), got, want)
	}
	seen := map[string]int{}
	for _, g := range got {
		seen[g]++
	}
	for _, w := range want {
		if seen[w] == 0 {
			t.Errorf("%s: no %q in\n%q", what, w, got)
		}
		seen[w]--
	}
}

// Imported once from the Statuspage API while going on, then watched as the
// page's Atom feed: the feed's entry is the same incident (its address ends
// in /incidents/<id>), so it is not saved again, and the feed saying it is
// resolved ends it.
func TestImportedThenWatchedAsFeed(t *testing.T) {
	p := newPage(t, map[string]string{"/history.atom": "history.atom"})
	f := newFixture(t, p, p.srv.URL+"/history.atom")
	f.importStatuspage(t, "incidents-before.json")
	f.importStatuspage(t, "summary-ongoing.json")

	r := f.poll(t)
	if r.Err != nil || r.Kind != statuswatch.KindFeed || r.New != 1 || r.Changed != 1 {
		t.Fatalf("first feed poll: %+v", r)
	}
	// The import's incident resolved; the feed's own going on.
	if len(r.Events) != 2 || r.Events[0].Kind != statuswatch.EventResolved || r.Events[0].Incident.ExternalID != "kw1x2ls5pyq9" ||
		r.Events[1].Kind != statuswatch.EventReported || r.Events[1].Incident.Title != "Slow file uploads" {
		t.Errorf("events: %+v", r.Events)
	}
	equalLines(t, "after the feed", f.outageLines(t),
		"Delayed chat history sync 11-02 14:00–11-02 15:40 partial p7c0mh2v9x4d",
		// the import's start, impact, ID and link; the feed's end
		"Elevated errors on login 11-30 12:00–11-30 13:10 down kw1x2ls5pyq9",
		"Slow file uploads 11-29 08:00–ongoing degraded https://status.parley.example/incidents/zz81")
	for _, o := range f.officials(t) {
		if o.ExternalID == "kw1x2ls5pyq9" && o.Link != "https://stspg.io/kw1x2ls5" {
			t.Errorf("link %q, want the import's", o.Link)
		}
	}

	// Importing incidents.json again, and the feed read whole again, change nothing.
	f.importStatuspage(t, "incidents-resolved.json")
	f.clock.advance(5 * time.Minute)
	st, err := f.db.StatusWatch(f.ctx, f.svc.ID)
	if err != nil {
		t.Fatal(err)
	}
	clear(st.Cache) // no validators: the feed is sent whole
	if err := f.db.SaveStatusWatch(f.ctx, st); err != nil {
		t.Fatal(err)
	}
	if r := f.poll(t); r.Err != nil || r.NotModified || r.New != 0 || r.Changed != 0 || len(r.Events) != 0 {
		t.Errorf("feed read again: %+v", r)
	}
	if n := len(f.officials(t)); n != 3 {
		t.Errorf("%d official outages, want 3", n)
	}
}

// A feed from another host, whose links say nothing of the Statuspage
// incident: the same title within an hour of the start is the same
// incident; the same title hours later is another.
func TestSameTitleAndStartFromAnotherSource(t *testing.T) {
	p := newPage(t, map[string]string{"/feed.rss": "mirror.rss"})
	f := newFixture(t, p, p.srv.URL+"/feed.rss")
	f.importStatuspage(t, "summary-ongoing.json")

	r := f.poll(t)
	if r.Err != nil || r.New != 1 || r.Changed != 1 {
		t.Fatalf("feed poll: %+v", r)
	}
	equalLines(t, "after the feed", f.outageLines(t),
		"Elevated errors on login 11-30 12:00–11-30 13:10 down kw1x2ls5pyq9",
		"Elevated errors on login 11-30 18:30–11-30 18:30 degraded https://mirror.parley.example/e/42")
}

// Watched as a feed, then the page's incidents.json imported by hand: the
// same incidents, told in full, not saved twice (the preview says so too).
func TestFeedThenImported(t *testing.T) {
	p := newPage(t, map[string]string{"/history.atom": "history.atom"})
	f := newFixture(t, p, p.srv.URL+"/history.atom")
	if r := f.poll(t); r.Err != nil || r.New != 2 {
		t.Fatalf("feed poll: %+v", r)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "incidents-resolved.json"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := importer.ParseStatuspage("incidents.json", data, f.svc, f.officials(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := plan.Preview().Summary, "2 official incidents of Parley AI from \"Parley AI\": 1 new, 1 already imported (updated)"; got != want {
		t.Errorf("preview: %q, want %q", got, want)
	}
	f.importStatuspage(t, "incidents-resolved.json")
	equalLines(t, "after both", f.outageLines(t),
		"Delayed chat history sync 11-02 14:00–11-02 15:40 partial p7c0mh2v9x4d",
		// the feed's ID kept; the import's earlier start and worse impact
		"Elevated errors on login 11-30 12:00–11-30 13:10 down https://status.parley.example/incidents/kw1x2ls5pyq9",
		"Slow file uploads 11-29 08:00–ongoing degraded https://status.parley.example/incidents/zz81")
}

// Watched as a feed, then the address changed to the Statuspage itself:
// its incidents are those the feed gave, now told in full.
func TestFeedThenStatuspage(t *testing.T) {
	p := newPage(t, map[string]string{"/history.atom": "history.atom",
		"/api/v2/summary.json": "summary-quiet.json", "/api/v2/incidents.json": "incidents-resolved.json"})
	f := newFixture(t, p, p.srv.URL+"/history.atom")
	if r := f.poll(t); r.Err != nil || r.New != 2 {
		t.Fatalf("feed poll: %+v", r)
	}
	f.svc.StatusPage = p.srv.URL
	if err := f.db.UpdateService(f.ctx, f.svc); err != nil {
		t.Fatal(err)
	}
	r := f.poll(t)
	if r.Err != nil || r.Kind != statuswatch.KindStatuspage || r.New != 1 || r.Changed != 1 || len(r.Events) != 0 {
		t.Fatalf("Statuspage poll: %+v", r)
	}
	equalLines(t, "after both", f.outageLines(t),
		"Delayed chat history sync 11-02 14:00–11-02 15:40 partial p7c0mh2v9x4d",
		// the feed's ID kept; the API's earlier start and worse impact
		"Elevated errors on login 11-30 12:00–11-30 13:10 down https://status.parley.example/incidents/kw1x2ls5pyq9",
		"Slow file uploads 11-29 08:00–ongoing degraded https://status.parley.example/incidents/zz81")
}
