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

// parseFeed reads an RSS or Atom feed of incidents: each entry is one
// incident, its state read from the words the page uses ("Resolved",
// "Investigating", ...), unknown when it uses none.
func parseFeed(source string, data []byte, serviceID int64) ([]Incident, error) {
	if !isFeed(data) {
		return nil, fmt.Errorf("%s: it is not an RSS or Atom feed", source)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: it is not a readable feed: %w", source, err)
	}
	var out []Incident
	seen := map[string]bool{}
	for _, item := range feed.Items {
		inc, ok := feedIncident(item, serviceID)
		if !ok || seen[inc.Outage.ExternalID] {
			continue
		}
		seen[inc.Outage.ExternalID] = true
		out = append(out, inc)
	}
	return out, nil
}

// feedIncident reads one entry; one with no date at all cannot be placed
// in time and is left out.
func feedIncident(item *gofeed.Item, serviceID int64) (Incident, bool) {
	start, updated := item.PublishedParsed, item.UpdatedParsed
	if start == nil {
		start = updated
	}
	if start == nil {
		return Incident{}, false
	}
	text := plainText(item.Content)
	if text == "" {
		text = plainText(item.Description)
	}
	title := strings.TrimSpace(plainText(item.Title))
	o := journal.Outage{
		ServiceID: serviceID,
		Title:     clip(title, journal.MaxText),
		Start:     start.UTC(),
		// A feed does not say how bad an incident was: the least claim.
		Impact:   journal.ImpactDegraded,
		Source:   journal.SourceOfficial,
		Symptoms: clip(text, journal.MaxBody),
	}
	switch {
	case validLink(item.Link):
		o.Link = item.Link
	case validLink(item.GUID):
		o.Link = item.GUID
	}
	o.ExternalID = strings.TrimSpace(item.GUID)
	if o.ExternalID == "" {
		o.ExternalID = o.Link
	}
	if o.ExternalID == "" {
		o.ExternalID = title + " " + o.Start.Format(time.RFC3339)
	}
	o.ExternalID = clip(o.ExternalID, journal.MaxText)

	state := stateOf(title, text)
	switch state {
	case Resolved:
		end := o.Start
		if updated != nil && updated.After(o.Start) {
			end = updated.UTC()
		}
		o.End = &end
	case Unknown:
		// Not known to be over, nor known to go on: recorded with no length
		// rather than counted as ongoing for ever.
		end := o.Start
		o.End = &end
	}
	return Incident{Outage: o, State: state}, true
}

var (
	// A status the title leads with: "[Resolved] API errors", "Resolved: ...".
	titleState = regexp.MustCompile(`(?i)^\W*(resolved|completed|postmortem|recovered|investigating|identified|monitoring|update)\b`)
	// Status words in an entry's text; the first one is the latest update
	// on Statuspage, incident.io and Instatus feeds, which list updates newest first.
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
