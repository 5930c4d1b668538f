package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	in := `goos: linux
BenchmarkUIOverview/large-2 	       8	 150245531 ns/op	         4.597 code-ms	        15.46 floor-ms	        36.58 ui-ms	         1.9 x-bare-window
BenchmarkUIOverview/10x-2   	       8	 442212986 ns/op	        13.43 code-ms	        15.49 floor-ms	        84.31 ui-ms	         5.441 x-bare-window	         2.305 x-large
BenchmarkOverview/large-2 	10	 30000000 ns/op	 1.5 x-sqlite3	 1.62 cpu-x-sqlite3	 17 floor-ms
BenchmarkSearch-2 	5	 54000000 ns/op	 15.8 x-sqlite3
PASS
`
	var out bytes.Buffer
	results, err := check(strings.NewReader(in), &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.String() != in {
		t.Errorf("the benchmarks' output was not passed through:\n%s", out.String())
	}
	var rep bytes.Buffer
	failed := report(&rep, results)
	want := []string{
		"PASS  BenchmarkUIOverview/large ",
		"FAIL  BenchmarkUIOverview/10x ",
		"PASS  BenchmarkUIOverview/10x ", // its growth, 2.3×
		"PASS  BenchmarkOverview/large ",
	}
	for _, w := range want {
		if !strings.Contains(rep.String(), w) {
			t.Errorf("report lacks %q:\n%s", w, rep.String())
		}
	}
	if strings.Contains(rep.String(), "Search") {
		t.Errorf("a benchmark without a target was checked:\n%s", rep.String())
	}
	if !failed {
		t.Error("a ratio above its ceiling did not fail the check")
	}
	if failed := report(&rep, nil); !failed {
		t.Error("no ratio at all passed the check")
	}
}
