// Package textpos says where in a file its text goes wrong, for the
// messages the importers and the backup reader give about bad bytes.
package textpos

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// BadByte says where the first byte of data that is not UTF-8 is: its line
// (from 1) and byte offset (from 0), with the byte in hex; "no byte" when
// all of data is UTF-8.
func BadByte(data []byte) string {
	off := 0
	for off < len(data) {
		r, n := utf8.DecodeRune(data[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	if off == len(data) {
		return "no byte"
	}
	return fmt.Sprintf("line %d, byte offset %d (0x%02X)", 1+bytes.Count(data[:off], []byte("\n")), off, data[off])
}
