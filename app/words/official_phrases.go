package words

// The line that sets a status page's word beside the user's ("Is it just
// me?"), for `lapse report` and the summary before cancelling; its own file
// so that other phrase owners do not edit the same lines.
func init() {
	for k, p := range map[string][2]string{ // [English, Japanese]; %[1]s the page's time, %[2]s the user's
		"official.line": {"The status page reported %[1]s of incidents in this period; you recorded %[2]s unusable.",
			"この期間にステータスページが報告した障害は%[1]sでした。あなたの記録では%[2]s利用できませんでした。"},
		"official.line_page_none": {"The status page reported no incidents in this period; you recorded %[2]s unusable.",
			"この期間、ステータスページは障害を報告していません。あなたの記録では%[2]s利用できませんでした。"},
		"official.line_me_none": {"The status page reported %[1]s of incidents in this period; you recorded no unusable time.",
			"この期間にステータスページが報告した障害は%[1]sでした。あなたの記録では利用できなかった時間はありません。"},
		"official.line_both_none": {"The status page reported no incidents in this period; you recorded no unusable time.",
			"この期間、ステータスページは障害を報告しておらず、あなたの記録でも利用できなかった時間はありません。"},
		"chart.official":            {"Status page: major outage", "ステータスページ: 重大な停止"},
		"report.official_incidents": {"Status page: official incidents", "ステータスページ: 公式の障害"},
		"report.official_link":      {"Link", "リンク"},
		"report.official_note": {"Incidents the vendor published on its status page, beside your own record; they are not added to your figures.",
			"ベンダーがステータスページで公表した障害です。あなたの記録と並べて示し、あなたの数値には加えていません。"},
	} {
		phrases[k] = p
	}
}
