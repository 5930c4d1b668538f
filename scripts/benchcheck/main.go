// Benchcheck reads `go test -bench` output on standard input, passes it
// through, and ends with the targets checked: each ratio against
// its ceiling, PASS or FAIL, exiting 1 when one fails. `make bench` and
// `make bench-10x` pipe their benchmarks through it.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// target is a ceiling on one metric of the benchmarks whose name matches.
type target struct {
	bench  *regexp.Regexp
	metric string
	max    float64
	what   string
}

var targets = []target{
	{regexp.MustCompile(`^BenchmarkUI`), "x-bare-window", 2, "UI thread ≤ 2× a bare window"},
	{regexp.MustCompile(`^Benchmark(Overview|ServiceFigures)/`), "cpu-x-sqlite3", 2, "figures ≤ 2× the sqlite3 shell (CPU)"},
	{regexp.MustCompile(`^Benchmark`), "x-large", 12, "10× journal ≤ 12× the large one"},
	{regexp.MustCompile(`^Benchmark`), "cpu-x-large", 12, "10× journal ≤ 12× the large one (CPU)"},
}

// result is one checked metric of one benchmark.
type result struct {
	bench, what string
	value, max  float64
}

func main() {
	results, err := check(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchcheck:", err)
		os.Exit(2)
	}
	failed := report(os.Stdout, results)
	if failed {
		os.Exit(1)
	}
}

// check copies in to out and collects the metrics the targets name.
func check(in io.Reader, out io.Writer) ([]result, error) {
	var results []result
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		fmt.Fprintln(out, line)
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0] // without the -GOMAXPROCS suffix
		if i := strings.LastIndex(f[0], "-"); i > 0 {
			if _, err := strconv.Atoi(f[0][i+1:]); err == nil {
				name = f[0][:i]
			}
		}
		// After the name and the iterations come value-unit pairs.
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				break
			}
			for _, t := range targets {
				if t.metric == f[i+1] && t.bench.MatchString(name) {
					results = append(results, result{bench: name, what: t.what, value: v, max: t.max})
				}
			}
		}
	}
	return results, sc.Err()
}

// report prints one line per checked ratio and says whether any failed.
func report(out io.Writer, results []result) (failed bool) {
	if len(results) == 0 {
		fmt.Fprintln(out, "\nbenchcheck: no ratio to check (were the benchmarks skipped?)")
		return true
	}
	fmt.Fprintln(out, "\nTargets (issue 11):")
	for _, r := range results {
		verdict := "PASS"
		if r.value > r.max {
			verdict, failed = "FAIL", true
		}
		fmt.Fprintf(out, "  %s  %-44s %6.2f× (≤ %g×)  %s\n", verdict, r.bench, r.value, r.max, r.what)
	}
	return failed
}
