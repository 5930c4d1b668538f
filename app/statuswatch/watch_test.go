package statuswatch_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/app/statuswatch"
)

func TestDetect(t *testing.T) {
	ctx := context.Background()
	sp := newPage(t, statuspageFiles())
	feedOnly := newPage(t, map[string]string{"/": "page.html", "/feed.rss": "feed.rss", "/history.atom": "history.atom"})
	nothing := newPage(t, map[string]string{"/": "page.html"})
	kener := newPage(t, map[string]string{"/": "page.html", "/rss.xml": "feed.rss"})
	for _, tc := range []struct {
		name, address string
		page          *page
		kind          statuswatch.Kind
		source        string
	}{
		{"Statuspage root", sp.srv.URL, sp, statuswatch.KindStatuspage, sp.srv.URL},
		{"Statuspage API address pasted", sp.srv.URL + "/api/v2/summary.json", sp, statuswatch.KindStatuspage, sp.srv.URL},
		{"page advertising a feed", feedOnly.srv.URL + "/", feedOnly, statuswatch.KindFeed, feedOnly.srv.URL + "/feed.rss"},
		{"feed pasted", feedOnly.srv.URL + "/history.atom", feedOnly, statuswatch.KindFeed, feedOnly.srv.URL + "/history.atom"},
		{"feed at a usual path, advertised wrongly", kener.srv.URL, kener, statuswatch.KindFeed, kener.srv.URL + "/rss.xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind, source, err := statuswatch.Detect(ctx, importer.Fetcher{Client: tc.page.srv.Client()}, tc.address)
			if err != nil {
				t.Fatal(err)
			}
			if kind != tc.kind || source != tc.source {
				t.Errorf("Detect(%s) = %s %s, want %s %s", tc.address, kind, source, tc.kind, tc.source)
			}
		})
	}
	t.Run("page with no feed", func(t *testing.T) {
		nothing.set("/feed.rss", "")
		_, _, err := statuswatch.Detect(ctx, importer.Fetcher{Client: nothing.srv.Client()}, nothing.srv.URL)
		if !errors.Is(err, statuswatch.ErrNotAStatusPage) {
			t.Errorf("err = %v, want ErrNotAStatusPage", err)
		}
	})
	t.Run("redirect to plain http refused", func(t *testing.T) {
		moved := httptest.NewTLSServer(http.RedirectHandler("http://status.parley.example/feed.rss", http.StatusFound))
		defer moved.Close()
		_, _, err := statuswatch.Detect(ctx, importer.Fetcher{Client: moved.Client()}, moved.URL+"/feed.rss")
		if err == nil || !strings.Contains(err.Error(), "it redirects to http://status.parley.example/feed.rss: Lapse only follows https addresses") {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("plain http refused unfetched", func(t *testing.T) {
		_, _, err := statuswatch.Detect(ctx, importer.Fetcher{Client: sp.srv.Client()}, "http://status.parley.example")
		if err == nil || err.Error() != "status page http://status.parley.example: Lapse only watches https addresses, not http" {
			t.Errorf("err = %v", err)
		}
	})
}

func TestStatuspageIncidentAskedOnceAndBack(t *testing.T) {
	p := newPage(t, statuspageFiles())
	f := newFixture(t, p, p.srv.URL)

	// First poll: the page is found and its history saved without a word.
	r := f.poll(t)
	if r.Err != nil || r.Kind != statuswatch.KindStatuspage || len(r.Events) != 0 || r.New != 1 {
		t.Fatalf("first poll: %+v", r)
	}
	if got := f.officials(t); len(got) != 1 || got[0].Title != "Delayed chat history sync" || got[0].End == nil {
		t.Fatalf("history saved: %+v", got)
	}

	// The vendor reports an incident: one event.
	p.set("/api/v2/summary.json", "summary-ongoing.json")
	f.clock.advance(5 * time.Minute)
	r = f.poll(t)
	if r.Err != nil || len(r.Events) != 1 {
		t.Fatalf("poll after the incident: %+v", r)
	}
	e := r.Events[0]
	if e.Kind != statuswatch.EventReported || e.State != statuswatch.Ongoing || e.Incident.Title != "Elevated errors on login" ||
		e.Incident.ID == 0 || e.Incident.Source != journal.SourceOfficial || e.Incident.Impact != journal.ImpactDown {
		t.Errorf("event: %+v", e)
	}

	// Polls while nothing changed: 304s, no new event, nothing duplicated.
	for range 3 {
		f.clock.advance(5 * time.Minute)
		r = f.poll(t)
		if r.Err != nil || !r.Fetched || !r.NotModified || len(r.Events) != 0 {
			t.Fatalf("poll while unchanged: %+v", r)
		}
	}
	if n := p.notModified("/api/v2/summary.json"); n != 3 {
		t.Errorf("304s = %d, want 3", n)
	}
	if got := f.officials(t); len(got) != 2 {
		t.Errorf("%d official outages, want 2", len(got))
	}

	// The user answers "Down now": a lived outage linked to the incident.
	lived, err := statuswatch.DownNow(f.ctx, f.db, &e.Incident)
	if err != nil {
		t.Fatal(err)
	}
	if lived.Source != journal.SourceMe || lived.Link != "https://stspg.io/kw1x2ls5" || lived.End != nil || !lived.Start.Equal(f.clock.Now()) {
		t.Errorf("lived outage: %+v", lived)
	}

	// The vendor resolves it: "It's back?" about the user's open outage.
	p.set("/api/v2/summary.json", "summary-quiet.json")
	p.set("/api/v2/incidents.json", "incidents-resolved.json")
	f.clock.advance(5 * time.Minute)
	r = f.poll(t)
	if r.Err != nil || len(r.Events) != 1 {
		t.Fatalf("poll after the resolution: %+v", r)
	}
	e = r.Events[0]
	if e.Kind != statuswatch.EventBack || e.Lived == nil || e.Lived.ID != lived.ID || e.State != statuswatch.Resolved {
		t.Errorf("event: %+v", e)
	}
	if e.Incident.End == nil || !e.Incident.End.Equal(time.Date(2026, 11, 30, 13, 10, 0, 0, time.UTC)) {
		t.Errorf("incident end = %v", e.Incident.End)
	}
	// The vendor's word is saved on the official outage, never on the user's.
	if got := f.officials(t); len(got) != 2 {
		t.Errorf("%d official outages, want 2", len(got))
	}
	still, err := f.db.Outage(f.ctx, lived.ID)
	if err != nil || still.End != nil {
		t.Errorf("the user's outage = %+v, %v: still open until they say", still, err)
	}

	// Later polls say nothing more.
	f.clock.advance(5 * time.Minute)
	if r = f.poll(t); r.Err != nil || len(r.Events) != 0 {
		t.Errorf("poll after: %+v", r)
	}
}

func TestResolvedWithoutLinkedOutageIsNotAQuestion(t *testing.T) {
	p := newPage(t, statuspageFiles())
	p.set("/api/v2/summary.json", "summary-ongoing.json")
	f := newFixture(t, p, p.srv.URL)
	if r := f.poll(t); len(r.Events) != 1 || r.Events[0].Kind != statuswatch.EventReported {
		t.Fatalf("first poll, incident going on: %+v", r)
	}
	p.set("/api/v2/summary.json", "summary-quiet.json")
	p.set("/api/v2/incidents.json", "incidents-resolved.json")
	f.clock.advance(5 * time.Minute)
	r := f.poll(t)
	if len(r.Events) != 1 || r.Events[0].Kind != statuswatch.EventResolved || r.Events[0].Lived != nil {
		t.Errorf("events: %+v", r.Events)
	}
}

func TestBackoffAfterErrors(t *testing.T) {
	p := newPage(t, statuspageFiles())
	f := newFixture(t, p, p.srv.URL)
	if r := f.poll(t); r.Err != nil {
		t.Fatal(r.Err)
	}
	const path = "/api/v2/summary.json"
	p.fail(true)
	steps := []struct {
		after    time.Duration
		fetched  bool
		failures int
		next     time.Duration // after this poll's instant
	}{
		{5 * time.Minute, true, 1, 10 * time.Minute},
		{5 * time.Minute, false, 1, 5 * time.Minute}, // too soon: not fetched
		{5 * time.Minute, true, 2, 20 * time.Minute},
		{20 * time.Minute, true, 3, 40 * time.Minute},
		{40 * time.Minute, true, 4, time.Hour},
		{time.Hour, true, 5, time.Hour}, // at most an hour
	}
	for i, s := range steps {
		f.clock.advance(s.after)
		before := p.fetches(path)
		r := f.poll(t)
		if fetched := p.fetches(path) > before; fetched != s.fetched || r.Fetched != s.fetched {
			t.Fatalf("step %d: fetched = %v, report %v, want %v", i, fetched, r.Fetched, s.fetched)
		}
		if s.fetched && r.Err == nil {
			t.Errorf("step %d: no error reported", i)
		}
		if r.Failures != s.failures || !r.NextAt.Equal(f.clock.Now().Add(s.next)) {
			t.Errorf("step %d: failures %d next %v, want %d next +%v", i, r.Failures, r.NextAt, s.failures, s.next)
		}
	}
	p.fail(false)
	f.clock.advance(time.Hour)
	r := f.poll(t)
	if r.Err != nil || r.Failures != 0 || !r.NextAt.Equal(f.clock.Now().Add(5*time.Minute)) {
		t.Errorf("after recovery: %+v", r)
	}
}

func TestNeverFetchedMoreOftenThanTheSetting(t *testing.T) {
	p := newPage(t, statuspageFiles())
	f := newFixture(t, p, p.srv.URL)
	settings, err := f.db.Settings(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	settings.StatusPollMinutes = 3
	if err := f.db.SaveSettings(f.ctx, settings); err != nil {
		t.Fatal(err)
	}
	// Run with a clock that jumps by each pause, stopped after an hour.
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	var fetchedAt []time.Time
	f.w.Observe = func(r statuswatch.Report) { fetchedAt = append(fetchedAt, f.clock.Now()) }
	f.w.Wait = func(ctx context.Context, d time.Duration) error {
		f.clock.advance(d)
		if f.clock.Now().Sub(start) >= time.Hour {
			cancel()
		}
		return ctx.Err()
	}
	if err := f.w.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
	if len(fetchedAt) != 20 {
		t.Errorf("%d fetches in an hour at 3 minutes, want 20", len(fetchedAt))
	}
	for i := 1; i < len(fetchedAt); i++ {
		if gap := fetchedAt[i].Sub(fetchedAt[i-1]); gap < 3*time.Minute {
			t.Errorf("fetch %d came %v after the one before", i, gap)
		}
	}
	if got := p.fetches("/api/v2/summary.json"); got != 21 { // detection asked it once more
		t.Errorf("summary.json asked %d times, want 21", got)
	}

	// Polling by hand sooner than the interval fetches nothing.
	if r := f.poll(t); !r.Fetched {
		t.Fatalf("not polled when due: %+v", r)
	}
	before := p.fetches("/api/v2/summary.json")
	for _, d := range []time.Duration{0, time.Minute, time.Minute + 59*time.Second} {
		f.clock.advance(d)
		if r := f.poll(t); r.Fetched {
			t.Errorf("polled again after %v: %+v", d, r)
		}
	}
	if p.fetches("/api/v2/summary.json") != before {
		t.Error("fetched sooner than the setting")
	}
}

func TestIntervalNeverUnderAMinute(t *testing.T) {
	for _, tc := range []struct {
		minutes int
		want    time.Duration
	}{{0, 5 * time.Minute}, {1, time.Minute}, {15, 15 * time.Minute},
		// Far beyond what a Duration holds (a restored backup may say anything): a week, not a minute.
		{7 * 24 * 60, statuswatch.MaxInterval}, {1 << 40, statuswatch.MaxInterval}, {math.MaxInt, statuswatch.MaxInterval}} {
		if got := statuswatch.Interval(journal.Settings{StatusPollMinutes: tc.minutes}); got != tc.want {
			t.Errorf("Interval(%d) = %v, want %v", tc.minutes, got, tc.want)
		}
	}
	if err := (&journal.Settings{HomeCurrency: "USD", StatusPollMinutes: -1}).Validate(); err == nil {
		t.Error("a negative interval was accepted")
	}
}

func TestFeedWithTitlesAndDatesOnly(t *testing.T) {
	p := newPage(t, map[string]string{"/": "page.html", "/feed.rss": "feed.rss"})
	f := newFixture(t, p, p.srv.URL)
	r := f.poll(t)
	if r.Err != nil || r.Kind != statuswatch.KindFeed || r.New != 2 || len(r.Events) != 0 {
		t.Fatalf("first poll: %+v", r)
	}
	got := f.officials(t)
	if len(got) != 2 {
		t.Fatalf("%d official outages, want 2", len(got))
	}
	o := got[0]
	// The feed does not say whether it is over: no length, not ongoing for ever.
	if o.Title != "Login problems" || !o.Start.Equal(time.Date(2026, 11, 29, 21, 14, 0, 0, time.UTC)) || o.End == nil ||
		!o.End.Equal(o.Start) || o.Link != "https://status.parley.example/incident/501" {
		t.Errorf("official outage: %+v", o)
	}

	// A new entry: one event, its state unknown.
	p.set("/feed.rss", "history.atom")
	f.clock.advance(5 * time.Minute)
	r = f.poll(t)
	if r.Err != nil || r.New != 2 {
		t.Fatalf("poll: %+v", r)
	}
	// The Atom entries say "Resolved" and "Monitoring": resolved and ongoing.
	if len(r.Events) != 1 || r.Events[0].Incident.Title != "Slow file uploads" || r.Events[0].State != statuswatch.Ongoing ||
		r.Events[0].Incident.End != nil {
		t.Errorf("events: %+v", r.Events)
	}
	for _, o := range f.officials(t) {
		if o.Title == "Elevated errors on login" &&
			(o.End == nil || !o.End.Equal(time.Date(2026, 11, 30, 13, 10, 0, 0, time.UTC))) {
			t.Errorf("resolved entry ends %v, want its update time", o.End)
		}
	}
	f.clock.advance(5 * time.Minute)
	if r = f.poll(t); !r.NotModified || len(r.Events) != 0 {
		t.Errorf("unchanged feed: %+v", r)
	}
}

func TestNewEntryOfUnknownStateIsAsked(t *testing.T) {
	p := newPage(t, map[string]string{"/history.atom": "history.atom"})
	f := newFixture(t, p, p.srv.URL+"/history.atom")
	if r := f.poll(t); r.Err != nil || r.Kind != statuswatch.KindFeed || len(r.Events) != 1 {
		t.Fatalf("first poll: %+v", r)
	}
	p.set("/history.atom", "feed.rss")
	f.clock.advance(5 * time.Minute)
	r := f.poll(t)
	if len(r.Events) != 2 {
		t.Fatalf("events: %+v", r.Events)
	}
	for _, e := range r.Events {
		if e.Kind != statuswatch.EventReported || e.State != statuswatch.Unknown {
			t.Errorf("event: %+v", e)
		}
	}
}

func TestChangedAddressIsDetectedAgain(t *testing.T) {
	sp := newPage(t, statuspageFiles())
	feed := newPage(t, map[string]string{"/feed.rss": "feed.rss"})
	f := newFixture(t, sp, sp.srv.URL)
	if r := f.poll(t); r.Kind != statuswatch.KindStatuspage {
		t.Fatalf("first: %+v", r)
	}
	f.svc.StatusPage = feed.srv.URL + "/feed.rss"
	if err := f.db.UpdateService(f.ctx, f.svc); err != nil {
		t.Fatal(err)
	}
	f.w.Fetcher = importer.Fetcher{Client: feed.srv.Client()}
	r := f.poll(t)
	if !r.Fetched || r.Kind != statuswatch.KindFeed || r.Source != feed.srv.URL+"/feed.rss" {
		t.Errorf("after the address changed: %+v", r)
	}
}

func TestFeedWithOneEntryPerUpdate(t *testing.T) {
	p := newPage(t, map[string]string{"/feed.rss": "updates-1.rss"})
	f := newFixture(t, p, p.srv.URL+"/feed.rss")
	if r := f.poll(t); r.Err != nil || r.New != 1 || len(r.Events) != 0 {
		t.Fatalf("first poll: %+v", r)
	}
	old := f.officials(t)
	if len(old) != 1 || old[0].Title != "Slow search" || !old[0].Start.Equal(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)) ||
		old[0].End == nil || !old[0].End.Equal(time.Date(2026, 11, 24, 9, 40, 0, 0, time.UTC)) {
		t.Fatalf("two entries of one incident: %+v", old)
	}

	p.set("/feed.rss", "updates-2.rss")
	f.clock.advance(5 * time.Minute)
	r := f.poll(t)
	if len(r.Events) != 1 || r.Events[0].Kind != statuswatch.EventReported || r.Events[0].State != statuswatch.Ongoing ||
		r.Events[0].Incident.Title != "Database connection issues" {
		t.Fatalf("investigating: %+v", r)
	}

	p.set("/feed.rss", "updates-3.rss")
	f.clock.advance(5 * time.Minute)
	r = f.poll(t)
	if len(r.Events) != 1 || r.Events[0].Kind != statuswatch.EventResolved || r.New != 0 {
		t.Fatalf("resolved: %+v", r)
	}
	got := f.officials(t)
	if len(got) != 2 || got[0].Title != "Database connection issues" || got[0].End == nil ||
		!got[0].Start.Equal(time.Date(2026, 11, 30, 12, 1, 0, 0, time.UTC)) ||
		!got[0].End.Equal(time.Date(2026, 11, 30, 12, 45, 0, 0, time.UTC)) {
		t.Errorf("official outages: %+v", got)
	}
}

func TestUnreadableAnswerIsAskedForWhole(t *testing.T) {
	p := newPage(t, statuspageFiles())
	f := newFixture(t, p, p.srv.URL)
	f.poll(t)
	const path = "/api/v2/summary.json"
	p.set(path, "summary-cut.json")
	for _, after := range []time.Duration{5 * time.Minute, 10 * time.Minute} {
		f.clock.advance(after)
		r := f.poll(t)
		if r.Err == nil || !strings.Contains(r.Err.Error(), "the file is cut short") {
			t.Fatalf("cut document: %+v", r)
		}
	}
	if n := p.notModified(path); n != 0 {
		t.Errorf("%d answers of 304 to a document never read", n)
	}
	p.set(path, "summary-ongoing.json")
	f.clock.advance(20 * time.Minute)
	if r := f.poll(t); r.Err != nil || len(r.Events) != 1 {
		t.Errorf("after the page mended: %+v", r)
	}
}

func TestRunNotifiesEachServiceOnce(t *testing.T) {
	p := newPage(t, statuspageFiles())
	p.set("/api/v2/summary.json", "summary-ongoing.json")
	feed := newPage(t, map[string]string{"/history.atom": "history.atom"})
	f := newFixture(t, p, p.srv.URL)
	// One client trusting both local servers' certificates.
	client := p.srv.Client()
	client.Transport.(*http.Transport).TLSClientConfig.RootCAs.AddCert(feed.srv.Certificate())
	f.w.Fetcher = importer.Fetcher{Client: client}
	other := &journal.Service{Name: "Quiet Mail", StatusPage: feed.srv.URL + "/history.atom"}
	if err := f.db.CreateService(f.ctx, other); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	var got []string
	f.w.Notify = func(e statuswatch.Event) { got = append(got, e.Service.Name+": "+e.Incident.Title) }
	f.w.Wait = func(ctx context.Context, d time.Duration) error {
		f.clock.advance(d)
		if f.clock.Now().Sub(start) >= 30*time.Minute {
			cancel()
		}
		return ctx.Err()
	}
	if err := f.w.Run(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
	want := []string{"Parley AI: Elevated errors on login", "Quiet Mail: Slow file uploads"}
	if !slices.Equal(got, want) {
		t.Errorf("events in 30 minutes of polling: %q, want %q", got, want)
	}
}

// A journal Run cannot read (here closed under it) stops the watch with the
// error, rather than retrying in silence every minute for ever.
func TestRunStopsWhenTheJournalCannotBeRead(t *testing.T) {
	p := newPage(t, statuspageFiles())
	f := newFixture(t, p, p.srv.URL)
	f.db.Close()
	ctx, cancel := context.WithCancel(f.ctx)
	defer cancel()
	waits := 0
	f.w.Wait = func(ctx context.Context, d time.Duration) error {
		waits++
		f.clock.advance(d)
		if waits >= 60 {
			cancel()
		}
		return ctx.Err()
	}
	err := f.w.Run(ctx)
	if err == nil || errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "watched services") {
		t.Errorf("Run on a closed journal = %v after %d pauses, want the journal's error at once", err, waits)
	}
	if waits != 0 {
		t.Errorf("Run paused %d times before giving up", waits)
	}
}
