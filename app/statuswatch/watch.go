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
	"lapse/app/officials"
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
	// EventLeft: an incident the journal held as going on has left the
	// page's feed without an end; it is ended when the page was last read
	// with nothing saying otherwise (the least claim). Its State is
	// Unknown; Lived is the user's open outage linked to it, if any.
	EventLeft EventKind = "left"
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

// MaxInterval is the longest polling interval: a larger setting (a backup
// may hold any number) still has each page read once a week.
const MaxInterval = 7 * 24 * time.Hour

// maxBackoff caps the wait after failures (unless the interval is longer).
const maxBackoff = time.Hour

// Interval is the polling interval the settings ask for, from MinInterval
// to MaxInterval.
func Interval(s journal.Settings) time.Duration {
	m := s.StatusPollMinutes
	if m <= 0 {
		m = journal.DefaultStatusPollMinutes
	}
	// Compared in minutes: a large setting times a minute would overflow.
	if m >= int(MaxInterval/time.Minute) {
		return MaxInterval
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
		return nil, fmt.Errorf("poll status pages: %w", err)
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
		return Report{}, fmt.Errorf("poll the status page of %s: %w", svc.Name, err)
	}
	r := w.poll(ctx, svc, Interval(settings))
	return r, nil
}

func (w *Watcher) poll(ctx context.Context, svc *journal.Service, interval time.Duration) Report {
	r := Report{Service: *svc}
	now := w.now()
	// Claimed in a write transaction: of the app and cron polling at once,
	// one fetches and the other finds the page not due.
	st, claimed, err := w.DB.ClaimStatusPoll(ctx, svc.ID, svc.StatusPage, now, interval)
	if err != nil {
		r.Err = err
		return r
	}
	r.Kind, r.Source, r.Failures = Kind(st.Kind), st.Source, st.Failures
	if !claimed {
		r.NextAt = *st.NextAt
		return r
	}
	r.Fetched = true
	lastRead := st.SyncedAt
	validators := maps.Clone(st.Cache)
	incidents, err := w.fetch(ctx, svc, st, &r)
	if ctx.Err() != nil {
		// Stopped, not failed: the page is due again when the claim ends.
		r.Err = ctx.Err()
		return r
	}
	if err != nil {
		st.Failures++
		st.LastError = err.Error()
		// A document that could not be read is asked for whole next time,
		// not answered with a 304 and taken as read.
		st.Cache = validators
		r.Err = err
	} else {
		st.Failures, st.LastError = 0, ""
		st.SyncedAt = &now
	}
	next := now.Add(Backoff(interval, st.Failures))
	st.NextAt = &next
	r.Failures, r.NextAt = st.Failures, next
	var plan func([]*journal.Outage) ([]journal.Outage, error)
	var news []news
	if err == nil && incidents != nil {
		doc := reading{incidents: incidents, lastRead: lastRead, feed: Kind(st.Kind) == KindFeed}
		plan = func(known []*journal.Outage) ([]journal.Outage, error) {
			var write []journal.Outage
			write, news = changes(doc, known, &r)
			return write, nil
		}
	}
	saved, err := w.DB.RecordStatusPoll(ctx, st, plan)
	if err != nil {
		// Nothing of this poll was saved; the validators stay those of the
		// last poll that was, so the next one reads the page whole.
		r.New, r.Changed = 0, 0
		if r.Err == nil {
			r.Err = err
		}
		return r
	}
	if r.Events, err = w.events(ctx, svc, saved, news); err != nil && r.Err == nil {
		r.Err = err
	}
	return r
}

// fetch finds the page's kind if needed and reads its incidents; nil with
// no error: the page has not changed.
func (w *Watcher) fetch(ctx context.Context, svc *journal.Service, st *storage.StatusWatch, r *Report) ([]Incident, error) {
	if st.Kind == "" {
		kind, source, err := Detect(ctx, w.Fetcher, svc.StatusPage)
		if err != nil {
			return nil, err
		}
		st.Kind, st.Source = string(kind), source
		r.Kind, r.Source = kind, source
	}
	var incidents []Incident
	var err error
	switch Kind(st.Kind) {
	case KindStatuspage:
		var known map[string]journal.Outage
		if known, err = w.officials(ctx, svc.ID); err != nil {
			return nil, err
		}
		incidents, err = w.statuspage(ctx, svc, st, known)
	case KindFeed:
		incidents, err = w.feed(ctx, svc, st)
	default:
		return nil, fmt.Errorf("status page %s: unknown kind %q", st.Page, st.Kind)
	}
	if err != nil {
		return nil, err
	}
	if incidents == nil {
		r.NotModified = true
	}
	return incidents, nil
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
		return nil, fmt.Errorf("read the official outages of service %d: %w", serviceID, err)
	}
	out := map[string]journal.Outage{}
	for _, o := range list {
		if o.ExternalID != "" {
			out[o.ExternalID] = *o
		}
	}
	return out, nil
}

