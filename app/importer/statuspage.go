package importer

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"lapse/app/journal"
	"lapse/app/officials"
	"lapse/storage"
)

// OutagePlan is official incidents of one service read from a Statuspage
// incidents.json.
type OutagePlan struct {
	source   string
	service  journal.Service
	page     string // the status page's name
	items    []journal.Outage
	places   []string          // where each item came from: "incidents[3]"
	known    []*journal.Outage // the service's official outages, for the preview
	warnings []Warning
}

// statuspageImpacts maps a Statuspage incident impact to a Lapse one.
// Statuspage derives it from the worst component status: critical is a major
// outage (unusable), major a partial outage, minor degraded performance;
// none (no component marked) and maintenance still mean something was wrong.
var statuspageImpacts = map[string]journal.Impact{
	"critical":    journal.ImpactDown,
	"major":       journal.ImpactPartial,
	"minor":       journal.ImpactDegraded,
	"none":        journal.ImpactDegraded,
	"maintenance": journal.ImpactDegraded,
}

// statuspageFinal are the update statuses that end an incident.
var statuspageFinal = map[string]bool{"resolved": true, "postmortem": true, "completed": true}

// statuspageFields names, for errors, the document field each outage field comes from.
var statuspageFields = map[string]string{
	"title": "name", "start": "started_at", "end": "resolved_at", "impact": "impact", "platforms": "components",
	"symptoms": "incident_updates", "resolution": "incident_updates", "link": "shortlink", "external_id": "id",
}

// ParseStatuspage reads an Atlassian Statuspage incidents.json
// (/api/v2/incidents.json: {"page": {...}, "incidents": [...]}) as official
// outages of service. Each incident becomes an outage with source official
// and the incident's id as ExternalID, so importing it again updates it, as
// does importing one the status-page watch saved from the page's feed
// (officials.Match); known are the service's outages, so the preview can
// say which. A problem
// names the JSON path ("incidents[2].started_at").
func ParseStatuspage(source string, data []byte, service *journal.Service, known []*journal.Outage) (*OutagePlan, error) {
	source = redact(source)
	if int64(len(data)) > MaxSize {
		return nil, &Error{Source: source, Err: tooLarge(MaxSize)}
	}
	raw, err := decodeJSON(source, data)
	if err != nil {
		return nil, err
	}
	p := &OutagePlan{source: source, service: *service}
	for _, o := range known {
		if o.Source == journal.SourceOfficial {
			p.known = append(p.known, o)
		}
	}
	r := &jsonReader{source: source}
	top := r.object("", raw)
	var pageURL string
	if pr, ok := top.value("page"); ok {
		page := r.object("page", pr)
		p.page = page.optStr("name")
		pageURL = page.optStr("url")
	}
	seen := map[string]string{}
	for i, item := range top.list("incidents", true) {
		place := fmt.Sprintf("incidents[%d]", i)
		o := p.incident(r, r.object(place, item), pageURL)
		if r.err != nil {
			return nil, r.err
		}
		if other, dup := seen[o.ExternalID]; dup {
			return nil, &Error{Source: source, Place: place + ".id",
				Err: invalid("%q is also the id of %s: an incident cannot be listed twice", o.ExternalID, other)}
		}
		seen[o.ExternalID] = place
		// Validate wants the service's ID, which the caller gave.
		o.ServiceID = service.ID
		if err := o.Validate(); err != nil {
			return nil, p.fieldError(place, err)
		}
		p.items = append(p.items, o)
		p.places = append(p.places, place)
	}
	if r.err != nil {
		return nil, r.err
	}
	return p, nil
}

