// Package demo writes a friendly sample journal: a few services with plans,
// a year of outages and a couple of support threads, in English or Japanese.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"lapse/app/journal"
	"lapse/storage"
)

// Size is how much the sample holds.
type Size string

// Sizes of sample journals.
const (
	Small Size = "small" // a few services, a year: for looking around and screenshots
	Large Size = "large" // a decade of heavy use: for benchmarks
)

// ParseSize reads "small" or "large".
func ParseSize(s string) (Size, error) {
	switch Size(s) {
	case Small, Large:
		return Size(s), nil
	}
	return "", journal.Invalid("size", journal.ReasonInvalidChoice)
}

// names holds the sample's words in one language.
type names struct {
	chat, chatAlt, video, drive          string
	catAI, catVideo, catStorage          string
	loginTitle, loginSymptoms, loginWork string
	platforms                            []string
	steps                                []journal.Step
	loginCause                           string
	shortTitles                          []string
	slowTitle                            string
	messages                             []string
	videoTicket                          []string
	home                                 string
	rates                                []journal.Rate
	switchNote                           string
}

var english = names{
	chat: "Parley AI", chatAlt: "Quill Assistant", video: "Streamly", drive: "Boxdrive",
	catAI: "AI assistant", catVideo: "Video", catStorage: "Cloud storage",
	loginTitle:    "Cannot log in on the web: stuck at \"redirecting\"",
	loginSymptoms: "Login page loops on \"redirecting\" in every browser; no error shown.",
	loginWork:     "The Android app kept working.",
	platforms:     []string{"Chrome desktop", "Chrome Android", "Edge desktop"},
	steps: []journal.Step{
		{Action: "Cleared cache and cookies", Result: "No change"},
		{Action: "Incognito window", Result: "No change"},
		{Action: "Disabled security software", Result: "No change"},
		{Action: "Tried Firefox", Result: "Same redirect loop"},
	},
	loginCause:  "Support confirmed a bug in the web sign-in and shipped a fix.",
	shortTitles: []string{"Service unavailable", "Errors on every request", "App will not load", "Login failing", "Timeouts"},
	slowTitle:   "Very slow responses",
	messages: []string{
		"Described the redirect loop, browsers tried and steps taken",
		"Troubleshooting steps: clear cache, try incognito, disable extensions",
		"\"Rate your conversation\"",
		"Follow-up: none of the steps helped; the loop continues on all browsers",
		"Apology: a bug in web sign-in is confirmed; a fix has been released",
	},
	videoTicket: []string{"Playback stops every few minutes", "We received your request", "Known issue on our side, fixed now; one month credited"},
	home:        "USD",
	rates:       []journal.Rate{{Currency: "JPY", Rate: "0.0067"}},
	switchNote:  "Two weeks without web access; trying Quill Assistant meanwhile.",
}

var japanese = names{
	chat: "パーレイAI", chatAlt: "クイル・アシスタント", video: "ストリーミー", drive: "ボックスドライブ",
	catAI: "AIアシスタント", catVideo: "動画配信", catStorage: "クラウドストレージ",
	loginTitle:    "Webでログインできない（「リダイレクト中」で止まる）",
	loginSymptoms: "どのブラウザでもログイン画面が「リダイレクト中」のまま進まない。エラー表示なし。",
	loginWork:     "Androidアプリは使えた。",
	platforms:     []string{"Chrome（PC）", "Chrome（Android）", "Edge（PC）"},
	steps: []journal.Step{
		{Action: "キャッシュとCookieを削除", Result: "変化なし"},
		{Action: "シークレットウィンドウ", Result: "変化なし"},
		{Action: "セキュリティソフトを無効化", Result: "変化なし"},
		{Action: "Firefoxで試した", Result: "同じくリダイレクトが続く"},
	},
	loginCause:  "サポートがWebサインインの不具合を認め、修正を公開した。",
	shortTitles: []string{"サービス停止", "すべてのリクエストでエラー", "アプリが起動しない", "ログイン失敗", "タイムアウト"},
	slowTitle:   "応答が非常に遅い",
	messages: []string{
		"リダイレクトの症状、試したブラウザと手順を説明",
		"対処手順の案内：キャッシュ削除、シークレットモード、拡張機能の無効化",
		"「この会話を評価してください」",
		"追記：どの手順でも解決せず、全ブラウザで継続",
		"謝罪：Webサインインの不具合を確認、修正済み",
	},
	videoTicket: []string{"数分ごとに再生が止まる", "お問い合わせを受け付けました", "当社側の既知の問題で修正済み。1か月分を返金"},
	home:        "JPY",
	rates:       []journal.Rate{{Currency: "USD", Rate: "150"}},
	switchNote:  "Webに2週間ログインできず、その間はクイル・アシスタントを試用。",
}

