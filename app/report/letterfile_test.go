package report

import (
	"regexp"
	"strings"
	"testing"

	"lapse/app/words"
)

// The letter export is the drafted letter alone: as text exactly what the
// summary shows to copy; as Markdown the same words once rendered, with
// the user's text escaped.
func TestLetterFiles(t *testing.T) {
	f := newFixture(t)
	unescape := regexp.MustCompile(`\\([\\` + "`" + `*_\[\]<>|~&$#>=+\-.)])`)
	for _, l := range []words.Lang{words.EN, words.JA} {
		s := f.october(t, f.hostile, l)
		text := string(s.LetterText())
		if text != Letter(s)+"\n" {
			t.Errorf("%s text letter:\n%s\nwant the summary's letter", l, text)
		}
		subject, _ := s.letter()
		md := string(s.LetterMarkdown())
		if !strings.HasPrefix(md, "# "+mdHeading(subject)+"\n\n") {
			t.Errorf("%s Markdown letter starts %q, want the subject as heading", l, md[:min(len(md), 80)])
		}
		if strings.Contains(md, "<script>") {
			t.Errorf("%s Markdown letter holds raw <script>", l)
		}
		// Rendered back to words, the Markdown says what the text says, line for line.
		var got []string
		for _, line := range strings.Split(md, "\n") {
			line = unescape.ReplaceAllString(strings.TrimSuffix(line, `\`), "$1")
			if strings.HasPrefix(line, "# ") {
				line = pick(l, "Subject: ", "件名：") + line[2:]
			}
			if line != "" {
				got = append(got, line)
			}
		}
		var want []string
		for _, line := range strings.Split(text, "\n") {
			if line != "" {
				want = append(want, line)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s Markdown letter reads\n%s\nwant\n%s", l, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
