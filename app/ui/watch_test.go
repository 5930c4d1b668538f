package ui

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/app/statuswatch"
	"lapse/storage"
)

// statusPage is a local HTTPS Statuspage serving recorded JSON with ETags,
// counting the requests it answers (304s included).
type statusPage struct {
	srv   *httptest.Server
	mu    sync.Mutex
	files map[string]string
	asked int
}

func newStatusPage(t *testing.T, files map[string]string) *statusPage {
	p := &statusPage{files: files}
	p.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.asked++
		name, ok := p.files[r.URL.Path]
		p.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		data, err := os.ReadFile(filepath.Join("testdata", "statuspage", name))
		if err != nil {
			t.Errorf("fixture: %v", err)
			return
		}
		etag := fmt.Sprintf(`"%x"`, sha256.Sum256(data))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write(data)
	}))
	t.Cleanup(p.srv.Close)
	return p
}

// set serves file at path from now on.
func (p *statusPage) set(path, file string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files[path] = file
}

func (p *statusPage) requests() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.asked
}

// watchRounds lets a test run the watcher's polls one round at a time: the
// watcher reports each round done on done and waits for next.
// A watch whose context ends says so on stopped.
type watchRounds struct{ done, next, stopped chan struct{} }

func (r watchRounds) wait(ctx context.Context, _ time.Duration) error {
	select {
	case r.done <- struct{}{}:
	case <-ctx.Done():
		r.stopped <- struct{}{}
		return ctx.Err()
	}
	select {
	case <-r.next:
		return nil
	case <-ctx.Done():
		r.stopped <- struct{}{}
		return ctx.Err()
	}
}

// poll runs one more round of polls and applies what it brought.
func (r watchRounds) poll(u *UI) {
	r.next <- struct{}{}
	<-r.done
	settle(u)
}

// findButton is the button under o showing text, nil if none.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// testClock is a "now" the test moves; the UI and the watcher read it.
type testClock struct {
	mu sync.Mutex
	at time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *testClock) add(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
	return c.at
}

// watchedUI is a window on a journal with one service, Parley AI, whose
// status page (a local Statuspage) reports an incident going on since 12:00;
// the clock says 12:10.
func watchedUI(t *testing.T) (*UI, *statusPage, *journal.Service, *testClock) {
	u := newTestUI(t)
	clock := &testClock{at: time.Date(2026, 11, 30, 12, 10, 0, 0, time.UTC)}
	u.now = clock.now
	page := newStatusPage(t, map[string]string{"/api/v2/summary.json": "summary-ongoing.json", "/api/v2/incidents.json": "incidents-before.json"})
	svc := &journal.Service{Name: "Parley AI", StatusPage: page.srv.URL}
	if err := u.db.CreateService(u.ctx, svc); err != nil {
		t.Fatal(err)
	}
	u.refresh()
	settle(u)
	return u, page, svc, clock
}

