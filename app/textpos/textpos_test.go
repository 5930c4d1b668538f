package textpos

import "testing"

func TestBadByte(t *testing.T) {
	for _, c := range []struct {
		data string
		want string
	}{
		{"all fine, ünïcödé\n", "no byte"},
		{"", "no byte"},
		{"\xff", "line 1, byte offset 0 (0xFF)"},
		{"first\nsecond \xe3\x81 cut", "line 2, byte offset 13 (0xE3)"},
		{"日本\n語\n\x80", "line 3, byte offset 11 (0x80)"},
	} {
		if got := BadByte([]byte(c.data)); got != c.want {
			t.Errorf("BadByte(%q) = %q, want %q", c.data, got, c.want)
		}
	}
}
