// Package statuswatch watches the official status pages of the services in
// the journal: it finds what a page offers (an Atlassian Statuspage JSON API
// or an RSS/Atom feed), polls it at the user's interval with conditional
// requests and backoff, keeps the vendor's incidents as official outages,
// and says when something needs the user: a new incident ("are you
// affected?") or the vendor resolving one the user's open outage is linked
// to ("It's back?"). It writes no UI; callers show its events.
package statuswatch

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/storage"
)

// Kind is what a status page address offers.
type Kind string

// Kinds of page.
const (
	KindStatuspage Kind = "statuspage" // Atlassian Statuspage's public JSON API
	KindFeed       Kind = "feed"       // an RSS or Atom feed of incidents
)

// State is what a page says of an incident.
type State string

// Incident states.
const (
	Ongoing  State = "ongoing"
	Resolved State = "resolved"
	Unknown  State = "unknown" // the page does not say (a feed entry with a title and a date only)
)

// Incident is one incident as a page gives it, as an official outage.
type Incident struct {
	Outage journal.Outage
	State  State
}

// EventKind is what an event asks of the user.
type EventKind string

// Event kinds.
const (
	// EventReported: the vendor reports a new incident; "are you affected?"
	EventReported EventKind = "reported"
	// EventBack: the vendor resolved an incident while the user's outage
	// linked to it is still open; "It's back?"
	EventBack EventKind = "back"
	// EventResolved: the vendor resolved an incident no open outage of the
	// user is linked to; nothing to ask, worth a line in `lapse watch`.
	EventResolved EventKind = "resolved"
)

// Event is a change on a watched page worth telling the user.
type Event struct {
	Kind     EventKind
	Service  journal.Service
	Incident journal.Outage  // the official outage as saved (its ID set)
	State    State           // what the page said of it
	Lived    *journal.Outage // EventBack: the user's open outage linked to it
}

// Report is what one poll of one service did.
type Report struct {
	Service     journal.Service
	Kind        Kind   // what the page offers; "" while it is not found
	Source      string // what was polled
	Fetched     bool   // false: not due yet, see NextAt
	NotModified bool   // the page answered 304: nothing changed
	New         int    // incidents saved for the first time
	Changed     int    // incidents the page changed since the last poll
	Events      []Event
	Err         error // the poll failed; it is tried again at NextAt
	Failures    int   // failed polls in a row
	NextAt      time.Time
}

// MinInterval is the shortest polling interval: no page is fetched more
// often, whatever the setting says.
const MinInterval = time.Minute

// maxBackoff caps the wait after failures (unless the interval is longer).
const maxBackoff = time.Hour

// Interval is the polling interval the settings ask for.
func Interval(s journal.Settings) time.Duration {
	m := s.StatusPollMinutes
	if m <= 0 {
		m = journal.DefaultStatusPollMinutes
	}
	return max(time.Duration(m)*time.Minute, MinInterval)
}

// Backoff is how long to wait after failures failed polls in a row: the
// interval doubled for each, at most an hour (or the interval when longer).
func Backoff(interval time.Duration, failures int) time.Duration {
	limit := max(maxBackoff, interval)
	d := interval
	for range failures {
		if d >= limit/2 {
			return limit
		}
		d *= 2
	}
	return d
}

// Watcher polls the status pages of a journal's services.
type Watcher struct {
	DB      *storage.DB
	Fetcher importer.Fetcher // https only, timeouts and size limits of the Statuspage import
	Now     func() time.Time
	// Wait sleeps d or until ctx ends (Run's pauses); nil: a timer.
	Wait func(ctx context.Context, d time.Duration) error
	// Notify receives Run's events, from Run's goroutine; nil: dropped.
	Notify func(Event)
	// Observe receives the report of every fetch Run makes; nil: dropped.
	Observe func(Report)
}

func (w *Watcher) now() time.Time { return w.Now().UTC() }

