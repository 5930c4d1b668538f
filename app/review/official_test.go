package review_test

import (
	"testing"
	"time"

	"lapse/app/review"
	"lapse/app/words"
)

func TestOfficialLine(t *testing.T) {
	some := review.OfficialFigures{Incidents: 2, Time: 130 * time.Minute}
	for _, tc := range []struct {
		f     review.OfficialFigures
		lived time.Duration
		l     words.Lang
		want  string
	}{
		{some, 363 * time.Hour, words.EN, "The status page reported 2 hours 10 minutes of incidents in this period; you recorded 15 days 3 hours unusable."},
		{some, 363 * time.Hour, words.JA, "この期間にステータスページが報告した障害は2時間10分でした。あなたの記録では15日3時間利用できませんでした。"},
		{review.OfficialFigures{}, 15 * 24 * time.Hour, words.EN, "The status page reported no incidents in this period; you recorded 15 days unusable."},
		{some, 0, words.EN, "The status page reported 2 hours 10 minutes of incidents in this period; you recorded no unusable time."},
		{review.OfficialFigures{}, 0, words.JA, "この期間、ステータスページは障害を報告しておらず、あなたの記録でも利用できなかった時間はありません。"},
	} {
		if got := review.OfficialLine(tc.f, tc.lived, tc.l); got != tc.want {
			t.Errorf("OfficialLine(%+v, %v, %s) =\n%s\nwant\n%s", tc.f, tc.lived, tc.l, got, tc.want)
		}
	}
}
