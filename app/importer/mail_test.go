package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/storage"
)

// opened is when the test ticket was opened: the first e-mail of the thread.
var opened = time.Date(2026, 11, 3, 1, 15, 0, 0, time.UTC)

func mustTicket(t *testing.T, db *storage.DB, at time.Time) *journal.Ticket {
	t.Helper()
	svc := mustService(t, db, "Parley AI")
	tk := &journal.Ticket{ServiceID: svc.ID, Subject: "Cannot log in", Channel: journal.ChannelEmail, OpenedAt: at}
	must(t, db.CreateTicket(context.Background(), tk))
	return tk
}

// mailFiles reads testdata files as mail files.
func mailFiles(t *testing.T, names ...string) []importer.MailFile {
	t.Helper()
	var files []importer.MailFile
	for _, n := range names {
		files = append(files, importer.MailFile{Name: n, Data: testdata(t, n)})
	}
	return files
}

// importMail parses files into the ticket as the app does, reading the
// ticket with its thread first.
func importMail(ctx context.Context, t *testing.T, db *storage.DB, id int64, files []importer.MailFile, mine ...string) (importer.Result, error) {
	return parseAndApply(ctx, db, func() (importer.Plan, error) {
		tk, err := db.Ticket(ctx, id)
		must(t, err)
		return importer.ParseMail(files, tk, mine)
	})
}

var allMail = []string{"thread.mbox", "mail-reply-utf8.eml", "mail-reply-iso2022jp.eml", "mail-html-shiftjis.eml"}