// incident reads one incident.
func (p *OutagePlan) incident(r *jsonReader, o *jsonObject, pageURL string) journal.Outage {
	out := journal.Outage{Source: journal.SourceOfficial}
	out.ExternalID = strings.TrimSpace(o.str("id"))
	if out.ExternalID == "" && r.err == nil {
		r.fail(o.at("id"), "must not be empty")
	}
	out.Title = html.UnescapeString(o.str("name"))
	status := o.str("status")
	impact := o.str("impact")
	created := o.time("created_at")
	started := o.optTime("started_at")
	resolved := o.optTime("resolved_at")
	updated := o.optTime("updated_at")
	shortlink := strings.TrimSpace(o.optStr("shortlink"))
	if r.err != nil {
		return out
	}
	var ok bool
	if out.Impact, ok = statuspageImpacts[impact]; !ok {
		r.fail(o.at("impact"), `must be "none", "minor", "major", "critical" or "maintenance", not %q`, impact)
		return out
	}
	out.Start = created
	if started != nil {
		out.Start = *started
	}

	type update struct {
		status, body string
		at           time.Time
	}
	// The incident's components come first, then any its updates name.
	var platforms, affected []string
	for j, raw := range o.list("components", false) {
		platforms = append(platforms, r.object(fmt.Sprintf("%s[%d]", o.at("components"), j), raw).str("name"))
	}
	var updates []update
	for j, raw := range o.list("incident_updates", false) {
		u := r.object(fmt.Sprintf("%s[%d]", o.at("incident_updates"), j), raw)
		up := update{status: u.str("status"), body: statuspageBody(u.optStr("body")), at: u.time("created_at")}
		for k, c := range u.list("affected_components", false) {
			affected = append(affected, r.object(fmt.Sprintf("%s[%d]", u.at("affected_components"), k), c).optStr("name"))
		}
		updates = append(updates, up)
	}
	platforms = append(platforms, affected...)
	if r.err != nil {
		return out
	}
	// Statuspage lists updates newest first; the journal tells them in order.
	for a, b := 0, len(updates)-1; a < b; a, b = a+1, b-1 {
		updates[a], updates[b] = updates[b], updates[a]
	}

	var timeline, resolution []string
	var lastFinal *time.Time
	for _, u := range updates {
		if statuspageFinal[u.status] {
			at := u.at
			lastFinal = &at
			if u.body != "" {
				resolution = append(resolution, u.body)
			}
			continue
		}
		line := fmt.Sprintf("%s — %s", statusText(u.status), u.at.Format("2006-01-02 15:04 UTC"))
		if u.body != "" {
			line += "\n" + u.body
		}
		timeline = append(timeline, line)
	}
	out.Symptoms = p.fitBody(o.at("incident_updates"), strings.Join(timeline, "\n\n"))
	out.Resolution = p.fitBody(o.at("incident_updates"), strings.Join(resolution, "\n\n"))

	switch {
	case resolved != nil:
		out.End = resolved
	case statuspageFinal[status] && lastFinal != nil:
		out.End = lastFinal
	case statuspageFinal[status] && updated != nil:
		out.End = updated
	case statuspageFinal[status]:
		out.End = &created
	}
	if out.End != nil && out.End.Before(out.Start) {
		p.warnings = append(p.warnings, note("%s (%q) ends before it starts: it is recorded as ending when it started",
			o.path, out.Title))
		start := out.Start
		out.End = &start
	}

	seen := map[string]bool{}
	for _, name := range platforms {
		name = clip(strings.TrimSpace(name), journal.MaxText)
		if name != "" && !seen[nameKey(name)] {
			seen[nameKey(name)] = true
			out.Platforms = append(out.Platforms, name)
		}
	}
	out.Title = clip(strings.TrimSpace(out.Title), journal.MaxText)
	switch {
	case validURL(shortlink):
		out.Link = shortlink
	case validURL(pageURL):
		out.Link = strings.TrimRight(pageURL, "/") + "/incidents/" + url.PathEscape(out.ExternalID)
	}
	return out
}

// statuspageBody is an update's text: Statuspage lets pages write HTML
// ("…failing.<br /><br />We have…"), and shows the line ends of plain text.
func statuspageBody(s string) string {
	if looksLikeHTML(s) {
		return htmlText(s, htmlOptions{newlines: true})
	}
	return normalizeText(s)
}

