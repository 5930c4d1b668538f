package statuswatch_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/app/statuswatch"
	"lapse/storage"
)

// page is a local HTTPS status page serving testdata files by path, with
// ETags, counting what it is asked.
type page struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	files    map[string]string // path → testdata file
	failing  bool
	hits     map[string]int // 200 and error answers by path
	notMod   map[string]int // 304 answers by path
	lastCond map[string]string
}

func newPage(t *testing.T, files map[string]string) *page {
	p := &page{t: t, files: files, hits: map[string]int{}, notMod: map[string]int{}, lastCond: map[string]string{}}
	p.srv = httptest.NewTLSServer(http.HandlerFunc(p.serve))
	t.Cleanup(p.srv.Close)
	return p
}

func (p *page) serve(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lastCond[r.URL.Path] = r.Header.Get("If-None-Match")
	if p.failing {
		p.hits[r.URL.Path]++
		http.Error(w, "upstream trouble", http.StatusBadGateway)
		return
	}
	name, ok := p.files[r.URL.Path]
	if !ok {
		p.hits[r.URL.Path]++
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		p.t.Errorf("fixture: %v", err)
		return
	}
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(data))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		p.notMod[r.URL.Path]++
		w.WriteHeader(http.StatusNotModified)
		return
	}
	p.hits[r.URL.Path]++
	w.Write(data)
}

// set serves file at path from now on ("" stops serving it).
func (p *page) set(path, file string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if file == "" {
		delete(p.files, path)
		return
	}
	p.files[path] = file
}

func (p *page) fail(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.failing = on
}

// fetches is how many times path was asked for, 304s included.
func (p *page) fetches(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[path] + p.notMod[path]
}

func (p *page) notModified(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.notMod[path]
}

// clock is a settable "now".
type clock struct {
	mu sync.Mutex
	at time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at = c.at.Add(d)
}

var start = time.Date(2026, 11, 30, 11, 58, 0, 0, time.UTC)

// fixture is a journal with one service watching p's address.
type fixture struct {
	ctx   context.Context
	db    *storage.DB
	clock *clock
	w     *statuswatch.Watcher
	svc   *journal.Service
	page  *page
}

func newFixture(t *testing.T, p *page, address string) *fixture {
	t.Helper()
	ctx := context.Background()
	c := &clock{at: start}
	db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "journal.db"), storage.Options{Now: c.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := &journal.Service{Name: "Parley AI", StatusPage: address}
	if err := db.CreateService(ctx, svc); err != nil {
		t.Fatal(err)
	}
	w := &statuswatch.Watcher{DB: db, Fetcher: importer.Fetcher{Client: p.srv.Client()}, Now: c.Now}
	return &fixture{ctx: ctx, db: db, clock: c, w: w, svc: svc, page: p}
}

func (f *fixture) poll(t *testing.T) statuswatch.Report {
	t.Helper()
	r, err := f.w.Poll(f.ctx, f.svc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func (f *fixture) officials(t *testing.T) []*journal.Outage {
	t.Helper()
	src := journal.SourceOfficial
	list, err := f.db.Outages(f.ctx, storage.OutageFilter{ServiceID: &f.svc.ID, Source: &src})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func statuspageFiles() map[string]string {
	return map[string]string{
		"/api/v2/summary.json":   "summary-quiet.json",
		"/api/v2/incidents.json": "incidents-before.json",
	}
}