func TestMail(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		tk := mustTicket(t, db, opened)
		plan, err := importer.ParseMail(mailFiles(t, allMail...), tk, []string{"taro@example.jp"})
		must(t, err)
		pv := plan.Preview()
		if want := `6 messages into ticket 1 "Cannot log in": 1 sent, 3 from a human, 1 from a bot, 1 automatic`; pv.Summary != want {
			t.Errorf("summary %q\nwant    %q", pv.Summary, want)
		}
		res, err := plan.Apply(ctx, db)
		must(t, err)
		if res.Created != 6 {
			t.Errorf("result %+v", res)
		}
		got, err := db.Ticket(ctx, tk.ID)
		must(t, err)
		type want struct {
			at        string
			dir       journal.Direction
			author    journal.AuthorKind
			from      string
			summary   string // its start
			body, not string // a part the body has, and one it must not have
		}
		wants := []want{
			{"2026-11-03T01:15:00Z", journal.Sent, journal.AuthorMe, "Taro Yamada <taro@example.jp>",
				`Since this morning the web login stops at "redirecting"`,
				"From the start the Android app kept working.", ">From"},
			{"2026-11-03T01:15:04Z", journal.Received, journal.AuthorAuto, "Parley Support <noreply@parley.example>",
				"We received your request", "Subject: We received your request [#48213]", ""},
			{"2026-11-04T02:30:05Z", journal.Received, journal.AuthorHuman, "Aiko from Parley Support <support@parley.example>",
				"Hi Taro, Thank you for the detailed report. Please try signing out",
				"it resets the session", "The Android app still works"},
			{"2026-11-04T05:00:00Z", journal.Received, journal.AuthorBot, "Fin <fin@parley.example>",
				"How did we do? Rate your conversation", "", ""},
			{"2026-11-05T00:02:00Z", journal.Received, journal.AuthorHuman, "パーレイ サポート 佐藤 <support@parley.example>",
				"山田様お問い合わせいただきありがとうございます。", "Subject: Re: ログインできない件について", "Android アプリは使えます"},
			{"2026-11-12T09:40:00Z", journal.Received, journal.AuthorHuman, "佐藤 <support@parley.example>",
				"ご不便をおかけして申し訳ございません。不具合を修正しました。", "もう一度お試しください。", "color:red"},
		}
		if len(got.Messages) != len(wants) {
			t.Fatalf("%d messages, want %d", len(got.Messages), len(wants))
		}
		for i, w := range wants {
			m := got.Messages[i]
			if !m.At.Equal(utc(w.at)) || m.Direction != w.dir || m.Author != w.author || m.From != w.from ||
				!strings.HasPrefix(m.Summary, w.summary) || !strings.Contains(m.Body, w.body) ||
				(w.not != "" && strings.Contains(m.Body, w.not)) {
				t.Errorf("message %d: %s %s %s %q\nsummary %q\nbody %q\nwant %+v", i+1, m.At.Format(time.RFC3339), m.Direction,
					m.Author, m.From, m.Summary, m.Body, w)
			}
			if n := len([]rune(m.Summary)); n > importer.MaxSummary {
				t.Errorf("message %d: summary of %d characters", i+1, n)
			}
		}

		// The same e-mails again add nothing.
		before := dump(t, db)
		tk, err = db.Ticket(ctx, tk.ID)
		must(t, err)
		plan, err = importer.ParseMail(mailFiles(t, allMail...), tk, []string{"TARO@example.jp"})
		must(t, err)
		if !strings.HasSuffix(plan.Preview().Summary, "; 6 already in the thread (skipped)") {
			t.Errorf("second preview %q", plan.Preview().Summary)
		}
		res, err = plan.Apply(ctx, db)
		must(t, err)
		if res.Created != 0 || res.Skipped != 6 {
			t.Errorf("second import %+v", res)
		}
		if len(dump(t, db).Messages) != len(before.Messages) {
			t.Errorf("a second import duplicated messages")
		}
	})
	t.Run("DirectionFromMyAddresses", func(t *testing.T) {
		db := mustOpen(t)
		tk := mustTicket(t, db, opened)
		_, err := importMail(ctx, t, db, tk.ID, mailFiles(t, "thread.mbox"))
		must(t, err)
		got, err := db.Ticket(ctx, tk.ID)
		must(t, err)
		if m := got.Messages[0]; m.Direction != journal.Received || m.Author != journal.AuthorHuman {
			t.Errorf("without my address, my e-mail is %s by %s; want received, human", m.Direction, m.Author)
		}
	})
	t.Run("AuthorEdited", func(t *testing.T) {
		db := mustOpen(t)
		tk := mustTicket(t, db, opened)
		plan, err := importer.ParseMail(mailFiles(t, "thread.mbox"), tk, []string{"taro@example.jp"})
		must(t, err)
		ms := plan.Messages()
		if len(ms) != 3 || ms[2].Author != journal.AuthorBot {
			t.Fatalf("messages %+v", ms)
		}
		must(t, plan.SetAuthor(2, journal.AuthorHuman))
		if err := plan.SetAuthor(0, journal.AuthorBot); err == nil {
			t.Errorf("a sent message took author bot")
		}
		_, err = plan.Apply(ctx, db)
		must(t, err)
		got, err := db.Ticket(ctx, tk.ID)
		must(t, err)
		if got.Messages[2].Author != journal.AuthorHuman || got.Messages[0].Author != journal.AuthorMe {
			t.Errorf("authors %s, %s", got.Messages[0].Author, got.Messages[2].Author)
		}
	})
	t.Run("SameEmailTwice", func(t *testing.T) {
		db := mustOpen(t)
		tk := mustTicket(t, db, opened)
		files := mailFiles(t, "mail-reply-utf8.eml")
		files = append(files, importer.MailFile{Name: "copy.eml", Data: files[0].Data})
		plan, err := importer.ParseMail(files, tk, nil)
		must(t, err)
		if w := plan.Preview().Warnings; !strings.Contains(w[0].Text, "copy.eml is the same e-mail as mail-reply-utf8.eml") {
			t.Errorf("warnings %q", w)
		}
		if plan.Len() != 1 {
			t.Errorf("%d messages, want 1", plan.Len())
		}
	})

	mbox := string(testdata(t, "thread.mbox"))
	eml := string(testdata(t, "mail-reply-utf8.eml"))
	for _, tc := range []struct {
		name, file, data string
		openedAt         time.Time
		want             string
	}{
		{"BeforeOpened", "thread.mbox", mbox, opened.Add(time.Minute),
			"thread.mbox message 1: it is dated 2026-11-03 01:15 UTC, before the ticket was opened (2026-11-03 01:16 UTC)"},
		{"MissingDate", "reply.eml", strings.Replace(eml, "Date: Tue, 4 Nov 2026 11:30:05 +0900\r\n", "", 1), opened,
			`reply.eml header "Date": is missing`},
		{"BadDate", "reply.eml", strings.Replace(eml, "Date: Tue, 4 Nov 2026 11:30:05 +0900", "Date: yesterday", 1), opened,
			`reply.eml header "Date": "yesterday" is not a date`},
		{"MissingDateInMbox", "thread.mbox", strings.Replace(mbox, "Date: Tue, 4 Nov 2026 05:00:00 +0000\n", "", 1), opened,
			`thread.mbox message 3, header "Date": is missing`},
		{"MissingFrom", "reply.eml", strings.Replace(eml, "From: Aiko from Parley Support <support@parley.example>\r\n", "", 1), opened,
			`reply.eml header "From": is missing`},
		{"UnknownCharset", "reply.eml", strings.Replace(eml, "text/plain; charset=UTF-8", "text/plain; charset=x-klingon", 1), opened,
			`reply.eml header "Content-Type": the charset "x-klingon" is not one Lapse knows`},
		{"NotAnEmail", "notes.eml", "just some notes\nwith no headers", opened, "notes.eml: it is not an e-mail"},
		{"DamagedParts", "reply.eml", strings.Replace(eml, "--b1_5f3a--", "", 1)[:len(eml)-200], opened,
			"reply.eml: its MIME parts are damaged"},
	} {
		t.Run("Err"+tc.name, func(t *testing.T) {
			db := mustOpen(t)
			tk := mustTicket(t, db, tc.openedAt)
			before := dump(t, db)
			_, err := importMail(ctx, t, db, tk.ID, []importer.MailFile{{Name: tc.file, Data: []byte(tc.data)}}, "taro@example.jp")
			assertRefused(t, db, before, err, tc.want)
		})
	}
	t.Run("ErrHuge", func(t *testing.T) {
		db := mustOpen(t)
		tk := mustTicket(t, db, opened)
		before := dump(t, db)
		data := bytes.Repeat([]byte("x"), importer.MaxMailSize+1)
		_, err := importMail(ctx, t, db, tk.ID, []importer.MailFile{{Name: "huge.mbox", Data: data}})
		assertRefused(t, db, before, err, "huge.mbox: it is larger than 64 MiB")
	})
}

