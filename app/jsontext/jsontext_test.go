package jsontext

import (
	"encoding/json"
	"testing"
)

func TestKindAndNull(t *testing.T) {
	for raw, want := range map[string]string{`"x"`: "a string", ` {}`: "an object", `[1]`: "a list", `true`: "true or false",
		`null`: "null", `-3.5`: "a number (-3.5)", ``: "nothing"} {
		if got := Kind(json.RawMessage(raw)); got != want {
			t.Errorf("Kind(%q) = %q, want %q", raw, got, want)
		}
	}
	if !IsNull(json.RawMessage(" null ")) || IsNull(json.RawMessage(`"null"`)) {
		t.Errorf("IsNull misreads null")
	}
}

func TestPosition(t *testing.T) {
	data := []byte("{\n  \"a\": 1,\n  \"b\": x\n}")
	var v any
	line, col, cut, ok := Position(data, json.Unmarshal(data, &v))
	if !ok || line != 3 || col != 8 || cut {
		t.Errorf("Position = %d:%d cut %v ok %v, want 3:8", line, col, cut, ok)
	}
	short := []byte(`{"a": [1, 2`)
	if _, _, cut, ok := Position(short, json.Unmarshal(short, &v)); !ok || !cut {
		t.Errorf("a cut-short document is not reported as cut short")
	}
}
