package charts

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"

	"lapse/assets"
)

var (
	fontOnce   sync.Once
	parsedFont *truetype.Font
	fontErr    error
)

// japaneseFont returns the bundled IPAex Gothic, parsed once: go-chart's
// default Roboto has no Japanese glyphs.
func japaneseFont() (*truetype.Font, error) {
	fontOnce.Do(func() {
		parsedFont, fontErr = truetype.Parse(assets.JapaneseFont)
		if fontErr != nil {
			fontErr = fmt.Errorf("parse chart font: %w", fontErr)
		}
	})
	return parsedFont, fontErr
}

// typeset measures text the way the renderers will draw it, before
// rendering, so the layout can reserve room. Faces are not safe for
// concurrent use, so each drawing owns its typeset.
type typeset struct {
	font  *truetype.Font
	dpi   float64
	faces map[float64]font.Face
}

func newTypeset(f *truetype.Font, dpi float64) *typeset {
	return &typeset{font: f, dpi: dpi, faces: map[float64]font.Face{}}
}

// width returns the advance width of s in pixels at size points.
func (t *typeset) width(s string, size float64) int {
	face, ok := t.faces[size]
	if !ok {
		face = truetype.NewFace(t.font, &truetype.Options{Size: size, DPI: t.dpi})
		t.faces[size] = face
	}
	return font.MeasureString(face, s).Ceil()
}

// height returns the line height of text in pixels at size points.
func (t *typeset) height(size float64) int {
	return int(size*t.dpi/72 + 0.5)
}

// ellipsis marks a label shortened to fit.
const ellipsis = "…"

// fit returns s, shortened with an ellipsis when wider than max pixels;
// "" when not even one letter fits.
func (t *typeset) fit(s string, size float64, max int) string {
	if t.width(s, size) <= max {
		return s
	}
	runes := []rune(s)
	for n := len(runes) - 1; n > 0; n-- {
		cut := strings.TrimRightFunc(string(runes[:n]), unicode.IsSpace) + ellipsis
		if t.width(cut, size) <= max {
			return cut
		}
	}
	return ""
}

// wrap breaks s into lines no wider than max pixels: at spaces where there
// are some, anywhere between letters otherwise (Japanese has no spaces).
func (t *typeset) wrap(s string, size float64, max int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		candidate := word
		if line != "" {
			candidate = line + " " + word
		}
		if t.width(candidate, size) <= max {
			line = candidate
			continue
		}
		if line != "" {
			lines = append(lines, line)
			line = ""
		}
		if t.width(word, size) <= max {
			line = word
			continue
		}
		// The word alone is too wide: break it between letters, by the
		// Japanese rules (kinsoku): a letter that may not start a line takes
		// the one before it down, and so does a letter that may not end one.
		for _, r := range word {
			if line != "" && t.width(line+string(r), size) > max {
				head := []rune(line)
				cut := len(head)
				for cut > 1 && (strings.ContainsRune(noLineStart, r) && cut == len(head) || strings.ContainsRune(noLineEnd, head[cut-1])) {
					cut--
				}
				lines = append(lines, string(head[:cut]))
				line = string(head[cut:])
			}
			line += string(r)
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// Japanese line-breaking rules (kinsoku): letters that may not start a
// line, and letters that may not end one.
const (
	noLineStart = "、。，．・：；？！ー）」』】〕〉》ゃゅょっぁぃぅぇぉャュョッァィゥェォ,.:;!?)]"
	noLineEnd   = "（「『【〔〈《([¥$"
)

// clean makes a label safe to draw on one line: valid UTF-8, control
// characters and line breaks turned into single spaces.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
