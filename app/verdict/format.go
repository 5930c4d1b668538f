package verdict

import (
	"fmt"
	"time"

	"lapse/app/journal"
	"lapse/app/words"
)

// pick returns ja in Japanese and en otherwise.
func pick(l words.Lang, en, ja string) string {
	if l == words.JA {
		return ja
	}
	return en
}

// money renders minor units with digit grouping and the code: "9.68 USD", "1,590 JPY".
func money(m journal.Money) string {
	return journal.FormatMoney(m.Amount, m.Currency)
}

// shortDate renders "3 Aug" or "8月3日".
func shortDate(d journal.Date, l words.Lang) string {
	if l == words.JA {
		return fmt.Sprintf("%d月%d日", int(d.Month), d.Day)
	}
	return fmt.Sprintf("%d %s", d.Day, d.Month.String()[:3])
}

// longDate renders "3 Aug 2026" or "2026年8月3日".
func longDate(d journal.Date, l words.Lang) string {
	if l == words.JA {
		return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%s %d", shortDate(d, l), d.Year)
}

// dateTime renders an instant in its own location: "1 Aug 09:00" or "8月1日 09:00".
func dateTime(t time.Time, l words.Lang) string {
	return fmt.Sprintf("%s %s", shortDate(journal.DateOf(t), l), t.Format("15:04"))
}

// days renders a count of days: "1 day", "30 days"; "30日".
func days(n int, l words.Lang) string {
	switch {
	case l == words.JA:
		return fmt.Sprintf("%d日", n)
	case n == 1:
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

// permille renders thousandths as a percentage with one decimal: 990 → "99.0%".
func permille(p int) string { return fmt.Sprintf("%d.%d%%", p/10, p%10) }

// hours is n hours.
func hours(n int) time.Duration { return time.Duration(n) * time.Hour }
