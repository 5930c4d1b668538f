package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"math/rand"
	"strings"
	"sync"
	"testing"
)

// kind is one chart function under test, fed from a list of months, which
// each kind turns into its own input.
type kind struct {
	name  string
	frame func(months []MonthPoint, l Labels, w, h int, f Format) (*frame, error)
	draw  func(months []MonthPoint, l Labels, w, h int, f Format) ([]byte, error)
}

var kinds = []kind{
	{
		name: "CostDowntimeOfficial",
		frame: func(m []MonthPoint, l Labels, w, h int, f Format) (*frame, error) {
			return costDowntime(ServiceMonthly{Service: "S", Currency: "USD", Points: m, Official: true}, l, w, h, f)
		},
		draw: func(m []MonthPoint, l Labels, w, h int, f Format) ([]byte, error) {
			return CostDowntime(ServiceMonthly{Service: "S", Currency: "USD", Points: m, Official: true}, l, w, h, f)
		},
	},
	{
		name: "CostDowntime",
		frame: func(m []MonthPoint, l Labels, w, h int, f Format) (*frame, error) {
			return costDowntime(ServiceMonthly{Service: "S", Currency: "USD", Points: m}, l, w, h, f)
		},
		draw: func(m []MonthPoint, l Labels, w, h int, f Format) ([]byte, error) {
			return CostDowntime(ServiceMonthly{Service: "S", Currency: "USD", Points: m}, l, w, h, f)
		},
	},
	{
		name: "Availability",
		frame: func(m []MonthPoint, l Labels, w, h int, f Format) (*frame, error) {
			return availability(ServiceMonthly{Service: "S", Points: m}, l, w, h, f)
		},
		draw: func(m []MonthPoint, l Labels, w, h int, f Format) ([]byte, error) {
			return Availability(ServiceMonthly{Service: "S", Points: m}, l, w, h, f)
		},
	},
	{
		name: "SupportResponse",
		frame: func(m []MonthPoint, l Labels, w, h int, f Format) (*frame, error) {
			return supportResponse(asTickets(m), l, w, h, f)
		},
		draw: func(m []MonthPoint, l Labels, w, h int, f Format) ([]byte, error) {
			return SupportResponse(asTickets(m), l, w, h, f)
		},
	},
	{
		name: "Comparison",
		frame: func(m []MonthPoint, l Labels, w, h int, f Format) (*frame, error) {
			return comparison(asTotals(m), l, "JPY", w, h, f)
		},
		draw: func(m []MonthPoint, l Labels, w, h int, f Format) ([]byte, error) {
			return Comparison(asTotals(m), l, "JPY", w, h, f)
		},
	},
}

// asTickets reads each month as a ticket: unusable hours as first
// response, cost as first human response, their sum as longest silence.
func asTickets(m []MonthPoint) []TicketPoint {
	var t []TicketPoint
	for _, p := range m {
		t = append(t, TicketPoint{Label: p.Label, FirstResponseHours: p.UnusableHours, FirstHumanHours: p.Cost, LongestSilenceHours: p.UnusableHours + p.Cost})
	}
	return t
}

// asTotals reads each month as a service's totals.
func asTotals(m []MonthPoint) []ServiceTotal {
	var t []ServiceTotal
	for _, p := range m {
		t = append(t, ServiceTotal{Service: p.Label, UnusableHours: p.UnusableHours, Cost: p.Cost})
	}
	return t
}

var nan = math.NaN()

