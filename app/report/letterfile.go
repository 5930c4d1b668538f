package report

import (
	"bytes"
	"strings"
)

// LetterText is the drafted letter alone as a text file: the subject line,
// a blank line and the body, ready to paste into an e-mail.
func (s *Summary) LetterText() []byte {
	return []byte(Letter(s) + "\n")
}

// LetterMarkdown is the drafted letter alone as Markdown: the subject as
// its heading, then the body, every user's text escaped so that it renders
// as written; the lines of a paragraph keep their breaks.
func (s *Summary) LetterMarkdown() []byte {
	subject, body := s.letter()
	var b bytes.Buffer
	b.WriteString("# " + mdHeading(subject) + "\n")
	for _, para := range strings.Split(body, "\n\n") {
		// Runs of "- " bullets become a list, other lines a paragraph
		// with hard breaks; a blank line between runs.
		lines := strings.Split(para, "\n")
		for i := 0; i < len(lines); {
			b.WriteString("\n")
			item := strings.HasPrefix(lines[i], "- ")
			j := i
			for j < len(lines) && strings.HasPrefix(lines[j], "- ") == item {
				j++
			}
			for k := i; k < j; k++ {
				switch {
				case item:
					b.WriteString("- " + mdLine(lines[k][2:]) + "\n")
				case k < j-1:
					b.WriteString(mdLine(lines[k]) + "\\\n")
				default:
					b.WriteString(mdLine(lines[k]) + "\n")
				}
			}
			i = j
		}
	}
	return b.Bytes()
}
