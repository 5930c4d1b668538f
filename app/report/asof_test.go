package report

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"lapse/app/words"
)

// Every export says the moment its verdict was judged as of, in its language.
func TestVerdictAsOfInEveryExport(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		lang words.Lang
		want string
	}{
		{words.EN, "Verdict as of 30 Oct 2026 12:00"},
		{words.JA, "2026年10月30日 12:00時点の判定"},
	} {
		s, err := Build(context.Background(), f.db, Options{ServiceID: f.hostile, From: time.Date(2026, 10, 1, 0, 0, 0, 0, tokyo),
			To: time.Date(2026, 11, 1, 0, 0, 0, 0, tokyo), AsOf: time.Date(2026, 10, 30, 12, 0, 0, 0, tokyo), Lang: tc.lang})
		must(t, err)
		for _, kind := range []string{"md", "html", "json", "csv"} {
			table := ""
			if kind == "csv" {
				table = "figures"
			}
			b, err := s.Render(kind, table)
			must(t, err)
			if !strings.Contains(string(b), tc.want) {
				t.Errorf("%s %s does not say %q", tc.lang, kind, tc.want)
			}
		}
		b, err := s.Render("json", "")
		must(t, err)
		var doc Doc
		must(t, json.Unmarshal(b, &doc))
		if doc.Verdict == nil || doc.Verdict.AsOfText != tc.want || !doc.Verdict.AsOf.Equal(s.AsOf) {
			t.Errorf("%s JSON verdict = %+v, want as of %s, %q", tc.lang, doc.Verdict, s.AsOf, tc.want)
		}
		pdf, err := s.Render("pdf", "")
		must(t, err)
		found := false
		for _, l := range pdfLines(t, pdf) {
			found = found || strings.Contains(l.Text, tc.want)
		}
		if !found {
			t.Errorf("%s PDF does not draw %q", tc.lang, tc.want)
		}
	}
}
