package statuswatch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"lapse/app/importer"
)

// ErrNotAStatusPage is Detect's answer for an address that offers neither a
// Statuspage API nor an RSS or Atom feed.
var ErrNotAStatusPage = errors.New("it offers neither a Statuspage API nor an RSS or Atom feed: paste the address of its feed")

// Detect finds what a status page address offers. A page's root
// ("https://status.example.com") is first asked for the Statuspage API
// (/api/v2/summary.json); then the address itself is read: a feed is
// watched as it is, an HTML page for the RSS or Atom feeds it advertises
// (<link rel="alternate" ...>); then the API at the root of any other
// address; then the paths where status page services put their feeds
// (/feed.rss, /history.atom, /rss.xml, ...). It returns the kind and what
// to poll: the Statuspage's root or the feed's address. Every fetch keeps
// the import's rules (https only, redirects too, timeouts, size limits).
func Detect(ctx context.Context, f importer.Fetcher, address string) (Kind, string, error) {
	address = strings.TrimSpace(address)
	u, err := url.Parse(address)
	if err != nil || u.Host == "" {
		return "", "", fmt.Errorf("status page %q: it is not a web address", address)
	}
	if u.Scheme != "https" {
		return "", "", fmt.Errorf("status page %s: Lapse only watches https addresses, not %s", u.Redacted(), u.Scheme)
	}
	root := (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()
	bare := u.Path == "" || u.Path == "/"
	if bare && statuspageAPI(ctx, f, root) {
		return KindStatuspage, root, nil
	}
	page, err := f.Get(ctx, address, importer.Request{Accept: acceptPage})
	if err != nil {
		return "", "", err
	}
	if isFeed(page.Body) {
		return KindFeed, address, nil
	}
	if looksLikeSummary(page.Body) {
		// An API address pasted as it is: watch the whole page.
		return KindStatuspage, root, nil
	}
	base, err := url.Parse(page.URL)
	if err != nil {
		base = u
	}
	for _, link := range feedLinks(page.Body, base) {
		if feedAt(ctx, f, link) {
			return KindFeed, link, nil
		}
	}
	if !bare && statuspageAPI(ctx, f, root) {
		return KindStatuspage, root, nil
	}
	for _, path := range wellKnownFeeds {
		if feedAt(ctx, f, root+path) {
			return KindFeed, root + path, nil
		}
	}
	return "", "", fmt.Errorf("status page %s: %w", u.Redacted(), ErrNotAStatusPage)
}

// wellKnownFeeds are where status page services put their feeds (Better
// Stack and incident.io /feed.rss, Statuspage /history.atom, Kener
// /rss.xml), tried when a page advertises none.
var wellKnownFeeds = []string{"/feed.rss", "/feed.atom", "/history.atom", "/history.rss", "/rss.xml"}

// feedAt reports whether address answers with an RSS or Atom feed.
func feedAt(ctx context.Context, f importer.Fetcher, address string) bool {
	a, err := f.Get(ctx, address, importer.Request{Accept: acceptFeed})
	return err == nil && isFeed(a.Body)
}

// statuspageAPI reports whether root answers /api/v2/summary.json as a
// Statuspage does.
func statuspageAPI(ctx context.Context, f importer.Fetcher, root string) bool {
	a, err := f.Get(ctx, root+"/api/v2/summary.json", importer.Request{Accept: acceptJSON})
	return err == nil && looksLikeSummary(a.Body)
}

// looksLikeSummary reports whether data is a Statuspage summary or
// incidents document: a page with an id, and a list of incidents.
func looksLikeSummary(data []byte) bool {
	var doc struct {
		Page *struct {
			ID string `json:"id"`
		} `json:"page"`
		Incidents []json.RawMessage `json:"incidents"`
	}
	return json.Unmarshal(data, &doc) == nil && doc.Page != nil && doc.Page.ID != "" && doc.Incidents != nil
}