// A watched service's page reports an incident: one notification and one
// card, not repeated by the next poll; Down now starts an outage linked to
// the incident, and the Summary sets the page's time beside the user's.
func TestStatusPageIncidentAskedOnce(t *testing.T) {
	u, page, svc, clock := watchedUI(t)
	now := clock.at
	rounds := watchRounds{done: make(chan struct{}), next: make(chan struct{}), stopped: make(chan struct{}, 4)}
	card := "Parley AI reports “Elevated errors on login” — are you affected?"
	test.AssertNotificationSent(t, fyne.NewNotification("Parley AI reports an incident", "“Elevated errors on login”: are you affected?"), func() {
		u.watchStatusPages(importer.Fetcher{Client: page.srv.Client()}, rounds.wait)
		<-rounds.done
		settle(u)
	})
	shown := texts(u.body)
	if n := countOf(shown, card); n != 1 {
		t.Fatalf("the Overview shows the card %d times: %q", n, shown)
	}

	// The next poll asks the page again (a 304) and tells nothing new.
	asked := page.requests()
	now = clock.add(5 * time.Minute)
	test.AssertNotificationSent(t, nil, func() { rounds.poll(u) })
	if page.requests() == asked {
		t.Fatalf("the second round did not poll the page")
	}
	if n := countOf(texts(u.body), card); n != 1 {
		t.Fatalf("after a second poll the Overview shows the card %d times", n)
	}

	down := findButton(u.body, "Down now")
	if down == nil {
		t.Fatalf("no Down now on the card: %q", texts(u.body))
	}
	test.Tap(down)
	settle(u)
	outs, err := u.db.Outages(u.ctx, storage.OutageFilter{ServiceID: &svc.ID})
	if err != nil {
		t.Fatal(err)
	}
	var lived []*journal.Outage
	for _, o := range outs {
		if o.Source == journal.SourceMe {
			lived = append(lived, o)
		}
	}
	if len(lived) != 1 || lived[0].End != nil || lived[0].Link != "https://stspg.io/kw1x2ls5" || !lived[0].Start.Equal(now) {
		t.Fatalf("Down now saved %+v, want one open outage from %s linked to https://stspg.io/kw1x2ls5", lived, now)
	}

	// 12:45: the incident is 45 minutes old, the user's outage 30; the page's
	// history adds a resolved incident of 1 hour 40 minutes this month.
	clock.add(30 * time.Minute)
	u.showTab(svc.ID, tabSummary)
	settle(u)
	shown = texts(u.body)
	if got := after(shown, "Status page: incidents"); got != "2 hours 25 minutes" {
		t.Errorf("official time shown %q, want 2 hours 25 minutes", got)
	}
	if got := after(shown, "You: unusable"); got != "30 minutes" {
		t.Errorf("lived time shown %q, want 30 minutes", got)
	}
	if !slices.Contains(shown, "The status page reported 2 hours 25 minutes of incidents in this period; you recorded 30 minutes unusable.") {
		t.Errorf("the Summary does not set the page's word beside the user's: %q", shown)
	}

	u.show(0)
	settle(u)
	shown = texts(u.body)
	if n := countOf(shown, card); n != 0 {
		t.Errorf("the card is still asked after Down now")
	}
	if got := after(shown, "Status page: 2h 25m (2 reported)"); got != "You: 30m unusable" {
		t.Errorf("the Overview sets the status page's time beside %q: %q", got, shown)
	}
}

func countOf(shown []string, s string) int {
	n := 0
	for _, x := range shown {
		if x == s {
			n++
		}
	}
	return n
}

