package ui

import (
	"encoding/json"
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/journal"
	"lapse/assets"
)

// Clearing the search box and choosing Overview shows the Overview, not the
// last search's "Nothing found".
func TestClearedSearchLeavesNoResultBehind(t *testing.T) {
	u := newTestUI(t)
	test.Type(u.toolbar.search, "hello")
	settle(u)
	if !slices.ContainsFunc(texts(u.body), func(s string) bool { return strings.Contains(s, "hello") }) {
		t.Fatalf("the search is not shown: %q", texts(u.body))
	}
	for range "hello" {
		u.toolbar.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		settle(u)
	}
	u.sidebar.list.Select(0)
	u.sidebar.onSelected(0)
	settle(u)
	for _, s := range canvasTexts(u.win.Content()) {
		if strings.Contains(s, "hello") {
			t.Errorf("after clearing the search the window still shows %q", s)
		}
	}
}

// The summary's tiles name the time with any impact for what it is, explain
// it in one line, and never print a bare 0 without a unit.
func TestSummaryTilesSayWhatTheyCount(t *testing.T) {
	u, svc, tab := newPlanFixture(t)
	planAddMonthly(t, u, svc, tab)
	u.showTab(svc.ID, tabSummary)
	settle(u)
	shown := texts(u.body)
	if slices.Contains(shown, "Impaired") || !slices.Contains(shown, "Any impact") {
		t.Errorf("tiles: %q; want \"Any impact\", not \"Impaired\"", shown)
	}
	if !slices.ContainsFunc(shown, func(s string) bool {
		return strings.HasPrefix(s, "Unusable counts") && strings.Contains(s, "Any impact also counts")
	}) {
		t.Errorf("no line explains Any impact: %q", shown)
	}
	for _, caption := range []string{"Unusable", "Any impact"} {
		if got := after(shown, caption); got != "0 minutes" {
			t.Errorf("%s shows %q, want \"0 minutes\"", caption, got)
		}
	}
}

// A plan that has ended shows its last price, not a price "in force"; one
// that is cancelled but still running says until when.
func TestCancelledPlanPriceIsNotInForce(t *testing.T) {
	for _, tc := range []struct{ end, want string }{
		{"2026-11-20", "2026-01-31 20.00 USD last price"},
		{"2026-12-15", "2026-01-31 20.00 USD in force until 2026-12-15"},
	} {
		u, svc, tab := newPlanFixture(t)
		s := planAddMonthly(t, u, svc, tab)
		s.End = planDate(t, tc.end)
		if err := u.db.UpdateSubscription(u.ctx, s); err != nil {
			t.Fatal(err)
		}
		tab.reload()
		settle(u)
		if got := planHistory(tab.cards[0]); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("ending %s the price history reads %q, want %q", tc.end, got, tc.want)
		}
	}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	x, y := lum(a), lum(b)
	return (max(x, y) + 0.05) / (min(x, y) + 0.05)
}

// "It's back" (a success button) and success text read at 4.5:1 or more in
// both themes.
func TestItsBackIsReadable(t *testing.T) {
	u, svc, _ := newPlanFixture(t)
	u.showTab(svc.ID, tabOutages)
	settle(u)
	btn := u.service.outages.backBtn
	th := u.app.Settings().Theme()
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		if btn.Importance != widget.SuccessImportance {
			t.Fatalf("It's back has importance %v", btn.Importance)
		}
		fg, bg := th.Color(theme.ColorNameForegroundOnSuccess, v), th.Color(theme.ColorNameSuccess, v)
		if c := contrast(fg, bg); c < 4.5 {
			t.Errorf("variant %v: It's back text on its button reads at %.2f:1", v, c)
		}
		if c := contrast(th.Color(theme.ColorNameSuccess, v), th.Color(theme.ColorNameBackground, v)); c < 4.5 {
			t.Errorf("variant %v: success text on the background reads at %.2f:1", v, c)
		}
	}
}

// The exchange-rate row's placeholders agree with the help text's example.
func TestRatePlaceholderMatchesItsHelp(t *testing.T) {
	u := newTestUI(t)
	s := u.openSettings()
	s.addRate(journal.Rate{})
	shown := canvasTexts(s.rates.Objects[len(s.rates.Objects)-1])
	help := "One unit of the currency is worth this many units of the home currency, e.g. 1 USD = 150 JPY."
	if !slices.Contains(texts(u.win.Canvas().Overlays().Top()), help) {
		t.Fatalf("the rates' help is not shown")
	}
	if !slices.Contains(shown, "USD") || !slices.Contains(shown, "150") {
		t.Errorf("a new rate row shows %q; want the help's example USD and 150", shown)
	}
}

// Japanese names a reply from a person one way: 担当者の返信.
func TestJapaneseHumanReplyIsOneTerm(t *testing.T) {
	data, err := assets.Translations.ReadFile("translations/ja.json")
	if err != nil {
		t.Fatal(err)
	}
	var ja map[string]string
	if err := json.Unmarshal(data, &ja); err != nil {
		t.Fatal(err)
	}
	for k, v := range ja {
		for _, other := range []string{"人の返信", "人間の返信", "人による返信", "有人"} {
			if strings.Contains(v, other) {
				t.Errorf("%s = %q says %s; the term is 担当者の返信", k, v, other)
			}
		}
	}
}
