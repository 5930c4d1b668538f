package statuswatch_test

import (
	"net/url"
	"testing"

	"lapse/app/statuswatch"
)

func TestLookupKnown(t *testing.T) {
	for _, tc := range []struct {
		name, url string
		kind      statuswatch.Kind
	}{
		{"GitHub", "https://www.githubstatus.com", statuswatch.KindStatuspage},
		{"  chatgpt ", "https://status.openai.com", ""},
		{"CLAUDE", "https://status.claude.com", statuswatch.KindStatuspage},
		{"slack", "https://status.slack.com/feed/rss", statuswatch.KindFeed},
	} {
		p, ok := statuswatch.LookupKnown(tc.name)
		if !ok || p.URL != tc.url || p.Kind != tc.kind {
			t.Errorf("LookupKnown(%q) = %+v, %v; want %s %q", tc.name, p, ok, tc.url, tc.kind)
		}
	}
	if p, ok := statuswatch.LookupKnown("Parley AI"); ok {
		t.Errorf("an unknown service found %+v", p)
	}
}

func TestKnownListIsSound(t *testing.T) {
	l, err := statuswatch.Known()
	if err != nil {
		t.Fatal(err)
	}
	if l.Source == "" || l.Date == "" || len(l.Pages) < 15 {
		t.Fatalf("list: source %q date %q, %d pages", l.Source, l.Date, len(l.Pages))
	}
	seen := map[string]bool{}
	for _, p := range l.Pages {
		u, err := url.Parse(p.URL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			t.Errorf("%v: %q is not an https address", p.Names, p.URL)
		}
		switch p.Kind {
		case "", statuswatch.KindStatuspage, statuswatch.KindFeed:
		default:
			t.Errorf("%v: kind %q", p.Names, p.Kind)
		}
		if len(p.Names) == 0 {
			t.Errorf("%s has no name", p.URL)
		}
		for _, n := range p.Names {
			if seen[n] {
				t.Errorf("%q is listed twice", n)
			}
			seen[n] = true
		}
	}
}
