package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"lapse/assets"
)

// japaneseFont is the bundled IPAex Gothic, so Japanese renders on machines
// without a CJK system font.
var japaneseFont = fyne.NewStaticResource("ipaexg.ttf", assets.JapaneseFont)

// prefTheme remembers the theme chosen in Settings: "" follows the
// system, "light" or "dark" forces it.
const prefTheme = "theme"

// themeChoices are the values of prefTheme, in the order Settings lists them.
var themeChoices = []string{"", "light", "dark"}

// lapseTheme embeds the default theme and overrides only the text font (for
// Japanese), the variant when the user chose one, and a few colours the
// screens use for meaning.
type lapseTheme struct {
	fyne.Theme
	japanese bool
	variant  string // a prefTheme value
}

func newTheme(japanese bool) fyne.Theme { return newThemeIn(japanese, "") }

// applyTheme sets the theme for the UI's language and the variant chosen
// in Settings, unless it is the one set already: setting a theme drops
// every loaded font and measured text.
func applyTheme(a fyne.App) {
	japanese, variant := IsJapanese(), a.Preferences().String(prefTheme)
	if t, ok := a.Settings().Theme().(*lapseTheme); ok && t.japanese == japanese && t.variant == variant {
		return
	}
	a.Settings().SetTheme(newThemeIn(japanese, variant))
}

// newThemeIn is the theme with a variant chosen in Settings.
func newThemeIn(japanese bool, variant string) fyne.Theme {
	return &lapseTheme{Theme: theme.DefaultTheme(), japanese: japanese, variant: variant}
}

// Font uses IPAex Gothic for all proportional text when the UI is Japanese.
// In English the default font stays, and Fyne falls back per glyph.
func (t *lapseTheme) Font(s fyne.TextStyle) fyne.Resource {
	if t.japanese && !s.Monospace && !s.Symbol {
		return japaneseFont
	}
	return t.Theme.Font(s)
}

// Colour names the screens use beyond the default palette.
const (
	colorOngoing fyne.ThemeColorName = "lapse.ongoing"
)

// Size gives Japanese text more room between wrapped lines: IPAex Gothic's
// metrics carry no line gap, so default spacing makes lines touch.
func (t *lapseTheme) Size(n fyne.ThemeSizeName) float32 {
	if t.japanese && n == theme.SizeNameLineSpacing {
		return t.Theme.Size(n) + 4
	}
	return t.Theme.Size(n)
}

func (t *lapseTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case "dark":
		v = theme.VariantDark
	case "light":
		v = theme.VariantLight
	}
	switch n {
	case colorOngoing:
		return color.NRGBA{R: 0xe5, G: 0x3e, B: 0x3e, A: 0xff}
	case theme.ColorNameDisabled:
		// Low-importance labels (captions, hints, empty states) use this colour;
		// Fyne's default is near the background (about 1.3:1). These greys read
		// at about 4.5:1 and still look secondary.
		if v == theme.VariantDark {
			return color.NRGBA{R: 0x8e, G: 0x8e, B: 0x93, A: 0xff}
		}
		return color.NRGBA{R: 0x6e, G: 0x6e, B: 0x73, A: 0xff}
	case theme.ColorNameSuccess:
		// Fyne's light success green carries white text ("It's back") at
		// about 1.5:1; this green reads at 5.3:1, as text on white too.
		if v != theme.VariantDark {
			return color.NRGBA{R: 0x1e, G: 0x7b, B: 0x34, A: 0xff}
		}
	}
	return t.Theme.Color(n, v)
}