// statusText is an update status as a heading: "in_progress" is "In progress".
func statusText(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	if s == "" {
		return "Update"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// fitBody keeps long text within what the journal holds, saying so.
func (p *OutagePlan) fitBody(place, s string) string {
	if c := clip(s, journal.MaxBody); c != s {
		p.warnings = append(p.warnings, note("%s is longer than Lapse keeps: it was shortened", place))
		return c
	}
	return s
}

// validURL reports whether s is an absolute http(s) address short enough to keep.
func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= journal.MaxText
}

// fieldError places a journal error at an incident, naming the document's field.
func (p *OutagePlan) fieldError(place string, err error) error {
	if fe := journal.FieldError(err); fe != nil {
		if name, ok := statuspageFields[fe.Field]; ok {
			place += "." + name
		}
	}
	return &Error{Source: p.source, Place: place, Err: err}
}

// Len is the number of incidents in the plan.
func (p *OutagePlan) Len() int { return len(p.items) }

// Preview lists the incidents and says which are new and which already imported.
func (p *OutagePlan) Preview() Preview {
	pv := Preview{
		Source:   p.source,
		Columns:  []string{"Incident", "Start (UTC)", "End (UTC)", "Impact", "Components", ""},
		Warnings: p.warnings,
	}
	again := 0
	for _, o := range p.items {
		state := "new"
		if officials.Saved(p.known, o) {
			state = "update"
			again++
		}
		if len(pv.Rows) == PreviewRows {
			pv.More++
			continue
		}
		end := "ongoing"
		if o.End != nil {
			end = o.End.Format("2006-01-02 15:04")
		}
		pv.Rows = append(pv.Rows, []string{clip(o.Title, 60), o.Start.Format("2006-01-02 15:04"), end, string(o.Impact),
			clip(strings.Join(o.Platforms, ", "), 40), state})
	}
	from := ""
	if p.page != "" {
		from = fmt.Sprintf(" from %q", p.page)
	}
	pv.Summary = fmt.Sprintf("%s of %s%s: %d new, %d already imported (updated)",
		plural(len(p.items), "official incident"), p.service.Name, from, len(p.items)-again, again)
	return pv
}

// Apply saves the incidents as official outages of the service, updating
// the ones imported or watched before, all or nothing.
func (p *OutagePlan) Apply(ctx context.Context, db *storage.DB) (Result, error) {
	items := make([]journal.Outage, len(p.items))
	copy(items, p.items)
	// A Statuspage document says whether each incident is over.
	reconcile := func(known []*journal.Outage, in []journal.Outage) []journal.Outage {
		return officials.Reconcile(known, in, true)
	}
	res, err := db.ImportOfficialOutages(ctx, p.service.ID, items, reconcile)
	if err != nil {
		var ie *storage.ItemError
		if errors.As(err, &ie) && ie.Index < len(p.places) {
			return Result{}, p.fieldError(p.places[ie.Index], ie.Err)
		}
		return Result{}, &Error{Source: p.source, Err: err}
	}
	return Result{ImportResult: res, Noun: "official incident"}, nil
}

// DefaultTimeout is how long Fetch waits for a status page by default.
const DefaultTimeout = 20 * time.Second

// Fetcher downloads a Statuspage incidents.json over https only.
type Fetcher struct {
	Client  *http.Client // nil: a plain client; a zero Timeout becomes DefaultTimeout
	MaxSize int64        // 0: MaxSize
}

// redirectError is Fetch's refusal to follow a redirect.
type redirectError struct{ to string }

func (e *redirectError) Error() string {
	return fmt.Sprintf("it redirects to %s: Lapse only follows https addresses", e.to)
}

// Fetch downloads a status page's incidents. The address must be https, and
// so must every redirect; a bare page address ("https://status.example.com")
// gets the API path /api/v2/incidents.json. The answer must come within the
// client's timeout and be at most MaxSize bytes. Errors name the address.
func (f Fetcher) Fetch(ctx context.Context, address string) ([]byte, error) {
	return f.get(ctx, address, Request{Accept: "application/json", DefaultPath: "/api/v2/incidents.json"}, &Answer{})
}

// get is Fetch and Get: it downloads address as r asks, noting in a what
// the answer said about itself.
func (f Fetcher) get(ctx context.Context, address string, r Request, a *Answer) ([]byte, error) {
	source := redact(address)
	fail := func(err error) error { return &Error{Source: source, Err: err} }
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || u.Host == "" {
		return nil, fail(invalid("it is not a web address"))
	}
	if u.Scheme != "https" {
		return nil, fail(invalid("Lapse only downloads over https, not %s", u.Scheme))
	}
	if (u.Path == "" || u.Path == "/") && r.DefaultPath != "" {
		u.Path = r.DefaultPath
	}
	limit := f.MaxSize
	if limit <= 0 {
		limit = MaxSize
	}
	client := http.Client{}
	if f.Client != nil {
		client = *f.Client
	}
	if client.Timeout == 0 {
		client.Timeout = DefaultTimeout
	}
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Scheme != "https" {
			return &redirectError{to: req.URL.Redacted()}
		}
		if len(via) >= 10 {
			return invalid("it redirects more than 10 times")
		}
		return nil
	}
	var phase fetchPhase
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, phase.trace()), http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fail(invalid("it is not a web address"))
	}
	req.Header.Set("Accept", r.Accept)
	req.Header.Set("User-Agent", "Lapse")
	r.setConditions(req)
	resp, err := client.Do(req)
	if err != nil {
		var re *redirectError
		var ue *url.Error
		switch {
		case errors.As(err, &re):
			return nil, fail(invalid("%s", re.Error()))
		case errors.As(err, &ue) && ue.Timeout():
			return nil, fail(phase.timeout(client))
		case errors.As(err, &ue):
			return nil, fail(invalid("%s", strings.ReplaceAll(ue.Err.Error(), address, source)))
		}
		return nil, fail(err)
	}
	defer resp.Body.Close()
	a.note(resp)
	if resp.StatusCode == http.StatusNotModified && r.conditional() {
		return nil, nil
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fail(invalid("the server answered %s", resp.Status))
	}
	if resp.ContentLength > limit {
		return nil, fail(tooLarge(limit))
	}
	data, err := readLimited(resp.Body, limit)
	if err != nil {
		var ne interface{ Timeout() bool }
		if errors.As(err, &ne) && ne.Timeout() {
			return nil, fail(invalid("the answer did not arrive in full within %s", client.Timeout))
		}
		return nil, fail(err)
	}
	return data, nil
}