// The poll interval is set in whole minutes, never under one.
func TestSettingsStatusPollInterval(t *testing.T) {
	u := newTestUI(t)
	s := u.openSettings()
	if s.poll.Text != "5" {
		t.Errorf("a new journal shows status checks every %q minutes, want the default 5", s.poll.Text)
	}
	s.poll.SetText("0")
	test.Tap(s.save)
	settle(u)
	if got := s.form.errorOf("status_poll_minutes"); got != "Status page checks (minutes) must be greater than zero" {
		t.Errorf("0 minutes: error %q", got)
	}
	s.poll.SetText("3")
	test.Tap(s.save)
	settle(u)
	got, err := u.db.Settings(u.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.StatusPollMinutes != 3 {
		t.Errorf("saved status poll minutes = %d, want 3", got.StatusPollMinutes)
	}
}

// startWatch starts the window's watch on page and applies its first round.
func startWatch(u *UI, page *statusPage) watchRounds {
	rounds := watchRounds{done: make(chan struct{}), next: make(chan struct{}), stopped: make(chan struct{}, 4)}
	u.watchStatusPages(importer.Fetcher{Client: page.srv.Client()}, rounds.wait)
	<-rounds.done
	settle(u)
	return rounds
}

// The vendor resolves the incident while the user's linked outage is open:
// "It's back?", and Yes ends the user's outage then.
func TestStatusPageResolvedAsksItsBack(t *testing.T) {
	u, page, svc, clock := watchedUI(t)
	rounds := startWatch(u, page)
	test.Tap(findButton(u.body, "Down now"))
	settle(u)
	u.show(0)
	settle(u)

	page.set("/api/v2/summary.json", "summary-quiet.json")
	page.set("/api/v2/incidents.json", "incidents-resolved.json")
	clock.add(5 * time.Minute)
	test.AssertNotificationSent(t, fyne.NewNotification("Parley AI resolved an incident", "“Elevated errors on login”: is it back for you?"), func() { rounds.poll(u) })
	card := "Parley AI's status page no longer lists “Elevated errors on login” as going on. It's back?"
	if n := countOf(texts(u.body), card); n != 1 {
		t.Fatalf("the Overview shows the It's back card %d times: %q", n, texts(u.body))
	}
	back := clock.add(time.Minute)
	test.Tap(findButton(u.body, "Yes, it's back"))
	settle(u)
	outs, err := u.db.Outages(u.ctx, storage.OutageFilter{ServiceID: &svc.ID, Source: ptr(journal.SourceMe)})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 1 || outs[0].End == nil || !outs[0].End.Equal(back) {
		t.Fatalf("after Yes the user's outages are %+v, want one ended at %s", outs, back)
	}
	if n := countOf(texts(u.body), card); n != 0 {
		t.Errorf("the It's back card is still shown after Yes")
	}
}

// Not me is remembered: the card does not come back, even on a fresh Overview.
func TestStatusPageNotMe(t *testing.T) {
	u, page, _, _ := watchedUI(t)
	startWatch(u, page)
	card := "Parley AI reports “Elevated errors on login” — are you affected?"
	if n := countOf(texts(u.body), card); n != 1 {
		t.Fatalf("the Overview shows the card %d times", n)
	}
	test.Tap(findButton(u.body, "Not me"))
	settle(u)
	u.rebuild()
	settle(u)
	if n := countOf(texts(u.body), card); n != 0 {
		t.Errorf("the card is asked again after Not me")
	}
}

// Adding a widely used service brings its status page; the user can change
// or clear it, and a page they changed is never replaced.
func TestServiceFormPrefillsKnownStatusPage(t *testing.T) {
	u := newTestUI(t)
	f := newServiceForm(u.session, nil)
	f.open()
	test.Type(f.name, "GitHub")
	if f.status.Text != "https://www.githubstatus.com" {
		t.Fatalf("typing GitHub prefilled %q", f.status.Text)
	}
	test.Type(f.name, " Copilot")
	if f.status.Text != "" {
		t.Errorf("a name no longer known kept the prefilled page %q", f.status.Text)
	}
	f.name.SetText("chatgpt")
	if f.status.Text == "" {
		t.Errorf("ChatGPT prefilled nothing")
	}
	f.status.SetText("https://status.mine.example")
	f.name.SetText("Claude")
	if f.status.Text != "https://status.mine.example" {
		t.Errorf("the user's page was replaced by %q", f.status.Text)
	}
	f.name.SetText("GitHub")
	f.status.SetText("")
	test.Tap(f.save)
	settle(u)
	svcs, err := u.db.Services(u.ctx, storage.ServiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(svcs) != 1 || svcs[0].Name != "GitHub" || svcs[0].StatusPage != "" {
		t.Errorf("saved %+v, want GitHub with the page cleared", svcs)
	}
}

// TestWatchScreenshots renders the status page card and the Summary into
// $LAPSE_SCREENSHOTS at two window sizes, in English and Japanese.
func TestWatchScreenshots(t *testing.T) {
	dir := os.Getenv("LAPSE_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LAPSE_SCREENSHOTS to a folder to render the screens")
	}
	for _, lng := range []string{"en", "ja"} {
		t.Run(lng, func(t *testing.T) {
			u, page, svc, clock := watchedUI(t)
			t.Cleanup(func() { _ = SetLanguage("en") })
			if err := SetLanguage(lng); err != nil {
				t.Fatal(err)
			}
			u.rebuild()
			startWatch(u, page)
			shot := func(name string) {
				for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 1280, Height: 800}} {
					u.win.Resize(size)
					settle(u)
					u.win.Canvas().Capture()
					time.Sleep(400 * time.Millisecond)
					settle(u)
					writePNG(t, filepath.Join(dir, fmt.Sprintf("%s-%s-%.0fx%.0f.png", lng, name, size.Width, size.Height)), u.win.Canvas().Capture())
				}
			}
			shot("watch-card")
			test.Tap(findButton(u.body, lang.X("action.down_now", "Down now")))
			clock.add(30 * time.Minute)
			u.showTab(svc.ID, tabSummary)
			shot("watch-summary")
		})
	}
}