// news is what the user should hear of one outage written: "" nothing.
type news struct {
	kind  EventKind
	state State
}

// reading is what one poll read whole from a page.
type reading struct {
	incidents []Incident
	lastRead  *time.Time // the last poll of the page that succeeded before; nil: this is the first
	feed      bool       // a feed, which lists only its latest entries
}

// changes picks the incidents that are new or changed against the
// service's official outages as saved (known) and says what the user should
// hear of each, in the order of the outages to write. On the first poll of
// a page its history is saved quietly: only incidents going on now are news.
func changes(doc reading, known []*journal.Outage, r *Report) ([]journal.Outage, []news) {
	incidents, first := doc.incidents, doc.lastRead == nil
	ids := make([]string, len(incidents))
	for i, inc := range incidents {
		ids[i] = inc.Outage.ExternalID
	}
	byID, taken := officials.Index(known, ids)
	r.New, r.Changed = 0, 0
	var write []journal.Outage
	var out []news
	for _, inc := range incidents {
		prev, had := byID[inc.Outage.ExternalID]
		if !had {
			// Saved from another source (an import of incidents.json, the
			// page watched as a feed before): the same incident, merged.
			if prev = officials.Match(inc.Outage, known, taken); prev != nil {
				had = true
				taken[prev] = true
				inc = Incident{Outage: merge(*prev, inc), State: inc.State}
			}
		}
		var n news
		switch {
		case !had:
			r.New++
			if inc.State == Ongoing || (inc.State == Unknown && !first) {
				n.kind = EventReported
			}
		case !sameIncident(*prev, inc.Outage):
			r.Changed++
			if prev.End == nil && inc.Outage.End != nil {
				n.kind = EventResolved
			}
		default:
			continue
		}
		n.state = inc.State
		write = append(write, inc.Outage)
		out = append(out, n)
	}
	if doc.feed && !first {
		for _, o := range leftFeed(doc, known, taken) {
			r.Changed++
			write = append(write, o)
			out = append(out, news{kind: EventLeft, state: Unknown})
		}
	}
	return write, out
}

// leftFeed ends the incidents the journal holds as going on that a feed has
// dropped: not listed (nor matched) and older than its oldest entry, so they
// went off its end rather than being edited away, and the feed will never
// say how they ended. Each ends at the page's last good poll before this
// one (the last time nothing said it was over), or at its start if that is
// later; the true end lies between then and now, and the earlier is the
// least claim. A feed listing it again reopens it, as for any change.
func leftFeed(doc reading, known []*journal.Outage, taken map[*journal.Outage]bool) []journal.Outage {
	var oldest time.Time
	for _, inc := range doc.incidents {
		if oldest.IsZero() || inc.Outage.Start.Before(oldest) {
			oldest = inc.Outage.Start
		}
	}
	if oldest.IsZero() {
		return nil // an empty feed says nothing of what it dropped
	}
	var out []journal.Outage
	for _, k := range known {
		if k.End != nil || taken[k] || !k.Start.Before(oldest) {
			continue
		}
		o, end := *k, *doc.lastRead
		if end.Before(k.Start) {
			end = k.Start
		}
		o.End = &end
		out = append(out, o)
	}
	return out
}

// merge is the saved outage told what another source says of it
// (officials.Merge); a feed that cannot say whether it is over says
// nothing of its end.
func merge(saved journal.Outage, inc Incident) journal.Outage {
	return officials.Merge(saved, inc.Outage, inc.State != Unknown)
}

// events are the events of the outages a poll saved: an incident resolved
// while the user's open outage is linked to it is "It's back?".
func (w *Watcher) events(ctx context.Context, svc *journal.Service, saved []journal.Outage, ns []news) ([]Event, error) {
	var lived []*journal.Outage
	if slices.ContainsFunc(ns, func(n news) bool { return n.kind == EventResolved || n.kind == EventLeft }) {
		ongoing, me := true, journal.SourceMe
		var err error
		if lived, err = w.DB.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID, Ongoing: &ongoing, Source: &me}); err != nil {
			return nil, fmt.Errorf("read the open outages of %s: %w", svc.Name, err)
		}
	}
	var out []Event
	for i, n := range ns {
		if n.kind == "" {
			continue
		}
		e := Event{Kind: n.kind, Service: *svc, Incident: saved[i], State: n.state}
		for _, l := range lived {
			if n.kind == EventResolved && Linked(l, &saved[i]) {
				e.Kind, e.Lived = EventBack, l
				break
			}
			if n.kind == EventLeft && Linked(l, &saved[i]) {
				e.Lived = l
				break
			}
		}
		out = append(out, e)
	}
	return out, nil
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
// Observe. A page that fails is retried with backoff; a journal whose
// services or settings cannot be read stops the watch with that error
// (nothing could be polled, and retrying in silence would hide it).
// Otherwise it returns ctx's error.
func (w *Watcher) Run(ctx context.Context) error {
	for {
		reports, err := w.PollAll(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			return err
		}
		pause := MinInterval
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
