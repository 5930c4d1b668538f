package report

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"lapse/app/words"
)

// Markdown renders the summary as CommonMark with GitHub tables. Every
// user string is escaped so that it reads as text, never as markup or a
// link; the letter stands in a fenced block, verbatim, ready to copy. The
// chart is an image and has no Markdown form: its figures are the monthly
// table beside it.
func (s *Summary) Markdown() []byte {
	o := s.outline()
	var b bytes.Buffer
	b.WriteString("# " + mdHeading(o.Title) + "\n\n" + mdLine(o.Subtitle) + "\n\n")
	mdPairs(&b, o.Meta, o.Lang)
	for _, sec := range o.Sections {
		mdSection(&b, &sec, 2, o.Lang)
	}
	b.WriteString("\n---\n\n" + mdLine(o.Footer) + "\n")
	return b.Bytes()
}

func mdSection(b *bytes.Buffer, sec *section, level int, l words.Lang) {
	b.WriteString("\n" + strings.Repeat("#", level) + " " + mdHeading(sec.Title) + "\n\n")
	if sec.Lead != "" {
		b.WriteString("**" + mdText(sec.Lead) + "**\n\n")
	}
	for _, p := range sec.Intro {
		b.WriteString(mdLine(p) + "\n\n")
	}
	mdPairs(b, sec.Pairs, l)
	if sec.Table != nil {
		mdTable(b, sec.Table)
	}
	if len(sec.Bullets) > 0 {
		for _, it := range sec.Bullets {
			b.WriteString("- " + mdLine(it) + "\n")
		}
		b.WriteString("\n")
	}
	if sec.Letter != "" {
		fence := mdFence(sec.Letter)
		b.WriteString(fence + "text\n" + sec.Letter + "\n" + fence + "\n\n")
	}
	if sec.Note != "" {
		b.WriteString("*" + mdText(sec.Note) + "*\n\n")
	}
	for i := range sec.Subs {
		mdSection(b, &sec.Subs[i], level+1, l)
	}
}

// mdPairs writes label/value pairs as a list, a list value as a nested list.
func mdPairs(b *bytes.Buffer, ps []pair, l words.Lang) {
	if len(ps) == 0 {
		return
	}
	colon := pick(l, ":", "：")
	for _, p := range ps {
		b.WriteString("- **" + mdText(p.Label) + colon + "**")
		switch {
		case p.Link && mdLinkable(p.Value):
			b.WriteString(" <" + p.Value + ">")
		case p.Value != "":
			b.WriteString(" " + mdText(p.Value))
		}
		b.WriteString("\n")
		for _, it := range p.List {
			b.WriteString("  - " + mdLine(it) + "\n")
		}
	}
	b.WriteString("\n")
}

func mdTable(b *bytes.Buffer, t *table) {
	row := func(cells []string) {
		b.WriteString("|")
		for _, c := range cells {
			b.WriteString(" " + mdText(c) + " |")
		}
		b.WriteString("\n")
	}
	row(t.Head)
	b.WriteString("|")
	for i := range t.Head {
		if i < len(t.Right) && t.Right[i] {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	b.WriteString("\n")
	for _, r := range t.Rows {
		row(r)
	}
	if t.Foot != nil {
		foot := make([]string, len(t.Foot))
		for i, c := range t.Foot {
			foot[i] = "**" + mdText(c) + "**"
			if c == "" {
				foot[i] = ""
			}
		}
		b.WriteString("|")
		for _, c := range foot {
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// mdSpecial are the characters that can open inline markup anywhere in
// CommonMark or GitHub Markdown (emphasis, code, links, raw HTML, entities,
// tables, strikethrough, math); each is escaped.
const mdSpecial = "\\`*_[]<>|~&$"

// mdText makes s one line of literal Markdown text for the middle of a
// line: line breaks become spaces and every inline markup character is escaped.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		if r < 128 && strings.ContainsRune(mdSpecial, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// blockStart matches what would make the start of a line a heading, a
// list item, a quote, a thematic break or a setext underline (a number is
// a list marker only when a space or the end follows it).
var blockStart = regexp.MustCompile(`^(?:([#>=+-])|[0-9]{1,9}([.)])(?:\s|$))`)

// mdLine is mdText for text that starts a line (or follows a list
// marker): a leading block marker is escaped too.
func mdLine(s string) string {
	t := mdText(s)
	if m := blockStart.FindStringSubmatchIndex(t); m != nil {
		at := max(m[2], m[4]) // the marker character, whichever group matched
		return t[:at] + "\\" + t[at:]
	}
	return t
}

// mdLinkable reports whether address can stand as a CommonMark autolink
// <address>, where nothing is escaped (so a linkifying renderer never sees
// a stray backslash): an absolute http or https URL with a host and no
// white space, control character, angle bracket or backslash.
func mdLinkable(address string) bool {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	return !strings.ContainsFunc(address, func(r rune) bool {
		return r <= ' ' || r == 0x7F || r == '<' || r == '>' || r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r)
	})
}

// mdHeading is mdText for a heading, where a # could close it.
func mdHeading(s string) string { return strings.ReplaceAll(mdText(s), "#", "\\#") }

// mdFence is a backtick fence longer than any backtick run in text, so the
// text cannot close it.
func mdFence(text string) string {
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