// The watch stops with the journal it watches: switching journals starts a
// watch of the new one, and closing the window ends it.
func TestStatusWatchFollowsTheJournal(t *testing.T) {
	u, page, _, _ := watchedUI(t)
	rounds := startWatch(u, page)
	other := filepath.Join(t.TempDir(), "other.db")
	db, err := storage.Open(u.ctx, other, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	asked := page.requests()
	u.switchJournal(other)
	settle(u)
	t.Cleanup(func() { u.db.Close() })
	select {
	case <-rounds.stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the watch of the old journal went on after the switch")
	}
	<-rounds.done // the new journal's first round: it has no status page
	if page.requests() != asked {
		t.Errorf("the old journal's page was polled after the switch")
	}
	u.closed() // what closing the window runs (the test closes it once, at cleanup)
	select {
	case <-rounds.stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("the watch went on after the window closed")
	}
}

// What the notifications say: a feed dropping an incident is not the
// vendor resolving it, and events that ask nothing notify nothing.
func TestStatusEventNotifications(t *testing.T) {
	test.NewTempApp(t)
	if err := SetLanguage("en"); err != nil {
		t.Fatal(err)
	}
	svc := journal.Service{Name: "Parley AI"}
	inc := journal.Outage{ID: 7, Title: "Elevated errors on login"}
	lived := &journal.Outage{ID: 8}
	for _, tc := range []struct {
		e           statuswatch.Event
		title, body string
	}{
		{statuswatch.Event{Kind: statuswatch.EventReported, Service: svc, Incident: inc}, "Parley AI reports an incident", "“Elevated errors on login”: are you affected?"},
		{statuswatch.Event{Kind: statuswatch.EventReported, Service: svc, Incident: inc, State: statuswatch.Unknown},
			"Parley AI's status page posted “Elevated errors on login”", "It does not say whether it is still going on."},
		{statuswatch.Event{Kind: statuswatch.EventBack, Service: svc, Incident: inc, Lived: lived}, "Parley AI resolved an incident", "“Elevated errors on login”: is it back for you?"},
		{statuswatch.Event{Kind: statuswatch.EventLeft, Service: svc, Incident: inc, Lived: lived}, "Parley AI's status page stopped listing an incident", "“Elevated errors on login”: is it back for you?"},
		{statuswatch.Event{Kind: statuswatch.EventLeft, Service: svc, Incident: inc}, "", ""},
		{statuswatch.Event{Kind: statuswatch.EventResolved, Service: svc, Incident: inc}, "", ""},
	} {
		n := eventNotification(tc.e)
		switch {
		case tc.title == "" && n != nil:
			t.Errorf("%s (linked %v) notifies %q", tc.e.Kind, tc.e.Lived != nil, n.Title)
		case tc.title != "" && (n == nil || n.Title != tc.title || n.Content != tc.body):
			t.Errorf("%s (linked %v) notifies %+v, want %q / %q", tc.e.Kind, tc.e.Lived != nil, n, tc.title, tc.body)
		}
	}
}

// A watched page that reported nothing in the period says so in words, not
// "0 (0 reported)".
func TestOverviewSaysWhenAStatusPageReportedNothing(t *testing.T) {
	u := newTestUI(t)
	svc := &journal.Service{Name: "Quiet Cloud", StatusPage: "https://status.quiet.example"}
	if err := u.db.CreateService(u.ctx, svc); err != nil {
		t.Fatal(err)
	}
	u.refresh()
	settle(u)
	u.show(0)
	settle(u)
	shown := texts(u.body)
	if got := after(shown, "Quiet Cloud"); !slices.Contains(shown, "Status page: no incidents reported") {
		t.Errorf("the Overview's status-page line for a quiet page: after the name %q, all %q", got, shown)
	}
	if slices.Contains(shown, "Status page: 0 (0 reported)") {
		t.Errorf("the Overview still says 0 (0 reported)")
	}
}

// A poll that saves a page's history without telling anything (no incident
// going on) still shows it on the screen open: the service's Summary
// counts the resolved incident at once.
func TestQuietPollShowsTheHistory(t *testing.T) {
	u, page, svc, _ := watchedUI(t)
	page.set("/api/v2/summary.json", "summary-quiet.json")
	u.showTab(svc.ID, tabSummary)
	settle(u)
	if got := after(texts(u.body), "Status page: incidents"); got == "1 hour 40 minutes" {
		t.Fatalf("the Summary counts the history before any poll")
	}
	rounds := watchRounds{done: make(chan struct{}), next: make(chan struct{}), stopped: make(chan struct{}, 4)}
	test.AssertNotificationSent(t, nil, func() {
		u.watchStatusPages(importer.Fetcher{Client: page.srv.Client()}, rounds.wait)
		<-rounds.done
		settle(u)
	})
	if got := after(texts(u.body), "Status page: incidents"); got != "1 hour 40 minutes" {
		t.Errorf("after the poll the Summary shows %q of official incidents, want 1 hour 40 minutes: %q", got, texts(u.body))
	}
	u.watch.stop()
}
