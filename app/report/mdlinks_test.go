package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"lapse/app/journal"
	"lapse/app/words"
)

// Addresses the user entered are written as CommonMark autolinks, unescaped,
// when they are http or https URLs; anything else stays escaped text.
func TestMarkdownLinks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	svc, err := f.db.Service(ctx, f.hostile)
	must(t, err)
	svc.Website = "https://hyper.example/a_b_c?x=1&y=*2*"
	svc.StatusPage = "https://status.example/\u202Eevil"
	must(t, f.db.UpdateService(ctx, svc))
	must(t, f.db.CreateOutage(ctx, &journal.Outage{ServiceID: f.hostile, Title: "angle", Start: utc("2026-10-26 01:00"),
		End: ptr(utc("2026-10-26 02:00")), Impact: journal.ImpactDown, Symptoms: "x", Source: journal.SourceMe, Link: "https://x.example/<b>"}))
	md := string(f.october(t, f.hostile, words.EN).Markdown())
	for _, want := range []string{
		"- **Website:** <https://hyper.example/a_b_c?x=1&y=*2*>\n",
		"- **Link:** <" + outageLink + ">\n",
		// What cannot stand in an autolink is escaped text, not a link.
		"- **Status page:** https://status.example/\\<U+202E\\>evil\n",
		"- **Link:** https://x.example/\\<b\\>\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	if strings.Contains(md, `a\_b\_c`) {
		t.Errorf("a URL escaped inside its link:\n%s", md)
	}

	// Only http and https are linked (the journal stores no other, an import might).
	var b bytes.Buffer
	mdPairs(&b, []pair{{Label: "a", Value: "javascript:alert(1)", Link: true}, {Label: "b", Value: "ftp://files.example/a_b", Link: true},
		{Label: "c", Value: "https:///no-host", Link: true}}, words.EN)
	if want := "- **a:** javascript:alert(1)\n- **b:** ftp://files.example/a\\_b\n- **c:** https:///no-host\n\n"; b.String() != want {
		t.Errorf("pairs =\n%s\nwant\n%s", b.String(), want)
	}
}