func TestChartsDrawOrShowEmptyState(t *testing.T) {
	tests := []struct {
		name   string
		months []MonthPoint
		empty  bool // the empty state is expected instead of a chart
	}{
		{"data", year(false).Points, false},
		{"no data", nil, true},
		{"single point", []MonthPoint{{Label: "Mar 2025", UnusableHours: 5, Cost: 9.99, Availability: 0.993}}, false},
		{"all zeros", []MonthPoint{{Label: "Jan"}, {Label: "Feb"}, {Label: "Mar"}}, false},
		{"single zero", []MonthPoint{{Label: "Jan"}}, false},
		{"all NaN", []MonthPoint{{"Jan", nan, nan, nan, nan}, {"Feb", nan, nan, nan, nan}}, true},
		{"some NaN", []MonthPoint{{"Jan", 3, nan, 0.99, 1}, {"Feb", nan, 20, nan, nan}, {"Mar", 1, 20, 1, 0}}, false},
		{"infinite and negative", []MonthPoint{{"Jan", math.Inf(1), -5, -0.2, math.Inf(1)}, {"Feb", 2, math.Inf(-1), 1.5, -3}}, false},
	}
	for _, k := range kinds {
		for _, tt := range tests {
			for _, f := range []Format{PNG, SVG} {
				t.Run(fmt.Sprintf("%s/%s/%s", k.name, tt.name, f), func(t *testing.T) {
					const w, h = 640, 300
					months := tt.months
					// Availability only reads Availability; make the
					// availability-less cases mean the same for it.
					if k.name == "Availability" && tt.name == "all zeros" {
						months = []MonthPoint{{Label: "Jan"}, {Label: "Feb"}}
					}
					b, err := k.draw(months, englishLabels, w, h, f)
					if err != nil {
						t.Fatalf("draw: %v", err)
					}
					checkImage(t, b, w, h, f)

					fr, err := k.frame(months, englishLabels, w, h, f)
					if err != nil {
						t.Fatalf("frame: %v", err)
					}
					empty, err := emptyState(fr.title, englishLabels.Empty, w, h, f, lightPalette)
					if err != nil {
						t.Fatalf("empty state: %v", err)
					}
					// A chart that go-chart refused would also come out as
					// the empty state: the fallback is for the unforeseen.
					if got := bytes.Equal(b, empty); got != tt.empty {
						t.Fatalf("drew the empty state: %v, want %v", got, tt.empty)
					}
				})
			}
		}
	}
}

// checkImage checks that b is a w×h picture with something drawn on it.
func checkImage(t *testing.T, b []byte, w, h int, f Format) {
	t.Helper()
	switch f {
	case PNG:
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("decode png: %v", err)
		}
		if got := img.Bounds().Size(); got != image.Pt(w, h) {
			t.Fatalf("size %v, want %dx%d", got, w, h)
		}
		if n := colors(img); n < 3 {
			t.Fatalf("%d distinct colours: the picture is blank", n)
		}
	case SVG:
		checkSVG(t, b, w, h)
	}
}

// colors counts the distinct colours of img, up to 16.
func colors(img image.Image) int {
	seen := map[[4]uint32]bool{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, b, a}] = true
			if len(seen) >= 16 {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// checkSVG checks that b is well-formed XML: an svg of w×h holding drawings.
func checkSVG(t *testing.T, b []byte, w, h int) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	elements := 0
	var root xml.StartElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("svg is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if elements == 0 {
				root = se
			}
			elements++
		}
	}
	if root.Name.Local != "svg" {
		t.Fatalf("root element %q, want svg", root.Name.Local)
	}
	attrs := map[string]string{}
	for _, a := range root.Attr {
		attrs[a.Name.Local] = a.Value
	}
	if attrs["width"] != fmt.Sprint(w) || attrs["height"] != fmt.Sprint(h) {
		t.Fatalf("svg size %s×%s, want %d×%d", attrs["width"], attrs["height"], w, h)
	}
	if elements < 3 {
		t.Fatalf("svg holds %d elements: nothing drawn", elements)
	}
}