// Watched lists the services whose status page is watched: every service
// not archived that has a status page address.
func (w *Watcher) Watched(ctx context.Context) ([]*journal.Service, error) {
	all, err := w.DB.Services(ctx, storage.ServiceFilter{})
	if err != nil {
		return nil, fmt.Errorf("list watched services: %w", err)
	}
	var out []*journal.Service
	for _, s := range all {
		if s.StatusPage != "" && !s.Archived {
			out = append(out, s)
		}
	}
	return out, nil
}

// PollAll polls every watched service that is due, a few at a time, and
// returns a report for each, in the services' order.
func (w *Watcher) PollAll(ctx context.Context) ([]Report, error) {
	svcs, err := w.Watched(ctx)
	if err != nil {
		return nil, err
	}
	settings, err := w.DB.Settings(ctx)
	if err != nil {
		return nil, err
	}
	interval := Interval(settings)
	reports := make([]Report, len(svcs))
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for i, s := range svcs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			reports[i] = w.poll(ctx, s, interval)
		}()
	}
	wg.Wait()
	return reports, ctx.Err()
}

// Poll polls one service's page if it is due: never sooner than the
// interval after the last fetch, nor than the backoff after a failure.
func (w *Watcher) Poll(ctx context.Context, svc *journal.Service) (Report, error) {
	settings, err := w.DB.Settings(ctx)
	if err != nil {
		return Report{}, err
	}
	r := w.poll(ctx, svc, Interval(settings))
	return r, nil
}

func (w *Watcher) poll(ctx context.Context, svc *journal.Service, interval time.Duration) Report {
	r := Report{Service: *svc}
	now := w.now()
	st, err := w.DB.StatusWatch(ctx, svc.ID)
	switch {
	case journal.ErrorCode(err) == journal.ENOTFOUND:
		st = &storage.StatusWatch{ServiceID: svc.ID, Page: svc.StatusPage}
	case err != nil:
		r.Err = err
		return r
	}
	if st.Page != svc.StatusPage {
		// A new address: find its kind again, keep nothing of the old one.
		st = &storage.StatusWatch{ServiceID: svc.ID, Page: svc.StatusPage}
	}
	if st.Cache == nil {
		st.Cache = map[string]storage.HTTPCache{}
	}
	r.Kind, r.Source, r.Failures = Kind(st.Kind), st.Source, st.Failures
	if st.NextAt != nil && now.Before(*st.NextAt) {
		r.NextAt = *st.NextAt
		return r
	}
	r.Fetched = true
	validators := maps.Clone(st.Cache)
	err = w.fetch(ctx, svc, st, &r)
	if ctx.Err() != nil {
		// Stopped, not failed: the page is due again as it was.
		r.Err = ctx.Err()
		return r
	}
	if err != nil {
		st.Failures++
		st.LastError = err.Error()
		// A document that could not be read or saved is asked for whole
		// next time, not answered with a 304 and taken as read.
		st.Cache = validators
		r.Err = err
	} else {
		st.Failures, st.LastError = 0, ""
		st.SyncedAt = &now
	}
	next := now.Add(Backoff(interval, st.Failures))
	st.NextAt = &next
	r.Failures, r.NextAt = st.Failures, next
	if err := w.DB.SaveStatusWatch(ctx, st); err != nil && r.Err == nil {
		r.Err = err
	}
	return r
}

// fetch finds the page's kind if needed, reads its incidents and saves them.
func (w *Watcher) fetch(ctx context.Context, svc *journal.Service, st *storage.StatusWatch, r *Report) error {
	if st.Kind == "" {
		kind, source, err := Detect(ctx, w.Fetcher, svc.StatusPage)
		if err != nil {
			return err
		}
		st.Kind, st.Source = string(kind), source
		r.Kind, r.Source = kind, source
	}
	known, err := w.officials(ctx, svc.ID)
	if err != nil {
		return err
	}
	var incidents []Incident
	switch Kind(st.Kind) {
	case KindStatuspage:
		incidents, err = w.statuspage(ctx, svc, st, known)
	case KindFeed:
		incidents, err = w.feed(ctx, svc, st)
	default:
		return fmt.Errorf("status page %s: unknown kind %q", st.Page, st.Kind)
	}
	if err != nil {
		return err
	}
	if incidents == nil {
		r.NotModified = true
		return nil
	}
	return w.save(ctx, svc, incidents, known, st.SyncedAt == nil, r)
}

