package ui

import (
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"lapse/app/charts"
	"lapse/app/review"
	"lapse/app/words"
)

// chartViews lists the charts drawn under o.
func chartViews(o fyne.CanvasObject) []*chartView {
	switch v := o.(type) {
	case *chartView:
		return []*chartView{v}
	case *fyne.Container:
		var out []*chartView
		for _, c := range v.Objects {
			out = append(out, chartViews(c)...)
		}
		return out
	case fyne.Widget:
		var out []*chartView
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, chartViews(c)...)
		}
		return out
	}
	return nil
}

func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
}

// Settings chooses the theme (remembered on this computer); the window and
// its charts follow it, while saved charts stay light for print.
func TestThemeChoiceDrivesWindowAndCharts(t *testing.T) {
	u := newDemoUI(t, "en")
	u.win.Resize(fyne.NewSize(1280, 800))
	for _, tc := range []struct {
		choice string
		dark   bool
	}{{"Dark", true}, {"Light", false}} {
		s := u.openSettings()
		s.theme.SetSelected(tc.choice)
		test.Tap(s.save)
		settle(u)
		if got := u.app.Preferences().String(prefTheme); got != map[bool]string{true: "dark", false: "light"}[tc.dark] {
			t.Errorf("%s: remembered %q", tc.choice, got)
		}
		// Whatever the system's variant, the window shows the chosen one.
		th := u.app.Settings().Theme()
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			if bg := luminance(th.Color(theme.ColorNameBackground, v)); (bg < 0.3) != tc.dark {
				t.Errorf("%s: window background luminance %.2f under system variant %v", tc.choice, bg, v)
			}
		}
		u.show(0)
		settle(u)
		u.win.Canvas().Capture()
		settle(u)
		views := chartViews(u.overview.body)
		if len(views) == 0 || views[0].img.Image == nil {
			t.Fatalf("%s: the Overview drew no chart", tc.choice)
		}
		if bg := luminance(views[0].img.Image.At(3, 3)); (bg < 0.3) != tc.dark {
			t.Errorf("%s: the Overview's chart background luminance %.2f", tc.choice, bg)
		}
		if tc.dark { // a saved chart is for print: light in a dark window too
			path := filepath.Join(t.TempDir(), "c.png")
			draw := func(w, h int, f charts.Format, dark bool) ([]byte, error) {
				l := review.ChartLabels(words.EN)
				l.Dark = dark
				return charts.Comparison([]charts.ServiceTotal{{Service: "Parley AI", UnusableHours: 3, Cost: 20}}, l, "USD", w, h, f)
			}
			if err := writeChart(path, draw); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil || luminance(img.At(3, 3)) < 0.9 {
				t.Errorf("a chart saved from the dark window is not light (%v)", err)
			}
		}
		if again := u.openSettings(); again.theme.Selected != tc.choice {
			t.Errorf("Settings shows theme %q, want %q", again.theme.Selected, tc.choice)
		} else {
			again.dlg.Hide()
		}
	}
}
