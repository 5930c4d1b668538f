package words

import (
	"fmt"
	"strings"
)

// IsBidiControl reports whether r is an invisible bidirectional control:
// the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069,
// the marks U+200E, U+200F and U+061C. Placed in a name or a note they
// reorder what a reader sees ("Trojan Source").
func IsBidiControl(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// ShowBidi writes each bidirectional control in s as its visible code,
// "<U+202E>", so an export shows it instead of obeying it.
func ShowBidi(s string) string {
	if !strings.ContainsFunc(s, IsBidiControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if IsBidiControl(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
