package words

import (
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	tests := []struct {
		d      time.Duration
		en, ja string
	}{
		{30 * time.Second, "less than a minute", "1分未満"},
		{time.Minute, "1 minute", "1分"},
		{45 * time.Minute, "45 minutes", "45分"},
		{time.Hour, "1 hour", "1時間"},
		{3*time.Hour + 20*time.Minute, "3 hours 20 minutes", "3時間20分"},
		{8*24*time.Hour + 12*time.Hour + 59*time.Minute, "8 days 12 hours", "8日12時間"},
		{24 * time.Hour, "1 day", "1日"},
		{14*24*time.Hour + 6*time.Hour, "14 days 6 hours", "14日6時間"},
		{-2 * time.Hour, "2 hours", "2時間"},
	}
	for _, tc := range tests {
		if got := Duration(tc.d, EN); got != tc.en {
			t.Errorf("Duration(%v, en) = %q, want %q", tc.d, got, tc.en)
		}
		if got := Duration(tc.d, JA); got != tc.ja {
			t.Errorf("Duration(%v, ja) = %q, want %q", tc.d, got, tc.ja)
		}
	}
}

func TestPhrasesComplete(t *testing.T) {
	for k, p := range phrases {
		if p[0] == "" || p[1] == "" {
			t.Errorf("phrase %q lacks a language: %q", k, p)
		}
	}
	if T(JA, "chart.month") != "月" || T(EN, "chart.month") != "Month" {
		t.Errorf("T picks the wrong language")
	}
}

func TestShort(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "<1m", 45 * time.Minute: "45m", 18*time.Hour + 48*time.Minute: "18h 48m", 5 * time.Hour: "5h",
		14*24*time.Hour + 17*time.Hour + 5*time.Minute: "14d 17h", 48 * time.Hour: "2d",
	} {
		if got := Short(d, EN); got != want {
			t.Errorf("Short(%v) = %q, want %q", d, got, want)
		}
	}
	if got := Short(3*time.Hour, JA); got != "3時間" {
		t.Errorf("Short in Japanese = %q", got)
	}
}

func TestShowBidi(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                       "plain",
		"evil\u202Etxt.exe":           "evil<U+202E>txt.exe",
		"\u202A\u202B\u202C\u202D":    "<U+202A><U+202B><U+202C><U+202D>",
		"\u2066a\u2067b\u2068c\u2069": "<U+2066>a<U+2067>b<U+2068>c<U+2069>",
		"\u200E\u200F\u061C":          "<U+200E><U+200F><U+061C>",
		"日本語\u200Bのまま":                "日本語\u200Bのまま", // a zero-width space reorders nothing
	} {
		if got := ShowBidi(in); got != want {
			t.Errorf("ShowBidi(%q) = %q, want %q", in, got, want)
		}
	}
}
