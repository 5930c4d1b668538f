package report

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/review"
	"lapse/app/words"
)

// t is the label key in the summary's language.
func (s *Summary) t(key string) string { return words.T(s.Lang, key) }

// tf is the label key with its verbs filled.
func (s *Summary) tf(key string, args ...any) string {
	return fmt.Sprintf(words.T(s.Lang, key), args...)
}

// pick returns ja in Japanese and en otherwise.
func pick(l words.Lang, en, ja string) string {
	if l == words.JA {
		return ja
	}
	return en
}

// dateText renders "25 Sep 2026" or "2026年9月25日".
func dateText(d journal.Date, l words.Lang) string {
	if l == words.JA {
		return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%d %s %d", d.Day, d.Month.String()[:3], d.Year)
}

// date renders the calendar day of t in the user's zone.
func (s *Summary) date(t time.Time) string { return dateText(journal.DateOf(t.In(s.Location)), s.Lang) }

// dateTime renders t in the user's zone: "25 Sep 2026 09:00", "2026年9月25日 09:00".
func (s *Summary) dateTime(t time.Time) string {
	return s.date(t) + " " + t.In(s.Location).Format("15:04")
}

// dur renders d in words ("14 days 5 hours", "14日5時間"); zero is "0".
func (s *Summary) dur(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	return words.Duration(d, s.Lang)
}

// short renders d compactly for table cells ("14d 5h", "14日5時間").
func (s *Summary) short(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	return words.Short(d, s.Lang)
}

// moneyText renders "1,234.50 USD".
func moneyText(m journal.Money) string {
	return journal.FormatMoney(m.Amount, m.Currency)
}

// homeMoney renders minor units of the home currency.
func (s *Summary) homeMoney(minor int64) string {
	return moneyText(journal.Money{Amount: minor, Currency: s.Home})
}

// availability renders an availability as "95.90%", or "—" before the period began.
func availability(a *figures.Availability) string { return review.AvailabilityText(a) }

// billingText renders a billing period: "month", "3 months"; "月", "3か月".
func billingText(p journal.Period, l words.Lang) string {
	if l == words.JA {
		one := map[journal.PeriodUnit]string{journal.Days: "日", journal.Weeks: "週", journal.Months: "月", journal.Years: "年"}
		many := map[journal.PeriodUnit]string{journal.Days: "日", journal.Weeks: "週間", journal.Months: "か月", journal.Years: "年"}
		if p.N == 1 {
			return one[p.Unit]
		}
		return fmt.Sprintf("%d%s", p.N, many[p.Unit])
	}
	if p.N == 1 {
		return string(p.Unit)
	}
	return fmt.Sprintf("%d %ss", p.N, p.Unit)
}

// priceText renders a plan's price now: "20.00 USD / month", "20.00 USD／月".
func (s *Summary) priceText(sub *journal.Subscription) string {
	price := sub.PriceOn(journal.DateOf(s.AsOf.In(s.Location)))
	return moneyText(journal.Money{Amount: price, Currency: sub.Currency}) + pick(s.Lang, " / ", "／") + billingText(sub.Period, s.Lang)
}

// periodText renders the period: "1 Dec 2025 – 25 Nov 2026".
func (s *Summary) periodText() string {
	return dateText(s.FirstDay(), s.Lang) + " – " + dateText(s.LastDay(), s.Lang)
}

// label is the translated name of an enumerated value (impact, author, channel, ...).
func (s *Summary) label(kind, value string) string {
	if value == "" {
		value = "open"
	}
	key := "report." + kind + "." + value
	if t := s.t(key); t != key {
		return t
	}
	return value
}

// author renders who wrote a message: "support (person) — Dana".
func (s *Summary) author(m *journal.Message) string {
	a := s.label("author", string(m.Author))
	if name := oneLine(m.From); name != "" {
		return a + " — " + name
	}
	return a
}

// ticketName is how a ticket is named in the summary: its reference, else its number.
func ticketName(t *journal.Ticket) string {
	if r := oneLine(t.Reference); r != "" {
		return r
	}
	return fmt.Sprintf("#%d", t.ID)
}

// messageText is a message's summary, else its body.
func messageText(m *journal.Message) string {
	if m.Summary != "" {
		return m.Summary
	}
	return m.Body
}

// stepText renders a troubleshooting step: "Cleared cache (no change)".
func stepText(st journal.Step, l words.Lang) string {
	a, r := oneLine(st.Action), oneLine(st.Result)
	if r == "" {
		return a
	}
	return a + pick(l, " ("+r+")", "（"+r+"）")
}

// list joins items: "a, b, c" or "a、b、c".
func list(items []string, l words.Lang) string {
	return strings.Join(items, pick(l, ", ", "、"))
}

// oneLine turns any run of white space or control characters into one
// space: labels and table cells are single lines. Bidirectional controls
// are shown as their codes ("<U+202E>"), never obeyed.
func oneLine(s string) string {
	s = words.ShowBidi(strings.ToValidUTF8(s, "\uFFFD"))
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.IsSpace(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// planName is a plan's name, or the service's when the plan has none.
func (s *Summary) planName(plan string) string {
	if p := oneLine(plan); p != "" {
		return p
	}
	return oneLine(s.Service.Name)
}

// paren puts x in brackets after a space, or in full-width brackets in Japanese.
func (s *Summary) paren(x string) string { return pick(s.Lang, " ("+x+")", "（"+x+"）") }

// colon is ": ", or the full-width colon in Japanese.
func (s *Summary) colon() string { return pick(s.Lang, ": ", "：") }

// comma is ", ", or the ideographic comma in Japanese.
func (s *Summary) comma() string { return pick(s.Lang, ", ", "、") }