func TestEmptyStateDiffersFromChart(t *testing.T) {
	const w, h = 1024, 400
	chartPNG, err := CostDowntime(year(false), englishLabels, w, h, PNG)
	if err != nil {
		t.Fatal(err)
	}
	emptyPNG, err := EmptyState(englishLabels.Empty, w, h, PNG)
	if err != nil {
		t.Fatal(err)
	}
	checkImage(t, emptyPNG, w, h, PNG)
	if bytes.Equal(chartPNG, emptyPNG) {
		t.Fatal("the empty state is the same picture as a chart")
	}
	// The empty state is light: its corner is the light background.
	img, err := png.Decode(bytes.NewReader(emptyPNG))
	if err != nil {
		t.Fatal(err)
	}
	if r, g, b, _ := img.At(1, 1).RGBA(); r>>8 < 230 || g>>8 < 230 || b>>8 < 230 {
		t.Fatalf("empty-state background (%d,%d,%d) is not light", r>>8, g>>8, b>>8)
	}
	// Its sentence is drawn: different sentences, different pictures.
	otherPNG, err := EmptyState(japaneseLabels.Empty, w, h, PNG)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(emptyPNG, otherPNG) {
		t.Fatal("the empty state does not show its sentence")
	}
}

func TestImpossibleRequests(t *testing.T) {
	tests := []struct {
		name string
		w, h int
		f    Format
	}{
		{"zero width", 0, 400, PNG},
		{"negative height", 1024, -1, SVG},
		{"unknown format", 1024, 400, Format(7)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range kinds {
				if _, err := k.draw(year(false).Points, englishLabels, tt.w, tt.h, tt.f); err == nil {
					t.Errorf("%s: no error", k.name)
				}
				if _, err := k.draw(nil, englishLabels, tt.w, tt.h, tt.f); err == nil {
					t.Errorf("%s without data: no error", k.name)
				}
			}
			if _, err := EmptyState("x", tt.w, tt.h, tt.f); err == nil {
				t.Error("EmptyState: no error")
			}
		})
	}
}

func TestFontCoversJapanese(t *testing.T) {
	ft, err := japaneseFont()
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{"停止時間", "費用", "月", "可用性", "初回応答", "データがありません", "2025年1月", "最長の無応答", "（過去12か月）…"}
	for _, text := range texts {
		for _, r := range text {
			if ft.Index(r) == 0 {
				t.Errorf("font has no glyph for %q in %q", r, text)
			}
		}
	}

	const w, h = 1024, 400
	ja, err := CostDowntime(year(true), japaneseLabels, w, h, PNG)
	if err != nil {
		t.Fatal(err)
	}
	checkImage(t, ja, w, h, PNG)
	en, err := CostDowntime(year(false), englishLabels, w, h, PNG)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(ja, en) {
		t.Fatal("Japanese labels drew the same picture as English ones")
	}
}

func TestSVGEscapesText(t *testing.T) {
	totals := []ServiceTotal{{Service: `A&B <"Pro">`, UnusableHours: 3, Cost: 10}, {Service: "C", UnusableHours: 1, Cost: 5}}
	b, err := Comparison(totals, englishLabels, "USD", 1024, 400, SVG)
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b, 1024, 400)
	if !bytes.Contains(b, []byte("A&amp;B &lt;&#34;Pro&#34;&gt;")) {
		t.Fatalf("escaped service name not found in %s", b)
	}
	if bytes.Contains(b, []byte("????")) {
		t.Fatal("svg names the font by its mangled Japanese name")
	}
}

