package importer

import (
	"context"
	"net/http"

	"lapse/app/journal"
)

// Request is how Get asks for an address: what it accepts and, for a
// watcher polling the same address again, the validators of the last answer
// so that an unchanged document costs a 304 and no body.
type Request struct {
	Accept       string // the Accept header
	DefaultPath  string // the path a bare page address gets; "" keeps it
	ETag         string // sent as If-None-Match
	LastModified string // sent as If-Modified-Since
}

// conditional reports whether the request carries a validator, so that a
// 304 is an answer to it rather than a server's mistake.
func (r Request) conditional() bool { return r.ETag != "" || r.LastModified != "" }

func (r Request) setConditions(req *http.Request) {
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
}

// Answer is what Get received.
type Answer struct {
	Body         []byte
	NotModified  bool   // 304: the document is the one the validators name
	URL          string // where the answer came from, after redirects
	ETag         string // validators to send next time
	LastModified string
}

func (a *Answer) note(resp *http.Response) {
	a.NotModified = resp.StatusCode == http.StatusNotModified
	a.URL = resp.Request.URL.String()
	a.ETag = resp.Header.Get("ETag")
	a.LastModified = resp.Header.Get("Last-Modified")
}

// Get downloads address under Fetch's rules (https only, redirects too,
// the client's timeout, MaxSize), as r asks. A 304 to a conditional request
// is NotModified with no body. Errors name the address.
func (f Fetcher) Get(ctx context.Context, address string, r Request) (Answer, error) {
	var a Answer
	body, err := f.get(ctx, address, r, &a)
	if err != nil {
		return Answer{}, err
	}
	a.Body = body
	return a, nil
}

// Outages are the plan's incidents as official outages of its service.
func (p *OutagePlan) Outages() []journal.Outage {
	out := make([]journal.Outage, len(p.items))
	copy(out, p.items)
	return out
}
