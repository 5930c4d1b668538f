package charts

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var englishLabels = Labels{
	Title:          "ChatAI Pro — downtime against cost",
	XAxis:          "Month",
	Unusable:       "Unusable time",
	Official:       "Status page: major outage",
	Cost:           "Cost",
	Availability:   "Availability",
	FirstResponse:  "First response",
	FirstHuman:     "First human response",
	LongestSilence: "Longest silence",
	Empty:          "No data for this period yet",
	Hours:          "hours",
	ResponseTime:   "Response time",
	Ticket:         "Ticket",
	Service:        "Service",
}

var japaneseLabels = Labels{
	Title:          "ChatAI Pro — 停止時間と費用",
	XAxis:          "月",
	Unusable:       "停止時間",
	Cost:           "費用",
	Availability:   "可用性",
	FirstResponse:  "初回応答",
	FirstHuman:     "初回の人間による応答",
	LongestSilence: "最長の無応答",
	Empty:          "データがありません",
	Hours:          "時間",
	ResponseTime:   "応答時間",
	Ticket:         "問い合わせ",
	Service:        "サービス",
}

// year returns twelve months of a service that broke badly in its ninth
// month, the story Lapse is built for.
func year(japanese bool) ServiceMonthly {
	hours := []float64{0.5, 0, 3.2, 0, 12, 1.5, 0, 96, 240, 4, 0, 2}
	cost := []float64{20, 20, 20, 20, 20, 20, 25, 25, 25, 25, 25, 25}
	sm := ServiceMonthly{Service: "ChatAI Pro", Currency: "USD"}
	for i := range hours {
		label := fmt.Sprintf("%s 2025", []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}[i])
		if japanese {
			label = fmt.Sprintf("2025年%d月", i+1)
		}
		days := []float64{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[i]
		sm.Points = append(sm.Points, MonthPoint{
			Label:         label,
			UnusableHours: hours[i],
			Cost:          cost[i],
			Availability:  1 - hours[i]/(days*24),
		})
	}
	return sm
}

func tickets(japanese bool) []TicketPoint {
	names := []string{"#1042 login loop", "#1077 billing", "#1103 redirecting", "#1120 export fails", "#1131 slow replies"}
	if japanese {
		names = []string{"#1042 ログインできない", "#1077 請求", "#1103 リダイレクト", "#1120 エクスポート失敗", "#1131 応答が遅い"}
	}
	return []TicketPoint{
		{names[0], 0.2, 5.5, 30},
		{names[1], 1, 2, 6},
		{names[2], 0.1, 26, 216},
		{names[3], 4, math.NaN(), 120},
		{names[4], 0.5, 48, 72},
	}
}

func services(japanese bool) []ServiceTotal {
	t := []ServiceTotal{
		{"ChatAI Pro", 358, 270},
		{"Mailbox Plus", 6, 60},
		{"CloudDrive", 12.5, 120},
		{"NoteSync", 0, 48},
		{"VideoStream Premium Family Plan", 30, 216},
	}
	if japanese {
		t[1].Service = "メールボックス"
		t[3].Service = "ノート同期"
		t[4].Service = "動画配信プレミアムファミリープラン"
	}
	return t
}