// readOne parses one mail file into a ticket opened long before, returning its message.
func readOne(t *testing.T, f importer.MailFile) journal.Message {
	t.Helper()
	tk := &journal.Ticket{ID: 1, OpenedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	plan, err := importer.ParseMail([]importer.MailFile{f}, tk, []string{"taro@example.jp"})
	must(t, err)
	ms := plan.Messages()
	if len(ms) != 1 {
		t.Fatalf("%d messages", len(ms))
	}
	return ms[0]
}

// TestMailRealClients: samples shaped like what real mail programs send.
func TestMailRealClients(t *testing.T) {
	t.Run("ReplyBelowTheQuote", func(t *testing.T) {
		m := readOne(t, importer.MailFile{Name: "mail-inline-reply.eml", Data: testdata(t, "mail-inline-reply.eml")})
		want := "Subject: Re: [support-users] Login loop on the web app\n\n" +
			"Yes, same here since 09:00 JST.\n\nClearing the cookies of the login domain fixes it for me."
		if m.Body != want {
			t.Errorf("body %q\nwant %q", m.Body, want)
		}
		if want := "Yes, same here since 09:00 JST. Clearing the cookies of the login domain fixes it for me."; m.Summary != want {
			t.Errorf("summary %q\nwant %q", m.Summary, want)
		}
	})
	t.Run("JapaneseReplyBelowTheQuote", func(t *testing.T) {
		m := readOne(t, importer.MailFile{Name: "mail-inline-reply-ja.eml", Data: testdata(t, "mail-inline-reply-ja.eml")})
		want := "Subject: Re: ログインできません\n\n山田様\n\nご不便をおかけして申し訳ございません。\n本日10時に修正を適用いたしました。\n\n" +
			"アプリは影響を受けておりません。\n\nサポートチーム"
		if m.Body != want {
			t.Errorf("body %q\nwant %q", m.Body, want)
		}
		if m.From != "サポートチーム <support@parley.example>" {
			t.Errorf("from %q", m.From)
		}
	})
	t.Run("OutlookExpress", func(t *testing.T) {
		m := readOne(t, importer.MailFile{Name: "mail-outlook-express.eml", Data: testdata(t, "mail-outlook-express.eml")})
		if m.From != "Sébastien Müller <sebastien@helpdesk.example>" {
			t.Errorf("from %q: the quoted encoded word is not decoded", m.From)
		}
		want := "Subject: RE: Cannot log in\n\nHello Taro,\n\nthe login fix is deployed. Please clear your cookies and try again.\n\nRegards,\nSébastien"
		if m.Body != want {
			t.Errorf("body %q\nwant %q", m.Body, want)
		}
	})
	t.Run("HTMLOnly", func(t *testing.T) {
		m := readOne(t, importer.MailFile{Name: "mail-html-only.eml", Data: testdata(t, "mail-html-only.eml")})
		if want := "Hi Taro, Your request #4821 “Cannot log in” was updated: we have restored access & reset your session."; m.Summary != want {
			t.Errorf("summary %q\nwant %q", m.Summary, want)
		}
		for _, leak := range []string{"Help Center", "color", "tracking", "<", "Original request"} {
			if strings.Contains(m.Body, leak) {
				t.Errorf("body %q shows %q", m.Body, leak)
			}
		}
	})
	t.Run("HTMLReplyBelowTheQuote", func(t *testing.T) {
		// Gmail's HTML: the attribution in a div, the quote a <blockquote>, the reply after it.
		m := readOne(t, importer.MailFile{Name: "mail-gmail-html-reply.eml", Data: testdata(t, "mail-gmail-html-reply.eml")})
		want := "Subject: Re: Login loop\n\nThanks for the report.\n\nClearing the cookies of the login domain fixes it."
		if m.Body != want {
			t.Errorf("body %q\nwant %q", m.Body, want)
		}
	})
	t.Run("MboxWithBlankFirstLine", func(t *testing.T) {
		for _, mbox := range []bool{true, false} {
			tk := &journal.Ticket{ID: 1, OpenedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			plan, err := importer.ParseMail([]importer.MailFile{{Name: "thread.mbox", Data: testdata(t, "thread-blank-first-line.mbox"), Mbox: mbox}}, tk, nil)
			must(t, err)
			want, err := importer.ParseMail([]importer.MailFile{{Name: "thread.mbox", Data: testdata(t, "thread.mbox")}}, tk, nil)
			must(t, err)
			if plan.Len() != want.Len() || plan.Len() < 2 {
				t.Errorf("--mbox %v: %d messages, want %d", mbox, plan.Len(), want.Len())
			}
		}
	})
	t.Run("MboxGivenAnEML", func(t *testing.T) {
		tk := &journal.Ticket{ID: 1, OpenedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
		_, err := importer.ParseMail([]importer.MailFile{{Name: "reply.eml", Data: testdata(t, "mail-reply-utf8.eml"), Mbox: true}}, tk, nil)
		if want := `reply.eml: it is not an mbox: no line starts with "From "`; err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error %v\nwant %q", err, want)
		}
	})
}
