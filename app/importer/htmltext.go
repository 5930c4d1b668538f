package importer

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlOptions say how markup becomes text.
type htmlOptions struct {
	// newlines keeps the line ends of the source as line breaks: Statuspage
	// shows an update's line ends, a browser showing mail does not.
	newlines bool
	// quoteBlocks writes the lines of a <blockquote> with "> ", as plain
	// text mail quotes: in mail it is the message replied to, which
	// trimQuoted then leaves out, keeping what was written around it.
	quoteBlocks bool
}

// htmlHidden are elements whose content is never text a reader sees.
var htmlHidden = map[atom.Atom]bool{
	atom.Head: true, atom.Title: true, atom.Style: true, atom.Script: true, atom.Noscript: true,
	atom.Template: true, atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
}

// htmlBlocks are elements that stand on lines of their own.
var htmlBlocks = map[atom.Atom]bool{
	atom.Br: true, atom.P: true, atom.Div: true, atom.Li: true, atom.Tr: true, atom.Table: true, atom.Ul: true,
	atom.Ol: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Pre: true, atom.Blockquote: true, atom.Hr: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Address: true,
	atom.Center: true,
}

var (
	htmlSpaces    = regexp.MustCompile(`[ \t\r\n\f]+`)
	htmlLineBreak = regexp.MustCompile(`\r\n?`)
	htmlMarkup    = regexp.MustCompile(`<[a-zA-Z/!][^<>]*>|&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);`)
)

// htmlText renders HTML as plain text, as a reader sees it: tags and
// entities resolved, nothing of head, title, style or script, a line for
// each paragraph, list item or line break, runs of spaces as one.
func htmlText(s string, opt htmlOptions) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	hidden, quoted := 0, 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			lines := strings.Split(b.String(), "\n")
			for i, l := range lines {
				lines[i] = strings.Join(strings.Fields(l), " ")
			}
			return normalizeText(strings.Join(lines, "\n"))
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			step := 1
			if tt == html.EndTagToken {
				step = -1
			}
			if tt != html.SelfClosingTagToken {
				switch {
				case htmlHidden[a]:
					hidden = max(0, hidden+step)
				case a == atom.Blockquote && opt.quoteBlocks:
					quoted = max(0, quoted+step)
				}
			}
			switch {
			case a == atom.Br:
				b.WriteByte('\n')
			case a == atom.P && tt == html.EndTagToken:
				// A paragraph ends with a blank line.
				softBreak(&b)
				b.WriteByte('\n')
			case htmlBlocks[a]:
				softBreak(&b)
			}
		case html.TextToken:
			if hidden > 0 {
				continue
			}
			text := string(z.Text())
			if opt.newlines {
				text = htmlLineBreak.ReplaceAllString(text, "\n")
			} else {
				text = htmlSpaces.ReplaceAllString(text, " ")
			}
			if strings.Trim(text, " ") == "" {
				// Spaces between tags: one at most, none at a line's start,
				// so the line's end stays cheap to find (softBreak).
				if last := lastByte(&b); last == 0 || last == ' ' || last == '\n' {
					continue
				}
				text = " "
			}
			if quoted > 0 && strings.TrimSpace(text) != "" {
				if t := strings.TrimRight(b.String(), " "); t == "" || strings.HasSuffix(t, "\n") {
					b.WriteString("> ")
				}
				text = strings.ReplaceAll(text, "\n", "\n> ")
			}
			b.WriteString(text)
		}
	}
}

// lastByte is the last byte written, 0 when none.
func lastByte(b *strings.Builder) byte {
	if b.Len() == 0 {
		return 0
	}
	return b.String()[b.Len()-1]
}

// softBreak ends the line unless it is ended already: list items follow
// each other without blank lines.
func softBreak(b *strings.Builder) {
	if t := strings.TrimRight(b.String(), " "); t != "" && !strings.HasSuffix(t, "\n") {
		b.WriteByte('\n')
	}
}

// looksLikeHTML reports whether text carries markup: a tag or an entity.
func looksLikeHTML(s string) bool { return htmlMarkup.MatchString(s) }