func TestScales(t *testing.T) {
	tests := []struct {
		name      string
		top       float64
		intervals int
		want      string // tick labels
	}{
		{"hours of a bad month", 240, 5, "0 50 100 150 200 250"},
		{"headroom above a round top", 25, 6, "0 5 10 15 20 25 30"},
		{"yen", 12000, 5, "0 2,500 5,000 7,500 10,000 12,500"},
		{"small amounts", 0.3, 4, "0.0 0.1 0.2 0.3 0.4"},
		{"all zeros get a nominal range", 0, 5, "0.0 0.2 0.4 0.6 0.8 1.0"},
		{"no fractional steps of 2.5", 9, 4, "0 5 10 15 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tickLabels(zeroScale(tt.top, tt.intervals, formatNumber)); got != tt.want {
				t.Fatalf("ticks %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPercentScale(t *testing.T) {
	tests := []struct {
		name   string
		lowest float64
		want   string
	}{
		{"perfect year starts at 90%", 100, "90% 92% 94% 96% 98% 100%"},
		{"a bad month goes 1 point lower", 66.6, "50% 60% 70% 80% 90% 100%"},
		{"a dead month starts at zero", 0, "0% 20% 40% 60% 80% 100%"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tickLabels(percentScale(tt.lowest, 5)); got != tt.want {
				t.Fatalf("ticks %q, want %q", got, tt.want)
			}
		})
	}
}

func tickLabels(s scale) string {
	var l []string
	for _, t := range s.ticks {
		l = append(l, t.Label)
	}
	return strings.Join(l, " ")
}

func TestIntervalsShareGridLines(t *testing.T) {
	// 240 hours and 25 USD: six intervals give 0..300 and 0..30, both
	// close to their data; five would stretch the cost axis to 0..50.
	if got := intervals(5, 240, 25); got != 6 {
		t.Fatalf("intervals %d, want 6", got)
	}
}

func TestAvailabilityLabel(t *testing.T) {
	tests := []struct {
		v    float64
		want string
	}{
		{100, "100%"},
		{99.996, "99.99%"},
		{99.96, "99.96%"},
		{95.169, "95.16%"}, // as the tile prints it: floored to two decimals
		{87.09, "87.09%"},
		{0, "0.00%"},
	}
	for _, tt := range tests {
		if got := availabilityLabel(tt.v); got != tt.want {
			t.Errorf("availabilityLabel(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		d    int
		want string
	}{
		{0, 0, "0"},
		{999, 0, "999"},
		{1000, 0, "1,000"},
		{1234567.5, 1, "1,234,567.5"},
		{-2500, 0, "-2,500"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.d); got != tt.want {
			t.Errorf("formatNumber(%v, %d) = %q, want %q", tt.v, tt.d, got, tt.want)
		}
	}
}

func TestCategoryLabels(t *testing.T) {
	ft, err := japaneseFont()
	if err != nil {
		t.Fatal(err)
	}
	ts := newTypeset(ft, 92)
	var months []string
	for i := 0; i < 36; i++ {
		months = append(months, fmt.Sprintf("%d-%02d", 2023+i/12, i%12+1))
	}

	t.Run("months fit at full width", func(t *testing.T) {
		ticks := newBandRange(months[:12], false, ts, sizeText, 14).labelTicks(900)
		if len(ticks) != 12 {
			t.Fatalf("%d labels, want 12", len(ticks))
		}
	})
	t.Run("many months are thinned, never cut", func(t *testing.T) {
		ticks := newBandRange(months, false, ts, sizeText, 14).labelTicks(900)
		if len(ticks) >= 36 || len(ticks) < 6 {
			t.Fatalf("%d labels, want a thinned 6..35", len(ticks))
		}
		step := ticks[1].Value - ticks[0].Value
		room := 900/36*step - 14
		for _, tk := range ticks {
			if tk.Label != months[int(tk.Value)] {
				t.Fatalf("label %q at %v, want %q", tk.Label, tk.Value, months[int(tk.Value)])
			}
			if w := ts.width(tk.Label, sizeText); float64(w) > room {
				t.Fatalf("label %q is %dpx wide in %vpx", tk.Label, w, room)
			}
		}
	})
	t.Run("long names are shortened", func(t *testing.T) {
		names := []string{"VideoStream Premium Family Plan", "動画配信プレミアムファミリープラン", "Mail"}
		ticks := newBandRange(names, true, ts, sizeText, 14).labelTicks(400)
		if len(ticks) != 3 {
			t.Fatalf("%d labels, want 3", len(ticks))
		}
		for i, tk := range ticks[:2] {
			if !strings.HasSuffix(tk.Label, ellipsis) || !strings.HasPrefix(names[i], strings.TrimSuffix(tk.Label, ellipsis)) {
				t.Fatalf("label %q is not a shortened %q", tk.Label, names[i])
			}
		}
		if ticks[2].Label != "Mail" {
			t.Fatalf("short name became %q", ticks[2].Label)
		}
	})
}

func TestWrap(t *testing.T) {
	ft, err := japaneseFont()
	if err != nil {
		t.Fatal(err)
	}
	ts := newTypeset(ft, 92)
	tests := []struct {
		name string
		text string
		max  int
	}{
		{"English at spaces", "No outages or charges were recorded in this period", 150},
		{"Japanese between letters", "この期間に記録された停止や請求はありません", 120},
		{"Japanese comma never starts a line", "この期間に記録された停止、請求、返信はありません", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.max == 0 { // the width that puts 、 first on the second line
				tt.max = ts.width(strings.SplitN(tt.text, "、", 2)[0], sizeEmpty)
			}
			lines := ts.wrap(tt.text, sizeEmpty, tt.max)
			for _, l := range lines {
				if strings.ContainsAny(l[:len(string([]rune(l)[0]))], noLineStart) {
					t.Errorf("line %q starts with a letter that may not start a line", l)
				}
			}
			if len(lines) < 2 {
				t.Fatalf("wrapped into %q, want several lines", lines)
			}
			for _, l := range lines {
				if ts.width(l, sizeEmpty) > tt.max {
					t.Fatalf("line %q wider than %d", l, tt.max)
				}
			}
			joined := strings.Join(lines, "")
			if strings.Join(strings.Fields(tt.text), "") != strings.ReplaceAll(joined, " ", "") {
				t.Fatalf("wrapping lost text: %q", lines)
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Jan\n2025\t", "Jan 2025"},
		{"a\x00b", "a b"},
		{"bad\xffutf8", "badutf8"},
		{"停止 時間", "停止 時間"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestConcurrentRendering(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			f := Format(i % 2)
			if _, err := CostDowntime(year(i%2 == 0), japaneseLabels, 400, 200, f); err != nil {
				errs <- err
			}
			if _, err := EmptyState("データがありません", 200, 100, f); err != nil {
				errs <- err
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// TestRandomInputsNeverFail feeds every chart random, often absurd input
// (fixed seed): none may panic, fail or give a picture of the wrong size.
func TestRandomInputsNeverFail(t *testing.T) {
	rng := rand.New(rand.NewSource(20250101))
	values := []float64{0, 0, 1, 0.5, 3.25, 720, 1e6, 1e300, -1, -1e300, 1e-300, nan, math.Inf(1), math.Inf(-1), 0.9999, 1.5}
	labels := []string{"", " ", "Jan", "2025年1月", strings.Repeat("very long service name ", 8), "A&B<c>", "\x00\n\t", "\xff\xfe", "🙂", "\u200b"}
	value := func() float64 {
		if rng.Intn(3) == 0 {
			return rng.Float64() * 500
		}
		return values[rng.Intn(len(values))]
	}
	for i := 0; i < 60; i++ {
		n := rng.Intn(6)
		if rng.Intn(4) == 0 {
			n = rng.Intn(120)
		}
		months := make([]MonthPoint, n)
		for j := range months {
			months[j] = MonthPoint{Label: labels[rng.Intn(len(labels))], UnusableHours: value(), Cost: value(), Availability: value()}
		}
		l := englishLabels
		if rng.Intn(2) == 0 {
			l = japaneseLabels
		}
		if rng.Intn(4) == 0 {
			l = Labels{Title: labels[rng.Intn(len(labels))]}
		}
		w, h := 1+rng.Intn(1200), 1+rng.Intn(600)
		f := Format(rng.Intn(2))
		k := kinds[rng.Intn(len(kinds))]
		name := fmt.Sprintf("%d/%s/%d-points/%dx%d/%s", i, k.name, n, w, h, f)
		t.Run(name, func(t *testing.T) {
			b, err := k.draw(months, l, w, h, f)
			if err != nil {
				t.Fatalf("draw: %v", err)
			}
			fr, err := k.frame(months, l, w, h, f)
			if err != nil {
				t.Fatalf("frame: %v", err)
			}
			if len(fr.series) > 0 {
				mustBeChart(t, b, fr)
			}
			if f == PNG {
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if got := img.Bounds().Size(); got != image.Pt(w, h) {
					t.Fatalf("size %v, want %dx%d", got, w, h)
				}
			} else {
				checkSVG(t, b, w, h)
			}
		})
	}
}

func TestExtremeSizes(t *testing.T) {
	sizes := []image.Point{{1, 1}, {3, 200}, {200, 3}, {120, 80}, {2048, 800}}
	for _, k := range kinds {
		for _, size := range sizes {
			for _, f := range []Format{PNG, SVG} {
				t.Run(fmt.Sprintf("%s/%dx%d/%s", k.name, size.X, size.Y, f), func(t *testing.T) {
					b, err := k.draw(year(false).Points, englishLabels, size.X, size.Y, f)
					if err != nil {
						t.Fatalf("draw: %v", err)
					}
					fr, err := k.frame(year(false).Points, englishLabels, size.X, size.Y, f)
					if err != nil {
						t.Fatalf("frame: %v", err)
					}
					mustBeChart(t, b, fr)
					if f == SVG {
						checkSVG(t, b, size.X, size.Y)
						return
					}
					img, err := png.Decode(bytes.NewReader(b))
					if err != nil {
						t.Fatalf("decode: %v", err)
					}
					if got := img.Bounds().Size(); got != size {
						t.Fatalf("size %v, want %v", got, size)
					}
				})
			}
		}
	}
}

// mustBeChart fails the test when b, drawn from a frame with series, is the
// empty state: go-chart refused (or panicked on) the chart.
func mustBeChart(t *testing.T, b []byte, fr *frame) {
	t.Helper()
	empty, err := emptyState(fr.title, fr.empty, fr.w, fr.h, fr.format, fr.pal)
	if err != nil {
		t.Fatalf("empty state: %v", err)
	}
	if bytes.Equal(b, empty) {
		_, err := renderChart(fr.chart(), fr.format)
		t.Fatalf("go-chart refused the chart: %v", err)
	}
}

// The status page's time is its own series, in the legend, only for a
// service that has official incidents.
func TestCostDowntimeOfficialSeries(t *testing.T) {
	points := []MonthPoint{{Label: "Jan", UnusableHours: 5, Cost: 20, OfficialHours: 1}, {Label: "Feb", Cost: 20, OfficialHours: nan}}
	for _, official := range []bool{true, false} {
		b, err := CostDowntime(ServiceMonthly{Service: "S", Currency: "USD", Points: points, Official: official}, englishLabels, 640, 300, SVG)
		if err != nil {
			t.Fatal(err)
		}
		if got := bytes.Contains(b, []byte(englishLabels.Official)); got != official {
			t.Errorf("official %v: the legend names the status page: %v", official, got)
		}
	}
}

// A chart for a dark window has a dark background and light text; without
// Dark (exports, print) it stays light.
func TestDarkPalette(t *testing.T) {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xffff
	}
	for _, dark := range []bool{false, true} {
		l := englishLabels
		l.Dark = dark
		for _, k := range kinds {
			for _, months := range [][]MonthPoint{year(false).Points, nil} {
				b, err := k.draw(months, l, 640, 300, PNG)
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				if bg := lum(img.At(2, 2)); dark != (bg < 0.3) {
					t.Errorf("%s (%d months), dark %v: background luminance %.2f", k.name, len(months), dark, bg)
				}
			}
		}
	}
}
