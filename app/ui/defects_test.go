package ui

import (
	"context"
	"encoding/json"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"lapse/app/demo"
	"lapse/app/journal"
	"lapse/assets"
	"lapse/storage"
)

// Clearing the search box and choosing Overview shows the Overview, not the
// last search's "Nothing found" — also when that search's result comes
// back after the box was cleared.
func TestClearedSearchLeavesNoResultBehind(t *testing.T) {
	for _, late := range []bool{false, true} {
		u := newTestUI(t)
		test.Type(u.toolbar.search, "hello")
		if !late {
			settle(u)
			if !slices.ContainsFunc(texts(u.body), func(s string) bool { return strings.Contains(s, "hello") }) {
				t.Fatalf("the search is not shown: %q", texts(u.body))
			}
		}
		for range "hello" {
			u.toolbar.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
		}
		settle(u)
		u.sidebar.list.Select(0)
		u.sidebar.onSelected(0)
		settle(u)
		for _, s := range canvasTexts(u.win.Content()) {
			if strings.Contains(s, "hello") {
				t.Errorf("late result %v: after clearing the search the window still shows %q", late, s)
			}
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

// box is where an object is drawn in the window.
type box struct {
	what     string
	pos, end fyne.Position
}

func (a box) overlaps(b box) bool {
	return a.pos.X < b.end.X && b.pos.X < a.end.X && a.pos.Y < b.end.Y && b.pos.Y < a.end.Y
}

// drawn lists the visible labels (with text) and separators under o, where
// the window draws them.
func drawn(o fyne.CanvasObject) []box {
	if o == nil || !o.Visible() {
		return nil
	}
	at := func(what string) []box {
		p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		return []box{{what, p, p.Add(o.Size())}}
	}
	switch v := o.(type) {
	case *widget.Label:
		if v.Text == "" {
			return nil
		}
		return at(v.Text)
	case *textCell:
		if t := shown(v); t != "" {
			return at(t)
		}
		return nil
	case *widget.Hyperlink:
		return at(v.Text)
	case *widget.Separator:
		return at("separator")
	case *fyne.Container:
		var out []box
		for _, c := range v.Objects {
			out = append(out, drawn(c)...)
		}
		return out
	case fyne.Widget:
		var out []box
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, drawn(c)...)
		}
		return out
	}
	return nil
}

// overlapping names the pairs of drawn objects that cover each other.
func overlapping(o fyne.CanvasObject) []string {
	var out []string
	boxes := drawn(o)
	for i, a := range boxes {
		for _, b := range boxes[i+1:] {
			if a.overlaps(b) {
				out = append(out, fmt.Sprintf("%q %v–%v over %q %v–%v", a.what, a.pos, a.end, b.what, b.pos, b.end))
			}
		}
	}
	return out
}

// Saving a first subscription lays the Plan tab out again: the Decisions
// heading is below the new card and no separator crosses its lines.
func TestFirstSubscriptionLaysOutThePlanTab(t *testing.T) {
	u := newTestUI(t)
	svc := &journal.Service{Name: "Parley AI"}
	if err := u.db.CreateService(u.ctx, svc); err != nil {
		t.Fatal(err)
	}
	u.reload()
	settle(u)
	u.showTab(svc.ID, tabPlan)
	settle(u)
	u.win.Canvas().Capture()
	tab := u.service.plan
	f := newSubscriptionForm(u.session, svc, nil, tab.afterChange) // as Add subscription does
	f.open()
	saveMonthlyPlus(f)
	settle(u)
	if len(tab.cards) != 1 {
		t.Fatalf("%d cards, want 1", len(tab.cards))
	}
	if o := overlapping(tab.scroll.Content); len(o) > 0 {
		t.Errorf("the Plan tab draws objects over each other:\n%s", strings.Join(o, "\n"))
	}
}

// newDemoUI builds the window on the small demo journal in a language, with
// one more service whose name is long.
func newDemoUI(t *testing.T, lng string) *UI {
	t.Helper()
	a, db := demoJournal(t, lng, "")
	long := map[string]string{"en": "VideoStream Premium Family Plan with Sports", "ja": "動画配信プレミアムファミリープラン（スポーツ付き）"}[lng]
	if err := db.CreateService(context.Background(), &journal.Service{Name: long}); err != nil {
		t.Fatal(err)
	}
	u := New(a, db, Options{Now: func() time.Time { return fixedNow }, thread: &queueThread{}})
	u.win.Show()
	t.Cleanup(u.win.Close)
	settle(u)
	return u
}

// demoJournal is a test app in a language and the small demo journal in
// it, written in the time zone tz ("": the system's), at fixedNow.
func demoJournal(t *testing.T, lng, tz string) (fyne.App, *storage.DB) {
	t.Helper()
	a := test.NewTempApp(t)
	if err := SetLanguage(lng); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = SetLanguage("en") })
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "demo.db"), storage.Options{Now: func() time.Time { return fixedNow }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if tz != "" {
		s, err := db.Settings(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		s.TimeZone = tz
		if err := db.SaveSettings(context.Background(), s); err != nil {
			t.Fatal(err)
		}
	}
	if err := demo.Fill(context.Background(), db, demo.Small, lng, fixedNow); err != nil {
		t.Fatal(err)
	}
	return a, db
}

// cut lists the labels under o whose text does not fit their width.
func cut(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	switch v := o.(type) {
	case *widget.Label:
		if v.Wrapping == fyne.TextWrapOff && v.Text != "" && v.MinSize().Width > v.Size().Width+0.5 {
			return []string{fmt.Sprintf("%q needs %.0f, has %.0f", v.Text, v.MinSize().Width, v.Size().Width)}
		}
		if v.Truncation != fyne.TextTruncateOff && v.Text != "" {
			if w := widget.NewLabelWithStyle(v.Text, v.Alignment, v.TextStyle).MinSize().Width; w > v.Size().Width+0.5 {
				return []string{fmt.Sprintf("%q cut: needs %.0f, has %.0f", v.Text, w, v.Size().Width)}
			}
		}
		return nil
	case *textCell:
		if t := shown(v); strings.HasSuffix(t, "…") {
			return []string{fmt.Sprintf("%q cut to %q", v.text, t)}
		}
		return nil
	case *fyne.Container:
		var out []string
		for _, c := range v.Objects {
			out = append(out, cut(c)...)
		}
		return out
	case fyne.Widget:
		var out []string
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, cut(c)...)
		}
		return out
	}
	return nil
}

// The Overview's table never draws a name over a figure nor cuts a figure,
// at the window sizes people use, in English and Japanese.
func TestOverviewTableFitsItsContent(t *testing.T) {
	for _, lng := range []string{"en", "ja"} {
		u := newDemoUI(t, lng)
		for _, size := range []fyne.Size{{Width: 800, Height: 600}, {Width: 1024, Height: 700}, {Width: 1280, Height: 800}} {
			u.win.Resize(size)
			u.show(0)
			settle(u)
			u.win.Canvas().Capture()
			table := u.overview.body
			if o := overlapping(table); len(o) > 0 {
				t.Errorf("%s %v: the Overview draws objects over each other:\n%s", lng, size, strings.Join(o, "\n"))
			}
			if c := cut(table); len(c) > 0 {
				t.Errorf("%s %v: the Overview cuts text:\n%s", lng, size, strings.Join(c, "\n"))
			}
		}
	}
}
