package review

import (
	"math"
	"strconv"
	"strings"

	"lapse/app/charts"
	"lapse/app/figures"
	"lapse/app/journal"
	"lapse/app/words"
)

// ChartLabels are the charts' texts in language l.
func ChartLabels(l words.Lang) charts.Labels {
	t := func(k string) string { return words.T(l, k) }
	return charts.Labels{
		XAxis: t("chart.month"), Unusable: t("chart.unusable"), Official: t("chart.official"), Cost: t("chart.cost"), Availability: t("chart.availability"),
		FirstResponse: t("chart.first_response"), FirstHuman: t("chart.first_human"), LongestSilence: t("chart.longest_silence"),
		Empty: t("chart.empty"), Hours: t("chart.hours"), ResponseTime: t("chart.response_time"), Ticket: t("chart.ticket"),
		Service: t("chart.service"),
	}
}

// hours is a duration in hours, for drawing only.
func hours(d float64) float64 { return d / 3600e9 }

// major is an amount in minor units as major units, for drawing only.
func major(minor int64, currency string) float64 {
	return float64(minor) / math.Pow10(journal.Decimals(currency))
}

// monthLabel is "2026-03" in English and "2026年3月" in Japanese.
func monthLabel(m figures.Month, l words.Lang) string {
	if l == words.JA {
		return strconv.Itoa(m.Year) + "年" + strconv.Itoa(int(m.Month)) + "月"
	}
	return m.String()
}

// Monthly is a service's monthly series for the cost/downtime and availability charts.
func (r *Review) Monthly(s *ServiceReview, l words.Lang) charts.ServiceMonthly {
	sm := charts.ServiceMonthly{Service: s.Data.Service.Name, Currency: r.Home, Official: len(s.Official) > 0}
	official := r.OfficialByMonth(s)
	for i, m := range s.Months {
		p := charts.MonthPoint{Label: monthLabel(m.Month, l), UnusableHours: hours(float64(m.Unusable)),
			Cost: major(m.Accrued, r.Home), Availability: math.NaN(), OfficialHours: math.NaN()}
		if i < len(official) {
			p.OfficialHours = hours(float64(official[i].Unusable))
		}
		if m.Availability != nil {
			p.Availability = m.Availability.Ratio()
		}
		sm.Points = append(sm.Points, p)
	}
	return sm
}

// Totals is every service's unusable time and cost over the window, for the comparison chart.
func (r *Review) Totals() []charts.ServiceTotal {
	out := make([]charts.ServiceTotal, 0, len(r.Services))
	for _, s := range r.Services {
		out = append(out, charts.ServiceTotal{Service: s.Data.Service.Name, UnusableHours: hours(float64(s.Summary.Unusable)),
			Cost: major(s.Summary.Accrued, r.Home)})
	}
	return out
}

// Tickets is the response figures of a service's tickets opened in the window, oldest first.
func (r *Review) Tickets(s *ServiceReview) []charts.TicketPoint {
	var out []charts.TicketPoint
	for i := len(s.Data.Tickets) - 1; i >= 0; i-- {
		t := s.Data.Tickets[i]
		if t.OpenedAt.Before(r.Window.Start) || !t.OpenedAt.Before(r.Window.End) {
			continue
		}
		m := figures.TicketMetrics(t, r.AsOf)
		// Named as the service knows it, like the verdict and the letter do.
		label := "#" + strconv.FormatInt(t.ID, 10)
		if t.Reference != "" {
			label = t.Reference
			if strings.Trim(label, "0123456789") == "" {
				label = "#" + label
			}
		}
		p := charts.TicketPoint{Label: label, FirstResponseHours: math.NaN(),
			FirstHumanHours: math.NaN(), LongestSilenceHours: math.NaN()}
		if m.FirstResponse != nil {
			p.FirstResponseHours = hours(float64(m.FirstResponse.After))
		}
		if m.FirstHumanResponse != nil {
			p.FirstHumanHours = hours(float64(m.FirstHumanResponse.After))
		}
		if m.LongestSilence != nil {
			p.LongestSilenceHours = hours(float64(m.LongestSilence.Length()))
		}
		out = append(out, p)
	}
	return out
}