// get fetches address with the validators of its last answer; a nil body
// with no error is a 304.
func (w *Watcher) get(ctx context.Context, st *storage.StatusWatch, address, accept string) ([]byte, error) {
	c := st.Cache[address]
	a, err := w.Fetcher.Get(ctx, address, importer.Request{Accept: accept, ETag: c.ETag, LastModified: c.LastModified})
	if err != nil {
		return nil, err
	}
	if a.NotModified {
		return nil, nil
	}
	st.Cache[address] = storage.HTTPCache{ETag: a.ETag, LastModified: a.LastModified}
	return a.Body, nil
}

const (
	acceptJSON = "application/json"
	acceptFeed = "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.8"
	acceptPage = "text/html, application/xhtml+xml, application/atom+xml, application/rss+xml, application/json;q=0.5"
)

// statuspage reads the unresolved incidents from summary.json and, on the
// first poll or when one the journal holds as ongoing has left it, the
// history from incidents.json to learn how it ended.
func (w *Watcher) statuspage(ctx context.Context, svc *journal.Service, st *storage.StatusWatch, known map[string]journal.Outage) ([]Incident, error) {
	summaryURL := st.Source + "/api/v2/summary.json"
	body, err := w.get(ctx, st, summaryURL, acceptJSON)
	if err != nil || body == nil {
		return nil, err
	}
	current, err := parseStatuspage(summaryURL, body, svc)
	if err != nil {
		return nil, err
	}
	open := map[string]bool{}
	for _, inc := range current {
		open[inc.Outage.ExternalID] = true
	}
	history := st.SyncedAt == nil
	for id, o := range known {
		if o.End == nil && !open[id] {
			history = true
		}
	}
	if !history {
		return current, nil
	}
	historyURL := st.Source + "/api/v2/incidents.json"
	body, err = w.get(ctx, st, historyURL, acceptJSON)
	if err != nil || body == nil {
		return current, err
	}
	past, err := parseStatuspage(historyURL, body, svc)
	if err != nil {
		return nil, err
	}
	// summary.json is the fresher word on the incidents both list.
	for _, inc := range past {
		if !open[inc.Outage.ExternalID] {
			current = append(current, inc)
		}
	}
	return current, nil
}

func parseStatuspage(source string, body []byte, svc *journal.Service) ([]Incident, error) {
	plan, err := importer.ParseStatuspage(source, body, svc, nil)
	if err != nil {
		return nil, err
	}
	var out []Incident
	for _, o := range plan.Outages() {
		state := Ongoing
		if o.End != nil {
			state = Resolved
		}
		out = append(out, Incident{Outage: o, State: state})
	}
	if out == nil {
		out = []Incident{}
	}
	return out, nil
}

func (w *Watcher) feed(ctx context.Context, svc *journal.Service, st *storage.StatusWatch) ([]Incident, error) {
	body, err := w.get(ctx, st, st.Source, acceptFeed)
	if err != nil || body == nil {
		return nil, err
	}
	incidents, err := parseFeed(st.Source, body, svc.ID)
	if err != nil {
		return nil, err
	}
	if incidents == nil {
		incidents = []Incident{}
	}
	return incidents, nil
}

// officials are the service's official outages by ExternalID.
func (w *Watcher) officials(ctx context.Context, serviceID int64) (map[string]journal.Outage, error) {
	src := journal.SourceOfficial
	list, err := w.DB.Outages(ctx, storage.OutageFilter{ServiceID: &serviceID, Source: &src})
	if err != nil {
		return nil, err
	}
	out := map[string]journal.Outage{}
	for _, o := range list {
		if o.ExternalID != "" {
			out[o.ExternalID] = *o
		}
	}
	return out, nil
}

