// Package words renders Lapse's figures as phrases in English or Japanese.
// Exports and verdict reasons are written in a language the user picks per
// document, so this cannot go through the UI's translation catalogue.
package words

import (
	"fmt"
	"time"
)

// Lang is a language Lapse writes: "en" or "ja".
type Lang string

// Languages Lapse writes.
const (
	EN Lang = "en"
	JA Lang = "ja"
)

// Parse returns JA for "ja" and EN for anything else.
func Parse(s string) Lang {
	if s == "ja" {
		return JA
	}
	return EN
}

// Duration renders d with its two largest units: "8 days 12 hours",
// "3 hours 20 minutes", "45 minutes"; in Japanese "8日12時間", "3時間20分".
func Duration(d time.Duration, l Lang) string {
	if d < 0 {
		d = -d
	}
	if d < time.Minute {
		if l == JA {
			return "1分未満"
		}
		return "less than a minute"
	}
	mins := int64(d / time.Minute)
	days, hours, minutes := mins/(24*60), mins/60%24, mins%60
	switch {
	case days > 0 && hours > 0:
		return join(unit(days, "day", l), unit(hours, "hour", l), l)
	case days > 0:
		return unit(days, "day", l)
	case hours > 0 && minutes > 0:
		return join(unit(hours, "hour", l), unit(minutes, "minute", l), l)
	case hours > 0:
		return unit(hours, "hour", l)
	}
	return unit(minutes, "minute", l)
}

var jaUnits = map[string]string{"day": "日", "hour": "時間", "minute": "分"}

func unit(n int64, name string, l Lang) string {
	if l == JA {
		return fmt.Sprintf("%d%s", n, jaUnits[name])
	}
	if n == 1 {
		return "1 " + name
	}
	return fmt.Sprintf("%d %ss", n, name)
}

// join puts two units together: a space in English, nothing in Japanese.
func join(a, b string, l Lang) string {
	if l == JA {
		return a + b
	}
	return a + " " + b
}

// Short renders d compactly for table cells: "14d 17h", "18h 48m", "45m";
// in Japanese the same as Duration ("14日17時間").
func Short(d time.Duration, l Lang) string {
	if l == JA {
		return Duration(d, l)
	}
	if d < 0 {
		d = -d
	}
	if d < time.Minute {
		return "<1m"
	}
	mins := int64(d / time.Minute)
	days, hours, minutes := mins/(24*60), mins/60%24, mins%60
	switch {
	case days > 0 && hours > 0:
		return fmt.Sprintf("%dd %dh", days, hours)
	case days > 0:
		return fmt.Sprintf("%dd", days)
	case hours > 0 && minutes > 0:
		return fmt.Sprintf("%dh %dm", hours, minutes)
	case hours > 0:
		return fmt.Sprintf("%dh", hours)
	}
	return fmt.Sprintf("%dm", minutes)
}
