package statuswatch_test

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/statuswatch"
	"lapse/storage"
)

func ongoingFiles() map[string]string {
	return map[string]string{"/api/v2/summary.json": "summary-ongoing.json", "/api/v2/incidents.json": "incidents-before.json"}
}

// second opens the fixture's journal file again, as another process
// would (its own connections and locks), with a watcher on it.
func (f *fixture) second(t *testing.T, client *http.Client) *statuswatch.Watcher {
	t.Helper()
	db, err := storage.Open(f.ctx, f.path, storage.Options{Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &statuswatch.Watcher{DB: db, Fetcher: importer.Fetcher{Client: client}, Now: f.clock.Now}
}

// The app and cron poll in the same second: the second finds the slot
// taken while the first is still fetching, and the incident is reported once.
func TestTwoProcessesSameSecond(t *testing.T) {
	p := newPage(t, ongoingFiles())
	arrived, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	gated := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(arrived); <-release })
		p.serve(w, r)
	}))
	t.Cleanup(gated.Close)
	f := newFixture(t, p, gated.URL)
	f.w.Fetcher = importer.Fetcher{Client: gated.Client()}
	cron := f.second(t, gated.Client())

	done := make(chan statuswatch.Report)
	go func() {
		r, err := f.w.Poll(f.ctx, f.svc)
		if err != nil {
			t.Error(err)
		}
		done <- r
	}()
	<-arrived // the app is fetching summary.json
	rc, err := cron.Poll(f.ctx, f.svc)
	if err != nil {
		t.Fatal(err)
	}
	close(release)
	ra := <-done
	if rc.Fetched || len(rc.Events) != 0 || rc.Err != nil || !rc.NextAt.Equal(start.Add(5*time.Minute)) {
		t.Errorf("cron's poll while the app fetches: %+v", rc)
	}
	if ra.Err != nil || len(ra.Events) != 1 || ra.Events[0].Kind != statuswatch.EventReported {
		t.Errorf("app's poll: %+v", ra)
	}
	// One poll of a new page asks for summary.json twice: to find what
	// the page is, then to read it.
	if n := p.fetches("/api/v2/summary.json"); n != 2 {
		t.Errorf("summary.json fetched %d times, want 2", n)
	}
	if got := f.officials(t); len(got) != 2 {
		t.Errorf("%d official outages saved, want 2 (history and the new one)", len(got))
	}
}

// Four processes poll the same journal at once, again and again within the
// interval: one fetch, one report.
func TestFourProcessesAtOnce(t *testing.T) {
	p := newPage(t, ongoingFiles())
	f := newFixture(t, p, p.srv.URL)
	watchers := []*statuswatch.Watcher{f.w}
	for range 3 {
		watchers = append(watchers, f.second(t, p.srv.Client()))
	}
	var mu sync.Mutex
	var reported, fetched int
	var wg sync.WaitGroup
	for _, w := range watchers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				r, err := w.Poll(f.ctx, f.svc)
				if err != nil || r.Err != nil {
					t.Errorf("poll: %v %v", err, r.Err)
					return
				}
				mu.Lock()
				reported += len(r.Events)
				if r.Fetched {
					fetched++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if reported != 1 || fetched != 1 || p.fetches("/api/v2/summary.json") != 2 {
		t.Errorf("reported %d, fetched %d (summary.json %d), want 1, 1, 2", reported, fetched, p.fetches("/api/v2/summary.json"))
	}
}