// Fill writes the sample into db, which must hold no services yet.
func Fill(ctx context.Context, db *storage.DB, size Size, lang string, now time.Time) error {
	counts, err := db.Counts(ctx)
	if err != nil {
		return fmt.Errorf("sample journal: %w", err)
	}
	if counts.Services > 0 {
		return journal.Errorf(journal.ECONFLICT, "the journal already has services; the sample goes into an empty journal")
	}
	n := english
	if lang == "ja" {
		n = japanese
	}
	w := &writer{ctx: ctx, db: db, now: now.UTC().Truncate(time.Second), n: n, rnd: rand.New(rand.NewPCG(7, 11))}
	years := 1
	if size == Large {
		years = 10
	}
	return w.write(years, size == Large)
}

type writer struct {
	ctx context.Context
	db  *storage.DB
	now time.Time
	n   names
	rnd *rand.Rand
	err error
}

func (w *writer) check(err error) {
	if w.err == nil && err != nil {
		w.err = err
	}
}

func (w *writer) write(years int, heavy bool) error {
	n := w.n
	today := journal.DateOf(w.now)
	alt := w.service(n.chatAlt, n.catAI, "https://quill.example", "")
	chat := w.service(n.chat, n.catAI, "https://parley.example", "https://status.parley.example")
	video := w.service(n.video, n.catVideo, "https://streamly.example", "")
	drive := w.service(n.drive, n.catStorage, "https://boxdrive.example", "https://status.boxdrive.example")
	if w.err != nil {
		return w.err
	}
	chat.Alternatives = []int64{alt.ID}
	w.check(w.db.UpdateService(w.ctx, chat))

	start := today.AddMonthsClamped(-12*years - 2)
	// Renews five days from now: time to decide.
	chatSub := &journal.Subscription{ServiceID: chat.ID, Plan: "Plus", Amount: 2000, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: start.AddDays(5), PaymentNote: "Visa ••4242"}
	w.check(w.db.CreateSubscription(w.ctx, chatSub))
	w.check(w.db.CreateSubscription(w.ctx, &journal.Subscription{ServiceID: alt.ID, Plan: "Pro", Amount: 1800, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: today.AddMonthsClamped(-1)}))
	w.check(w.db.CreateSubscription(w.ctx, &journal.Subscription{ServiceID: video.ID, Plan: "Standard", Amount: 1490, Currency: "JPY",
		Period: journal.Period{N: 1, Unit: journal.Months}, Start: start.AddDays(9),
		Prices: []journal.PriceChange{{Effective: today.AddMonthsClamped(-5), Amount: 1590}}}))
	w.check(w.db.CreateSubscription(w.ctx, &journal.Subscription{ServiceID: drive.ID, Plan: "2 TB", Amount: 9999, Currency: "USD",
		Period: journal.Period{N: 1, Unit: journal.Years}, Start: start.AddDays(20)}))

	// Short outages spread over the years, for every service.
	from := start.In(time.UTC)
	perMonth := 1
	if heavy {
		perMonth = 90
	}
	for _, svc := range []*journal.Service{chat, alt, video, drive} {
		for t := from; t.Before(w.now.AddDate(0, 0, -3)); t = t.AddDate(0, 1, 0) {
			for i := 0; i < perMonth; i++ {
				if !heavy && w.rnd.IntN(3) == 0 {
					continue
				}
				s := t.Add(time.Duration(w.rnd.IntN(28*24*60)) * time.Minute)
				e := s.Add(time.Duration(15+w.rnd.IntN(6*60)) * time.Minute)
				impact := journal.ImpactDown
				title := n.shortTitles[w.rnd.IntN(len(n.shortTitles))]
				if w.rnd.IntN(4) == 0 {
					impact, title = journal.ImpactDegraded, n.slowTitle
				}
				w.check(w.db.CreateOutage(w.ctx, &journal.Outage{ServiceID: svc.ID, Title: title, Start: s, End: &e, Impact: impact, Source: journal.SourceMe}))
			}
		}
	}
	w.chatStory(chat)
	w.videoStory(video)
	if heavy {
		w.manyTickets([]*journal.Service{chat, alt, video, drive}, from)
	}
	// An outage still going on, so the sidebar shows its red mark.
	if w.err == nil {
		o := &journal.Outage{ServiceID: drive.ID, Title: n.slowTitle, Start: w.now.Add(-95 * time.Minute), Impact: journal.ImpactDegraded,
			Source: journal.SourceMe, Platforms: []string{"Windows app"}}
		w.check(w.db.CreateOutage(w.ctx, o))
	}
	if w.err == nil {
		s, err := w.db.Settings(w.ctx)
		w.check(err)
		s.HomeCurrency = n.home
		for _, r := range n.rates {
			r.AsOf = today
			s.Rates = append(s.Rates, r)
		}
		w.check(w.db.SaveSettings(w.ctx, s))
	}
	return w.err
}

