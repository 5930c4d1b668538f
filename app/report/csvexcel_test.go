package report

import (
	"bytes"
	"encoding/csv"
	"testing"

	"lapse/app/words"
)

// Every CSV table opens in Excel as UTF-8 (a byte order mark first) with
// RFC 4180 CRLF line ends, and still parses to the same rows.
func TestCSVHasBOMAndCRLF(t *testing.T) {
	f := newFixture(t)
	s := f.october(t, f.hostile, words.JA)
	for _, name := range Tables {
		b, err := s.CSV(name)
		must(t, err)
		if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
			t.Errorf("%s: no UTF-8 byte order mark: % x", name, b[:min(3, len(b))])
		}
		if n, crlf := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); n == 0 || n != crlf {
			t.Errorf("%s: %d line ends, %d of them CRLF", name, n, crlf)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}))).ReadAll()
		must(t, err)
		want, err := s.table(name)
		must(t, err)
		if len(rows) != len(want) || rows[0][0] != want[0][0] {
			t.Errorf("%s: %d rows starting %q, want %d starting %q", name, len(rows), rows[0][0], len(want), want[0][0])
		}
	}
}