// save writes the incidents that are new or changed and says what the user
// should hear of. On the first poll of a page its history is saved quietly:
// only incidents going on now are news.
func (w *Watcher) save(ctx context.Context, svc *journal.Service, incidents []Incident, known map[string]journal.Outage, first bool, r *Report) error {
	var write []journal.Outage
	var states []State
	var news []EventKind
	for _, inc := range incidents {
		prev, had := known[inc.Outage.ExternalID]
		var news1 EventKind
		switch {
		case !had:
			r.New++
			if inc.State == Ongoing || (inc.State == Unknown && !first) {
				news1 = EventReported
			}
		case !sameIncident(prev, inc.Outage):
			r.Changed++
			if prev.End == nil && inc.Outage.End != nil {
				news1 = EventResolved
			}
		default:
			continue
		}
		write = append(write, inc.Outage)
		states = append(states, inc.State)
		news = append(news, news1)
	}
	if len(write) == 0 {
		return nil
	}
	if _, err := w.DB.ImportOfficialOutages(ctx, svc.ID, write); err != nil {
		return err
	}
	var lived []*journal.Outage
	if slices.Contains(news, EventResolved) {
		ongoing, me := true, journal.SourceMe
		var err error
		if lived, err = w.DB.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID, Ongoing: &ongoing, Source: &me}); err != nil {
			return err
		}
	}
	for i, kind := range news {
		if kind == "" {
			continue
		}
		e := Event{Kind: kind, Service: *svc, Incident: write[i], State: states[i]}
		if kind == EventResolved {
			for _, l := range lived {
				if Linked(l, &write[i]) {
					e.Kind, e.Lived = EventBack, l
					break
				}
			}
		}
		r.Events = append(r.Events, e)
	}
	return nil
}

// sameIncident reports whether a page says nothing new of a saved incident
// (the journal keeps whole seconds).
func sameIncident(a, b journal.Outage) bool {
	return a.Title == b.Title && a.Start.Unix() == b.Start.Unix() && equalEnd(a.End, b.End) && a.Impact == b.Impact &&
		a.Link == b.Link && a.Symptoms == b.Symptoms && a.Resolution == b.Resolution && slices.Equal(a.Platforms, b.Platforms)
}

func equalEnd(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Unix() == b.Unix()
}

// Linked reports whether the user's outage is linked to the official
// incident: it carries the incident's address as its link.
func Linked(lived, official *journal.Outage) bool {
	return lived.Source == journal.SourceMe && official.Link != "" && lived.Link == official.Link
}

// DownNow answers "are you affected?" with yes: a lived outage from now,
// linked to the official incident; if the user is already down (an open
// outage linked to nothing), that outage is linked instead. ECONFLICT when
// the open outage is linked to another incident (it is returned).
func DownNow(ctx context.Context, db *storage.DB, official *journal.Outage) (*journal.Outage, error) {
	if official.Source != journal.SourceOfficial {
		return nil, errors.New("down now: the outage to link to is not an official incident")
	}
	return db.StartLinkedOutage(ctx, official)
}

// Run polls every watched page while ctx lasts: each when it is due, the
// list of services and the interval read again at least every MinInterval
// so that a page added or a setting changed takes effect. Events go to
// Notify; the report of every fetch, and of every poll that failed, to
// Observe. It returns ctx's error.
func (w *Watcher) Run(ctx context.Context) error {
	for {
		reports, err := w.PollAll(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		pause := MinInterval
		if err == nil {
			now := w.now()
			for _, r := range reports {
				if (r.Fetched || r.Err != nil) && w.Observe != nil {
					w.Observe(r)
				}
				for _, e := range r.Events {
					if w.Notify != nil {
						w.Notify(e)
					}
				}
				if d := r.NextAt.Sub(now); !r.NextAt.IsZero() && d < pause {
					pause = max(d, time.Second)
				}
			}
		}
		if err := w.wait(ctx, pause); err != nil {
			return err
		}
	}
}

func (w *Watcher) wait(ctx context.Context, d time.Duration) error {
	if w.Wait != nil {
		return w.Wait(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
