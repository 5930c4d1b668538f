package statuswatch_test

import (
	"testing"
	"time"

	"lapse/app/statuswatch"
)

// pending returns the open questions.
func pending(t *testing.T, f *fixture) []statuswatch.Question {
	t.Helper()
	qs, err := statuswatch.Pending(f.ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestQuestionsUntilAnswered(t *testing.T) {
	p := newPage(t, statuspageFiles())
	p.set("/api/v2/summary.json", "summary-ongoing.json")
	f := newFixture(t, p, p.srv.URL)
	f.poll(t)
	qs := pending(t, f)
	if len(qs) != 1 || qs[0].Kind != statuswatch.EventReported || qs[0].Incident.Title != "Elevated errors on login" {
		t.Fatalf("questions: %+v", qs)
	}

	// "Not me" is remembered.
	if err := statuswatch.NotMe(f.ctx, f.db, qs[0]); err != nil {
		t.Fatal(err)
	}
	if qs := pending(t, f); len(qs) != 0 {
		t.Errorf("asked again after Not me: %+v", qs)
	}

	// "Down now" (from another card, say) links an outage: no question while it is open.
	lived, err := statuswatch.DownNow(f.ctx, f.db, &qs[0].Incident)
	if err != nil {
		t.Fatal(err)
	}
	p.set("/api/v2/summary.json", "summary-quiet.json")
	p.set("/api/v2/incidents.json", "incidents-resolved.json")
	f.clock.advance(5 * time.Minute)
	f.poll(t)
	qs = pending(t, f)
	if len(qs) != 1 || qs[0].Kind != statuswatch.EventBack || qs[0].Lived == nil || qs[0].Lived.ID != lived.ID {
		t.Fatalf("after the resolution: %+v", qs)
	}
	// The user says it is back: nothing left to ask.
	if _, err := f.db.EndOutage(f.ctx, lived.ID); err != nil {
		t.Fatal(err)
	}
	if qs := pending(t, f); len(qs) != 0 {
		t.Errorf("after it's back: %+v", qs)
	}
}
