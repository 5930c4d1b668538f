// Package jsontext describes JSON documents for error messages: what kind of
// value stands somewhere, and where a document stops making sense. Backup
// restore and the imports read JSON strictly and name what they found.
package jsontext

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// Kind names a JSON value's type for a message: "a string", "a list", and
// for a number the number itself, "a number (42)".
func Kind(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "true or false"
	case 'n':
		return "null"
	}
	return "a number (" + string(raw) + ")"
}

// IsNull reports whether raw is the JSON null.
func IsNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// Position finds where decoding data failed with err: the line and column
// of a syntax error, and whether the document was cut short. ok is false
// when err says nothing about a place.
func Position(data []byte, err error) (line, col int, cutShort, ok bool) {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := min(se.Offset, int64(len(data)))
		line = 1 + bytes.Count(data[:off], []byte("\n"))
		col = int(off) - bytes.LastIndexByte(data[:off], '\n') - 1
		return line, col, se.Offset >= int64(len(data)), true
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, 0, true, true
	}
	return 0, 0, false, false
}