func (w *writer) service(name, category, site, status string) *journal.Service {
	s := &journal.Service{Name: name, Category: category, Website: site, StatusPage: status}
	w.check(w.db.CreateService(w.ctx, s))
	return s
}

// chatStory is the story PRODUCT.md is built for: two weeks without web login,
// a human reply, a bot, nine days of silence, an apology, a cancellation.
func (w *writer) chatStory(chat *journal.Service) {
	if w.err != nil {
		return
	}
	n := w.n
	start := w.now.AddDate(0, 0, -24).Truncate(time.Hour).Add(9 * time.Hour)
	end := start.Add(14*24*time.Hour + 5*time.Hour)
	o := &journal.Outage{ServiceID: chat.ID, Title: n.loginTitle, Start: start, End: &end, Impact: journal.ImpactDown,
		Platforms: n.platforms, StillWorked: n.loginWork, Symptoms: n.loginSymptoms, Steps: n.steps, Resolution: n.loginCause, Source: journal.SourceMe}
	w.check(w.db.CreateOutage(w.ctx, o))
	if w.err != nil {
		return
	}
	opened := start.Add(26 * time.Hour)
	resolved := opened.Add(13*24*time.Hour + 4*time.Hour)
	t := &journal.Ticket{ServiceID: chat.ID, OutageID: &o.ID, Subject: n.loginTitle, Channel: journal.ChannelEmail,
		Reference: "#48213", OpenedAt: opened, ResolvedAt: &resolved, Outcome: journal.OutcomeResolved}
	w.check(w.db.CreateTicket(w.ctx, t))
	if w.err != nil {
		return
	}
	msgs := []journal.Message{
		{At: opened, Direction: journal.Sent, Author: journal.AuthorMe, Summary: n.messages[0]},
		{At: opened.Add(19 * time.Hour), Direction: journal.Received, Author: journal.AuthorHuman, From: "Dana (Support)", Summary: n.messages[1]},
		{At: opened.Add(19*time.Hour + 2*time.Minute), Direction: journal.Received, Author: journal.AuthorBot, From: "Fin", Summary: n.messages[2]},
		{At: opened.Add(2*24*time.Hour + 3*time.Hour), Direction: journal.Sent, Author: journal.AuthorMe, Summary: n.messages[3]},
		{At: resolved, Direction: journal.Received, Author: journal.AuthorHuman, From: "Dana (Support)", Summary: n.messages[4]},
	}
	for i := range msgs {
		msgs[i].TicketID = t.ID
		w.check(w.db.AddMessage(w.ctx, &msgs[i]))
	}
	// The user has asked for a refund and is trying the alternative; the
	// plan still runs, so the verdict can say to cancel before it renews.
	asked := journal.DateOf(opened.Add(10 * 24 * time.Hour))
	w.check(w.db.CreateDecision(w.ctx, &journal.Decision{ServiceID: chat.ID, Kind: journal.DecisionRefundRequested, Date: asked,
		Note: n.switchNote}))
}

