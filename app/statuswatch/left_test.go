package statuswatch_test

import (
	"testing"
	"time"

	"lapse/app/journal"
	"lapse/app/statuswatch"
)

// A feed that keeps only its latest entries drops an incident that never
// said it ended: it is ended at the last poll that read the page before, not
// left going on for ever; one taken down while newer than the feed's oldest
// entry stays as it is; and one listed again is going on again.
func TestIncidentLeavingTheFeed(t *testing.T) {
	p := newPage(t, map[string]string{"/feed.rss": "left-1.rss"})
	f := newFixture(t, p, p.srv.URL+"/feed.rss")
	r := f.poll(t)
	if r.Err != nil || r.New != 3 || len(r.Events) != 3 {
		t.Fatalf("first poll: %+v", r)
	}
	var sync journal.Outage
	for _, e := range r.Events {
		if e.Incident.Title == "Sync stalls" {
			sync = e.Incident
		}
	}
	lived, err := statuswatch.DownNow(f.ctx, f.db, &sync)
	if err != nil {
		t.Fatal(err)
	}

	f.clock.advance(5 * time.Minute) // 12:03: unchanged, a 304, still listed
	if r := f.poll(t); !r.NotModified {
		t.Fatalf("second poll: %+v", r)
	}
	lastRead := f.clock.Now()

	f.clock.advance(5 * time.Minute) // 12:08: Sync stalls has gone off the end
	p.set("/feed.rss", "left-2.rss")
	r = f.poll(t)
	if r.Err != nil || r.New != 1 || r.Changed != 1 || len(r.Events) != 1 {
		t.Fatalf("poll after it left: %+v", r)
	}
	e := r.Events[0]
	if e.Kind != statuswatch.EventLeft || e.State != statuswatch.Unknown || e.Incident.Title != "Sync stalls" ||
		e.Incident.End == nil || !e.Incident.End.Equal(lastRead) || e.Lived == nil || e.Lived.ID != lived.ID {
		t.Errorf("event: %+v", e)
	}
	equalLines(t, "after it left", f.outageLines(t),
		"Sync stalls 11-30 11:00–11-30 12:03 degraded https://status.parley.example/incidents/950",
		"Slow exports 11-30 11:50–ongoing degraded https://status.parley.example/incidents/951",
		// taken down, but newer than the oldest entry: nothing says it went off the end
		"Missing avatars 11-30 11:55–ongoing degraded https://status.parley.example/incidents/953",
		"Login errors 11-30 12:05–11-30 12:30 degraded https://status.parley.example/incidents/952")
	if o, err := f.db.Outage(f.ctx, lived.ID); err != nil || o.End != nil {
		t.Errorf("your outage: %+v, %v; want it still open", o, err)
	}

	f.clock.advance(5 * time.Minute) // 12:13: listed again with an update
	p.set("/feed.rss", "left-3.rss")
	r = f.poll(t)
	if r.Err != nil || r.Changed != 1 || len(r.Events) != 0 {
		t.Fatalf("poll after it came back: %+v", r)
	}
	equalLines(t, "after it came back", f.outageLines(t),
		"Sync stalls 11-30 11:00–ongoing degraded https://status.parley.example/incidents/950",
		"Slow exports 11-30 11:50–ongoing degraded https://status.parley.example/incidents/951",
		"Missing avatars 11-30 11:55–ongoing degraded https://status.parley.example/incidents/953",
		"Login errors 11-30 12:05–11-30 12:30 degraded https://status.parley.example/incidents/952")
}
