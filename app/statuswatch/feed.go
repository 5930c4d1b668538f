package statuswatch

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"lapse/app/journal"
)

// isFeed reports whether data starts like an RSS or Atom document.
func isFeed(data []byte) bool {
	t := gofeed.DetectFeedType(bytes.NewReader(data))
	return t == gofeed.FeedTypeAtom || t == gofeed.FeedTypeRSS
}

// parseFeed reads an RSS or Atom feed of incidents. Entries with the same
// link are updates of one incident (Better Stack posts one per update);
// otherwise each entry is one. The state is read from the words the page
// uses ("Resolved", "Investigating", ...), unknown when it uses none.
func parseFeed(source string, data []byte, serviceID int64) ([]Incident, error) {
	if !isFeed(data) {
		return nil, fmt.Errorf("%s: it is not an RSS or Atom feed", source)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: it is not a readable feed: %w", source, err)
	}
	var keys []string
	groups := map[string][]*gofeed.Item{}
	for _, item := range feed.Items {
		if item.PublishedParsed == nil && item.UpdatedParsed == nil {
			continue // cannot be placed in time
		}
		key := strings.TrimSpace(item.Link)
		if !validLink(key) {
			key = strings.TrimSpace(item.GUID)
		}
		if key == "" {
			key = item.Title + " " + itemTime(item).Format(time.RFC3339)
		}
		if groups[key] == nil {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], item)
	}
	out := make([]Incident, 0, len(keys))
	for _, key := range keys {
		out = append(out, feedIncident(key, groups[key], serviceID))
	}
	return out, nil
}

// itemTime is when an entry was last written: updated, else published.
func itemTime(item *gofeed.Item) time.Time {
	if item.UpdatedParsed != nil {
		return item.UpdatedParsed.UTC()
	}
	return item.PublishedParsed.UTC()
}

// feedIncident reads the entries of one incident: it starts at the
// earliest, and the latest says where it stands.
func feedIncident(key string, items []*gofeed.Item, serviceID int64) Incident {
	var start time.Time
	latest := items[0]
	for _, item := range items {
		t := itemTime(item)
		if item.PublishedParsed != nil {
			t = item.PublishedParsed.UTC()
		}
		if start.IsZero() || t.Before(start) {
			start = t
		}
		if itemTime(item).After(itemTime(latest)) {
			latest = item
		}
	}
	text := plainText(latest.Content)
	if text == "" {
		text = plainText(latest.Description)
	}
	title := plainText(latest.Title)
	state := stateOf(title, text)
	o := journal.Outage{
		ServiceID:  serviceID,
		Title:      clip(titleState.ReplaceAllString(title, ""), journal.MaxText),
		Start:      start,
		Impact:     journal.ImpactDegraded, // a feed does not say how bad: the least claim
		Source:     journal.SourceOfficial,
		Symptoms:   clip(text, journal.MaxBody),
		ExternalID: clip(key, journal.MaxText),
	}
	switch {
	case validLink(latest.Link):
		o.Link = strings.TrimSpace(latest.Link)
	case validLink(latest.GUID):
		o.Link = strings.TrimSpace(latest.GUID)
	}
	switch state {
	case Resolved:
		end := itemTime(latest)
		if end.Before(start) {
			end = start
		}
		o.End = &end
	case Unknown:
		// Not known to be over, nor known to go on: recorded with no length
		// rather than counted as ongoing for ever.
		end := start
		o.End = &end
	}
	return Incident{Outage: o, State: state}
}

var (
	// A status the title leads with: "[Resolved] API errors", "Resolved: ...".
	titleState = regexp.MustCompile(`(?i)^\W*(resolved|completed|postmortem|recovered|investigating|identified|monitoring|update)\b[\])]?\s*[:\-–—]?\s*`)
	// Status words in an entry's text; the first one is the latest update
	// in a Statuspage feed, which lists an incident's updates newest first.
	textState = regexp.MustCompile(`(?i)\b(resolved|completed|postmortem|post-mortem|recovered|restored|investigating|identified|monitoring|in progress|ongoing)\b`)
)

// stateOf reads whether an entry says its incident is over.
func stateOf(title, text string) State {
	if m := titleState.FindStringSubmatch(title); m != nil {
		return wordState(m[1])
	}
	if m := textState.FindStringSubmatch(text); m != nil {
		return wordState(m[1])
	}
	return Unknown
}

func wordState(w string) State {
	switch strings.ToLower(w) {
	case "resolved", "completed", "postmortem", "post-mortem", "recovered", "restored":
		return Resolved
	}
	return Ongoing
}

// plainText is the text of an HTML fragment, its whitespace folded.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			b.WriteByte(' ')
		}
	}
}

// feedLinks lists the feeds an HTML page advertises
// (<link rel="alternate" type="application/rss+xml" href="...">), as
// absolute addresses resolved against base.
func feedLinks(page []byte, base *url.URL) []string {
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		if string(name) != "link" || !hasAttr {
			continue
		}
		var rel, typ, href string
		for {
			k, v, more := z.TagAttr()
			switch string(k) {
			case "rel":
				rel = strings.ToLower(string(v))
			case "type":
				typ = strings.ToLower(strings.TrimSpace(string(v)))
			case "href":
				href = strings.TrimSpace(string(v))
			}
			if !more {
				break
			}
		}
		if !hasWord(rel, "alternate") || (typ != "application/rss+xml" && typ != "application/atom+xml") || href == "" {
			continue
		}
		if u, err := base.Parse(href); err == nil {
			out = append(out, u.String())
		}
	}
}

func hasWord(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

func validLink(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= journal.MaxText
}

// clip shortens s to n characters, marking the cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