// videoStory is a shorter thread: an automatic acknowledgement, then a credit.
func (w *writer) videoStory(video *journal.Service) {
	if w.err != nil {
		return
	}
	n := w.n
	opened := w.now.AddDate(0, -5, 2).Truncate(time.Hour).Add(20 * time.Hour)
	resolved := opened.Add(3*24*time.Hour + 2*time.Hour)
	t := &journal.Ticket{ServiceID: video.ID, Subject: n.videoTicket[0], Channel: journal.ChannelChat, OpenedAt: opened,
		ResolvedAt: &resolved, Outcome: journal.OutcomeCredit}
	w.check(w.db.CreateTicket(w.ctx, t))
	if w.err != nil {
		return
	}
	for _, m := range []journal.Message{
		{At: opened, Direction: journal.Sent, Author: journal.AuthorMe, Summary: n.videoTicket[0]},
		{At: opened.Add(time.Minute), Direction: journal.Received, Author: journal.AuthorAuto, From: "no-reply", Summary: n.videoTicket[1]},
		{At: resolved, Direction: journal.Received, Author: journal.AuthorHuman, Summary: n.videoTicket[2]},
	} {
		m.TicketID = t.ID
		w.check(w.db.AddMessage(w.ctx, &m))
	}
}

// manyTickets writes a decade of support threads: a ticket every three days per
// service, each with a sent message, a bot reply, a follow-up and a human answer.
func (w *writer) manyTickets(svcs []*journal.Service, from time.Time) {
	for _, svc := range svcs {
		for t := from; t.Before(w.now.AddDate(0, 0, -30)) && w.err == nil; t = t.AddDate(0, 0, 3) {
			opened := t.Add(time.Duration(w.rnd.IntN(14*24)) * time.Hour)
			resolved := opened.Add(time.Duration(24+w.rnd.IntN(10*24)) * time.Hour)
			tk := &journal.Ticket{ServiceID: svc.ID, Subject: w.n.shortTitles[w.rnd.IntN(len(w.n.shortTitles))], Channel: journal.ChannelEmail,
				OpenedAt: opened, ResolvedAt: &resolved, Outcome: journal.OutcomeResolved}
			w.check(w.db.CreateTicket(w.ctx, tk))
			if w.err != nil {
				return
			}
			for i, m := range []journal.Message{
				{At: opened, Direction: journal.Sent, Author: journal.AuthorMe, Summary: w.n.messages[0]},
				{At: opened.Add(2 * time.Minute), Direction: journal.Received, Author: journal.AuthorBot, Summary: w.n.messages[2]},
				{At: opened.Add(20 * time.Hour), Direction: journal.Sent, Author: journal.AuthorMe, Summary: w.n.messages[3]},
				{At: resolved, Direction: journal.Received, Author: journal.AuthorHuman, Summary: w.n.messages[4]},
			} {
				m.TicketID = tk.ID
				m.Body = fmt.Sprintf("message %d of ticket %d", i+1, tk.ID)
				w.check(w.db.AddMessage(w.ctx, &m))
			}
		}
	}
}