// redact hides the password of a web address given with one
// ("https://me:secret@host" is "https://me:xxxxx@host"): it must not show in
// a message or a preview.
func redact(address string) string {
	u, err := url.Parse(strings.TrimSpace(address))
	if err != nil || u.User == nil {
		return address
	}
	return u.Redacted()
}

// fetchPhase is how far a download got, so a timeout can say where it
// stalled: a TLS handshake that never finishes is not a server slow to answer.
type fetchPhase struct{ at atomic.Int32 }

const (
	phaseConnect int32 = iota
	phaseTLS
	phaseWaiting
)

func (p *fetchPhase) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		TLSHandshakeStart: func() { p.at.Store(phaseTLS) },
		WroteRequest:      func(httptrace.WroteRequestInfo) { p.at.Store(phaseWaiting) },
	}
}

// timeout says which wait ran out: the TLS handshake has its own limit in
// the transport (10 s by default), shorter than the whole request's.
func (p *fetchPhase) timeout(client http.Client) error {
	switch p.at.Load() {
	case phaseTLS:
		limit := client.Timeout
		if t, ok := client.Transport.(*http.Transport); ok && t.TLSHandshakeTimeout > 0 {
			limit = min(limit, t.TLSHandshakeTimeout)
		} else if client.Transport == nil {
			limit = min(limit, http.DefaultTransport.(*http.Transport).TLSHandshakeTimeout)
		}
		return invalid("the secure connection (TLS handshake) was not set up within %s", limit)
	case phaseWaiting:
		return invalid("the server did not answer within %s", client.Timeout)
	}
	return invalid("no connection to the server within %s", client.Timeout)
}
