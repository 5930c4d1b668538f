package importer

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
	"unicode/utf8"

	"lapse/app/jsontext"
	"lapse/app/textpos"
)

// decodeJSON checks a whole document is UTF-8 JSON and returns it raw;
// a problem names the line and column where it stops making sense.
func decodeJSON(source string, file []byte) (json.RawMessage, error) {
	data := bytes.TrimPrefix(file, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, &Error{Source: source, Err: invalid("it is not UTF-8 text: %s is not UTF-8", textpos.BadByte(file))}
	}
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &Error{Source: source, Err: invalid("it is not valid JSON: %s", syntaxProblem(data, err))}
	}
	return raw, nil
}

// syntaxProblem says where a JSON document stops making sense.
func syntaxProblem(data []byte, err error) string {
	line, col, cut, ok := jsontext.Position(data, err)
	switch {
	case !ok:
		return err.Error()
	case cut:
		return fmt.Sprintf("it ends too early (line %d): the file is cut short", line)
	}
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

// jsonReader reads a document value by value, keeping the first problem it
// meets with its JSON path; after one, every read returns a zero value.
type jsonReader struct {
	source string
	err    error
}

func (r *jsonReader) fail(path, format string, args ...any) {
	if r.err == nil {
		r.err = &Error{Source: r.source, Place: path, Err: invalid(format, args...)}
	}
}

var (
	jsonKind = jsontext.Kind
	isNull   = jsontext.IsNull
)

// jsonObject is one JSON object being read field by field.
type jsonObject struct {
	r      *jsonReader
	path   string
	fields map[string]json.RawMessage
	cells  bool // a CSV row made an object: a field is a column
}

// object reads the value at path as an object.
func (r *jsonReader) object(path string, raw json.RawMessage) *jsonObject {
	o := &jsonObject{r: r, path: path}
	if r.err != nil {
		return o
	}
	if isNull(raw) || json.Unmarshal(raw, &o.fields) != nil {
		r.fail(path, "must be an object, not %s", jsonKind(raw))
	}
	return o
}

// list reads the value at path as a list.
func (r *jsonReader) list(path string, raw json.RawMessage) []json.RawMessage {
	var items []json.RawMessage
	if r.err != nil {
		return nil
	}
	if isNull(raw) || json.Unmarshal(raw, &items) != nil {
		r.fail(path, "must be a list, not %s", jsonKind(raw))
	}
	return items
}

// at is the path of a field of the object.
func (o *jsonObject) at(name string) string {
	if o.cells {
		return columnPlace(o.path, name)
	}
	if o.path == "" {
		return name
	}
	return o.path + "." + name
}

// value returns a field's raw value and whether it is there and not null.
func (o *jsonObject) value(name string) (json.RawMessage, bool) {
	raw, ok := o.fields[name]
	return raw, ok && !isNull(raw)
}

// require returns a field's raw value; a missing or null field is a problem.
func (o *jsonObject) require(name string) json.RawMessage {
	raw, ok := o.value(name)
	if !ok && o.r.err == nil {
		if _, there := o.fields[name]; there {
			o.r.fail(o.at(name), "must not be null")
		} else {
			o.r.fail(o.at(name), "is missing")
		}
	}
	return raw
}

// str reads a required string field.
func (o *jsonObject) str(name string) string {
	raw := o.require(name)
	return o.asString(name, raw)
}

// optStr reads a string field that may be missing or null.
func (o *jsonObject) optStr(name string) string {
	raw, ok := o.value(name)
	if !ok {
		return ""
	}
	return o.asString(name, raw)
}

func (o *jsonObject) asString(name string, raw json.RawMessage) string {
	var s string
	if o.r.err != nil {
		return ""
	}
	if json.Unmarshal(raw, &s) != nil {
		o.r.fail(o.at(name), "must be a string, not %s", jsonKind(raw))
	}
	return s
}

const timeHint = `a time like "2026-11-25T10:15:00.000Z"`

// time reads a required RFC 3339 time.
func (o *jsonObject) time(name string) time.Time {
	raw := o.require(name)
	if o.r.err != nil {
		return time.Time{}
	}
	return o.asTime(name, raw)
}

// optTime reads an RFC 3339 time that may be missing or null.
func (o *jsonObject) optTime(name string) *time.Time {
	raw, ok := o.value(name)
	if !ok || o.r.err != nil {
		return nil
	}
	t := o.asTime(name, raw)
	return &t
}

func (o *jsonObject) asTime(name string, raw json.RawMessage) time.Time {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		o.r.fail(o.at(name), "must be %s, not %s", timeHint, jsonKind(raw))
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		o.r.fail(o.at(name), "must be %s, not %q", timeHint, s)
		return time.Time{}
	}
	return t.UTC().Truncate(time.Second)
}

// list reads a field that must be a list; a missing or null one is empty
// when optional.
func (o *jsonObject) list(name string, required bool) []json.RawMessage {
	raw, ok := o.value(name)
	if !ok {
		if required {
			o.require(name)
		}
		return nil
	}
	return o.r.list(o.at(name), raw)
}
