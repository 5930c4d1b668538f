package words

// phrases holds the sentences exports, charts and reasons use, by key, in
// each language. A test checks every key has both.
var phrases = map[string][2]string{ // [English, Japanese]
	"chart.month":           {"Month", "月"},
	"chart.unusable":        {"Unusable time", "利用不能時間"},
	"chart.cost":            {"Cost", "費用"},
	"chart.availability":    {"Availability", "可用性"},
	"chart.first_response":  {"First response", "初回応答"},
	"chart.first_human":     {"First human reply", "担当者の初回返信"},
	"chart.longest_silence": {"Longest silence", "最長の無応答"},
	"chart.empty":           {"Nothing recorded in this period yet", "この期間の記録はまだありません"},
	"chart.hours":           {"hours", "時間"},
	"chart.response_time":   {"Response time", "応答時間"},
	"chart.ticket":          {"Ticket", "問い合わせ"},
	"chart.service":         {"Service", "サービス"},
	"chart.cost_downtime":   {"Unusable time and cost by month", "月別の利用不能時間と費用"},
	"chart.availability_by": {"Availability by month", "月別の可用性"},
	"chart.support":         {"Support response times", "サポートの応答時間"},
	"chart.comparison":      {"All services: unusable time and cost", "全サービス：利用不能時間と費用"},
}

// T returns the phrase key in language l; an unknown key returns itself.
func T(l Lang, key string) string {
	p, ok := phrases[key]
	if !ok {
		return key
	}
	if l == JA {
		return p[1]
	}
	return p[0]
}