// TestPreview writes sample charts for a person to look at, when
// LAPSE_CHART_PREVIEW names a directory.
func TestPreview(t *testing.T) {
	dir := os.Getenv("LAPSE_CHART_PREVIEW")
	if dir == "" {
		t.Skip("set LAPSE_CHART_PREVIEW=/tmp/charts-preview to write sample charts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	const w, h = 1024, 400
	many := ServiceMonthly{Service: "CloudDrive", Currency: "JPY"}
	for i := 0; i < 36; i++ {
		many.Points = append(many.Points, MonthPoint{
			Label:         fmt.Sprintf("%d-%02d", 2023+i/12, i%12+1),
			UnusableHours: float64((i * 7) % 11),
			Cost:          1200 + float64(i/12)*300,
			Availability:  1 - float64((i*7)%11)/720,
		})
	}
	single := ServiceMonthly{Service: "NoteSync", Currency: "EUR", Points: []MonthPoint{{Label: "Mar 2025", UnusableHours: 5, Cost: 9.99, Availability: 0.993}}}
	zeros := ServiceMonthly{Service: "NoteSync", Currency: "EUR", Points: []MonthPoint{{Label: "Jan", Availability: math.NaN()}, {Label: "Feb"}, {Label: "Mar"}}}
	titled := func(l Labels, title string) Labels {
		l.Title = title
		return l
	}
	enAvailability, jaAvailability := titled(englishLabels, "ChatAI Pro — availability"), titled(japaneseLabels, "ChatAI Pro — 可用性")
	enSupport, jaSupport := titled(englishLabels, "ChatAI Pro — support response times"), titled(japaneseLabels, "ChatAI Pro — サポートの応答時間")
	jaComparison := japaneseLabels
	jaComparison.Title = "サービス比較（過去12か月）"
	enComparison := englishLabels
	enComparison.Title = "All services, last 12 months"

	type sample struct {
		name string
		draw func(Format) ([]byte, error)
	}
	samples := []sample{
		{"cost-downtime-en", func(f Format) ([]byte, error) { return CostDowntime(year(false), englishLabels, w, h, f) }},
		{"cost-downtime-ja", func(f Format) ([]byte, error) { return CostDowntime(year(true), japaneseLabels, w, h, f) }},
		{"cost-downtime-36-months", func(f Format) ([]byte, error) { return CostDowntime(many, englishLabels, w, h, f) }},
		{"cost-downtime-single", func(f Format) ([]byte, error) { return CostDowntime(single, englishLabels, w, h, f) }},
		{"cost-downtime-zeros", func(f Format) ([]byte, error) { return CostDowntime(zeros, englishLabels, w, h, f) }},
		{"availability-en", func(f Format) ([]byte, error) { return Availability(year(false), enAvailability, w, h, f) }},
		{"availability-ja", func(f Format) ([]byte, error) { return Availability(year(true), jaAvailability, w, h, f) }},
		{"availability-36-months", func(f Format) ([]byte, error) { return Availability(many, enAvailability, w, h, f) }},
		{"support-en", func(f Format) ([]byte, error) { return SupportResponse(tickets(false), enSupport, w, h, f) }},
		{"support-ja", func(f Format) ([]byte, error) { return SupportResponse(tickets(true), jaSupport, w, h, f) }},
		{"comparison-en", func(f Format) ([]byte, error) { return Comparison(services(false), enComparison, "USD", w, h, f) }},
		{"comparison-ja", func(f Format) ([]byte, error) { return Comparison(services(true), jaComparison, "JPY", w, h, f) }},
		{"availability-dead-months", func(f Format) ([]byte, error) {
			return Availability(ServiceMonthly{Service: "NoteSync", Points: []MonthPoint{{"Jan", 0, 0, 0, 0}, {"Feb", 0, 0, nan, 0}, {"Mar", 0, 0, 0.5, 0}, {"Apr", 0, 0, 1, 0}}}, enAvailability, w, h, f)
		}},
		{"support-single", func(f Format) ([]byte, error) {
			return SupportResponse(tickets(false)[2:3], enSupport, w, h, f)
		}},
		{"comparison-single", func(f Format) ([]byte, error) {
			return Comparison(services(false)[:1], enComparison, "USD", w, h, f)
		}},
		{"empty-en", func(f Format) ([]byte, error) { return CostDowntime(ServiceMonthly{}, englishLabels, w, h, f) }},
		{"empty-ja", func(f Format) ([]byte, error) { return EmptyState(japaneseLabels.Empty, w, h, f) }},
		{"small-600x300-ja", func(f Format) ([]byte, error) { return CostDowntime(year(true), japaneseLabels, 600, 300, f) }},
		{"large-2048x800-en", func(f Format) ([]byte, error) { return CostDowntime(year(false), englishLabels, 2048, 800, f) }},
	}
	for _, s := range samples {
		for _, f := range []Format{PNG, SVG} {
			b, err := s.draw(f)
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			path := filepath.Join(dir, s.name+"."+f.String())
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
