package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/width"

	"lapse/app/journal"
	"lapse/storage"
)

// MaxSummary is the longest summary an e-mail gets, in characters.
const MaxSummary = 200

// MailFile is one file of e-mail: a single message (.eml) or an mbox of many.
type MailFile struct {
	Name string
	Data []byte
	Mbox bool // an mbox whatever its first line says (--mbox): never read as one e-mail
}

// MessagePlan is e-mails read as messages of one ticket's thread.
type MessagePlan struct {
	source   string // the file, or how many files
	ticket   journal.Ticket
	items    []journal.Message
	files    []string // the file each item came from
	places   []string // where in it: "" for an .eml, "message 2" in an mbox
	known    int      // items the thread already has
	warnings []Warning
}

// mailMessage is what Lapse keeps of one e-mail.
type mailMessage struct {
	file, place string
	id          string // Message-ID, to notice the same e-mail twice
	msg         journal.Message
}

// ParseMail reads e-mails saved as .eml files or mbox files (told apart by
// their first line) as messages of ticket, taking the date, the sender, the
// subject and the text (the text/plain part, else the HTML one stripped of
// markup), in any charset Go's x/text knows (ISO-2022-JP and Shift_JIS
// included). The quoted history of a reply is left out. A message is sent
// when its sender is one of myAddresses, received otherwise; its author kind
// is a guess the preview shows and the user can edit: me for sent ones; auto
// for no-reply senders or an Auto-Submitted header; bot for senders named
// like "Fin", "…bot" or "assistant"; human otherwise. A message dated before
// the ticket was opened is refused. ticket's Messages, if filled, let the
// preview count what the thread already holds.
func ParseMail(files []MailFile, ticket *journal.Ticket, myAddresses []string) (*MessagePlan, error) {
	if len(files) == 0 {
		return nil, invalid("no e-mail files given")
	}
	p := &MessagePlan{ticket: *ticket, source: files[0].Name}
	if len(files) > 1 {
		p.source = plural(len(files), "file")
	}
	mine := map[string]bool{}
	for _, a := range myAddresses {
		mine[strings.ToLower(strings.TrimSpace(a))] = true
	}
	var all []mailMessage
	for _, f := range files {
		if int64(len(f.Data)) > MaxMailSize {
			return nil, &Error{Source: f.Name, Err: tooLarge(MaxMailSize)}
		}
		raws := [][]byte{f.Data}
		// Blank lines before the first "From " line are left by some tools:
		// the file is still an mbox.
		mbox := f.Mbox || bytes.HasPrefix(bytes.TrimLeft(f.Data, " \t\r\n"), []byte("From "))
		if mbox {
			raws = splitMbox(f.Data)
		}
		if len(raws) == 0 {
			if f.Mbox && len(bytes.TrimSpace(f.Data)) > 0 {
				return nil, &Error{Source: f.Name, Err: invalid("it is not an mbox: no line starts with \"From \" " +
					"(an mbox starts each e-mail with one); import a single e-mail as .eml")}
			}
			return nil, &Error{Source: f.Name, Err: invalid("it holds no e-mail")}
		}
		for i, raw := range raws {
			place := ""
			if mbox {
				place = fmt.Sprintf("message %d", i+1)
			}
			m, err := readMail(raw, mine)
			if err != nil {
				var he *headerError
				if errors.As(err, &he) {
					return nil, &Error{Source: f.Name, Place: joinPlace(place, fmt.Sprintf("header %q", he.name)), Err: he.err}
				}
				return nil, &Error{Source: f.Name, Place: place, Err: err}
			}
			m.file, m.place = f.Name, place
			all = append(all, m)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].msg.At.Before(all[j].msg.At) })
	type key struct {
		at            int64
		from, summary string
	}
	have := map[key]bool{}
	for _, m := range ticket.Messages {
		have[key{m.At.Unix(), m.From, m.Summary}] = true
	}
	ids := map[string]string{}
	for _, m := range all {
		where := joinPlace(m.file, m.place)
		if m.id != "" {
			if first, dup := ids[m.id]; dup {
				p.warnings = append(p.warnings, note("%s is the same e-mail as %s: it is imported once", where, first))
				continue
			}
			ids[m.id] = where
		}
		if err := m.msg.Validate(ticket); err != nil {
			if fe := journal.FieldError(err); fe != nil && fe.Reason == journal.ReasonBeforeOpened {
				err = invalid("it is dated %s, before the ticket was opened (%s): set the ticket's opening time to "+
					"that date or earlier, then import again", m.msg.At.Format("2006-01-02 15:04 MST"),
					ticket.OpenedAt.Format("2006-01-02 15:04 MST"))
			}
			return nil, &Error{Source: m.file, Place: m.place, Err: err}
		}
		if have[key{m.msg.At.Unix(), m.msg.From, m.msg.Summary}] {
			p.known++
		}
		p.items = append(p.items, m.msg)
		p.files = append(p.files, m.file)
		p.places = append(p.places, m.place)
	}
	return p, nil
}

func joinPlace(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + ", " + b
}

// headerError is a problem with one header of an e-mail.
type headerError struct {
	name string
	err  error
}

func (e *headerError) Error() string { return e.name + ": " + e.err.Error() }

// splitMbox cuts an mbox into its messages: each starts after a "From "
// line at the start of the file or after a blank line; a body line escaped
// as ">From " (or ">>From ", mboxrd) loses one ">".
func splitMbox(data []byte) [][]byte {
	var msgs [][]byte
	var cur *bytes.Buffer
	prevBlank := true
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if prevBlank && bytes.HasPrefix(line, []byte("From ")) {
			if cur != nil {
				msgs = append(msgs, cur.Bytes())
			}
			cur = &bytes.Buffer{}
			prevBlank = false
			continue
		}
		prevBlank = len(bytes.TrimRight(line, "\r\n")) == 0
		if cur == nil {
			continue
		}
		if q := bytes.TrimLeft(line, ">"); len(q) < len(line) && bytes.HasPrefix(q, []byte("From ")) {
			line = line[1:]
		}
		cur.Write(line)
	}
	if cur != nil {
		msgs = append(msgs, cur.Bytes())
	}
	return msgs
}

// wordDecoder decodes RFC 2047 encoded words ("=?ISO-2022-JP?B?...?=") in any known charset.
var wordDecoder = &mime.WordDecoder{CharsetReader: charsetReader}

// charsetReader turns text in a named charset into UTF-8.
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	enc, err := lookupCharset(charset)
	if err != nil {
		return nil, err
	}
	if enc == nil {
		return input, nil
	}
	return enc.NewDecoder().Reader(input), nil
}

// lookupCharset finds a charset by its MIME or WHATWG name; nil means the
// bytes are UTF-8 (or ASCII) already.
func lookupCharset(name string) (encoding.Encoding, error) {
	switch n := strings.ToLower(strings.Trim(strings.TrimSpace(name), `"`)); n {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		return nil, nil
	default:
		if enc, err := ianaindex.MIME.Encoding(n); err == nil && enc != nil {
			return enc, nil
		}
		if enc, err := htmlindex.Get(n); err == nil {
			return enc, nil
		}
	}
	return nil, invalid("the charset %q is not one Lapse knows", name)
}

// readMail reads one e-mail.
func readMail(raw []byte, mine map[string]bool) (mailMessage, error) {
	var m mailMessage
	if len(bytes.TrimSpace(raw)) == 0 {
		return m, invalid("it is empty: an e-mail starts with header lines like \"From: …\" and \"Date: …\"")
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return m, mailProblem(err, "it is not an e-mail")
	}
	h := msg.Header
	date := h.Get("Date")
	if strings.TrimSpace(date) == "" {
		return m, &headerError{"Date", invalid("is missing")}
	}
	at, err := mail.ParseDate(date)
	if err != nil {
		return m, &headerError{"Date", invalid("%q is not a date", date)}
	}
	from := h.Get("From")
	if strings.TrimSpace(from) == "" {
		return m, &headerError{"From", invalid("is missing")}
	}
	name, addr := sender(from)
	subject := h.Get("Subject")
	if s, err := wordDecoder.DecodeHeader(subject); err == nil {
		subject = s
	}
	subject = strings.Join(strings.Fields(subject), " ")
	text, err := mailText(textproto.MIMEHeader(h), msg.Body, 0)
	if err != nil {
		return m, err
	}
	text = trimQuoted(text)

	m.id = strings.TrimSpace(h.Get("Message-Id"))
	m.msg = journal.Message{At: at.UTC().Truncate(time.Second), Direction: journal.Received}
	m.msg.From = addr
	if name != "" {
		m.msg.From = name + " <" + addr + ">"
	}
	m.msg.From = clip(m.msg.From, journal.MaxText)
	if mine[strings.ToLower(addr)] {
		m.msg.Direction = journal.Sent
	}
	m.msg.Author = guessAuthor(m.msg.Direction, name, addr, h)
	m.msg.Summary = summarize(text, subject)
	body := text
	if subject != "" {
		body = "Subject: " + subject + "\n\n" + text
	}
	m.msg.Body = clip(strings.TrimSpace(body), journal.MaxBody)
	return m, nil
}

// sender reads the From header's name and address, decoding encoded words;
// a header that is not a valid address is kept as written.
func sender(from string) (string, string) {
	parser := mail.AddressParser{WordDecoder: wordDecoder}
	if a, err := parser.Parse(from); err == nil {
		name := a.Name
		// Outlook and others quote encoded words ("=?ISO-8859-1?B?...?="),
		// which RFC 2047 does not allow and net/mail leaves as they are.
		if strings.Contains(name, "=?") {
			if d, err := wordDecoder.DecodeHeader(name); err == nil {
				name = d
			}
		}
		return strings.TrimSpace(name), strings.ToLower(a.Address)
	}
	if s, err := wordDecoder.DecodeHeader(from); err == nil {
		from = s
	}
	if m := angleAddress.FindStringSubmatch(from); m != nil {
		return strings.Trim(strings.TrimSpace(from[:strings.Index(from, "<")]), `"`), strings.ToLower(m[1])
	}
	return "", strings.TrimSpace(from)
}

var angleAddress = regexp.MustCompile(`<([^<>@\s]+@[^<>\s]+)>`)

// mailText finds the text of an e-mail part: text/plain, else text/html
// stripped of markup, looking into multipart parts (not attachments).
func mailText(h textproto.MIMEHeader, body io.Reader, depth int) (string, error) {
	plain, htm, err := mailParts(h, body, depth)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(plain) == "" && htm != "" {
		return stripHTML(htm), nil
	}
	return normalizeText(plain), nil
}

// mailParts returns the first text/plain and text/html text of a part.
func mailParts(h textproto.MIMEHeader, body io.Reader, depth int) (string, string, error) {
	if depth > 10 {
		return "", "", invalid("its parts are nested too deeply")
	}
	mediaType, params := mediaType(h.Get("Content-Type"))
	if disp, _, _ := mime.ParseMediaType(h.Get("Content-Disposition")); disp == "attachment" {
		return "", "", nil
	}
	if strings.HasPrefix(mediaType, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		var plain, htm string
		for {
			part, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return "", "", mailProblem(err, "its MIME parts are damaged")
			}
			p, t, err := mailParts(part.Header, part, depth+1)
			if err != nil {
				return "", "", err
			}
			if plain == "" {
				plain = p
			}
			if htm == "" {
				htm = t
			}
		}
		return plain, htm, nil
	}
	if mediaType != "text/plain" && mediaType != "text/html" {
		return "", "", nil
	}
	var r io.Reader = body
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	enc, err := lookupCharset(params["charset"])
	if err != nil {
		return "", "", &headerError{"Content-Type", err}
	}
	if enc != nil {
		r = enc.NewDecoder().Reader(r)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return "", "", mailProblem(err, "its text cannot be decoded")
	}
	if !utf8.Valid(data) {
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	if mediaType == "text/html" {
		return "", string(data), nil
	}
	return string(data), "", nil
}

// mediaType reads a Content-Type header. Real clients write parameters
// that mime.ParseMediaType refuses, like Outlook Express's unquoted
// boundary=----=_NextPart_000_0012_01DB2C4A.5E6F7A80: those are read
// leniently (a value runs to the next ";"). No header, or one that names no
// type, is text/plain.
func mediaType(header string) (string, map[string]string) {
	mt, params, err := mime.ParseMediaType(header)
	if err == nil {
		return mt, params
	}
	if mt == "" {
		t, _, _ := strings.Cut(header, ";")
		mt = strings.ToLower(strings.TrimSpace(t))
		if !strings.Contains(mt, "/") {
			return "text/plain", map[string]string{}
		}
	}
	params = map[string]string{}
	_, rest, _ := strings.Cut(header, ";")
	for _, p := range strings.Split(rest, ";") {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		v = strings.TrimSpace(v)
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		if _, dup := params[k]; k != "" && !dup {
			params[k] = v
		}
	}
	return mt, params
}

// headerLinePrefixes start the errors of net/mail and net/textproto about
// one header line; the line follows (quoted or not).
var headerLinePrefixes = []string{"malformed MIME header: missing colon: ", "malformed MIME header line: ",
	"malformed header line: ", "malformed MIME header initial line: ", "malformed continuation line: "}

// mailProblem says in plain words what is wrong with an e-mail, instead of
// the Go library's text ("bufio: buffer full"); problem is what it means
// for the user ("it is not an e-mail", "its MIME parts are damaged").
func mailProblem(err error, problem string) error {
	var be base64.CorruptInputError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("%s: the file ends before its MIME parts are closed (it is cut short)", problem)
	case errors.Is(err, bufio.ErrBufferFull):
		return invalid("%s: a line longer than 4 KiB stands where a part boundary should be", problem)
	case errors.As(err, &be):
		return invalid("%s: its base64 encoding breaks at byte %d", problem, int64(be))
	case strings.HasPrefix(err.Error(), "quotedprintable: "):
		return invalid("%s: its quoted-printable encoding is broken", problem)
	}
	// net/mail and net/textproto name a header line they cannot read in
	// plain errors or a textproto.ProtocolError, after one of these prefixes.
	for _, p := range headerLinePrefixes {
		if rest, ok := strings.CutPrefix(err.Error(), p); ok {
			return invalid("%s: the header line %q is not \"Name: value\"", problem, clip(strings.Trim(rest, `"`), 60))
		}
	}
	return invalid("%s", problem)
}

// stripHTML turns an HTML body into plain text: no markup, head, title,
// styles or scripts, one line per paragraph or line break, and quoted
// history (<blockquote>) quoted with "> " for trimQuoted to leave out.
func stripHTML(s string) string { return htmlText(s, htmlOptions{quoteBlocks: true}) }

var manyBlank = regexp.MustCompile(`\n{3,}`)

// normalizeText makes line ends "\n", drops trailing spaces and runs of
// blank lines.
func normalizeText(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u00a0", " ").Replace(s)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.TrimSpace(manyBlank.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

var (
	// Attribution lines, which introduce a quote of the message replied to,
	// in the forms common mail programs write them in English and Japanese.
	attribution = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^on .+ wrote:$`),
		regexp.MustCompile(`(wrote|書きました|のメール|のメッセージ)\s*[:：]$`),
		regexp.MustCompile(`^\d{4}[年/].*<[^<>]+@[^<>]+>\s*[:：]$`),
	}
	// Lines after which everything is the message replied to, unquoted.
	historyStart = []*regexp.Regexp{
		regexp.MustCompile(`(?i)^-{2,}\s*(original message|forwarded message|元のメッセージ|転送メッセージ)\s*-{2,}$`),
		regexp.MustCompile(`^_{10,}$`),
	}
	// Outlook's header block of the message replied to.
	outlookFrom = regexp.MustCompile(`^(From|差出人)\s*[:：]`)
	outlookNext = regexp.MustCompile(`^(Sent|Date|To|送信日時|宛先)\s*[:：]`)
)

// quoted reports whether a line is part of a quote: "> ..." (or the
// full-width "＞" some Japanese programs write).
func quoted(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, ">") || strings.HasPrefix(t, "＞")
}

// trimQuoted drops the quoted history of a reply and keeps what was
// written, above, between or below the quotes: lines starting with ">" go,
// and so does the attribution line that introduces them ("On ... wrote:",
// "…様は書きました：", also wrapped over two lines). Only history that is
// not quoted line by line (after "-----Original Message-----", an Outlook
// "From:/Sent:" block, or an attribution followed by no quote) is dropped
// whole, and so is a signature from "-- " on.
func trimQuoted(text string) string {
	lines := strings.Split(text, "\n")
	var keep []string
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		t := strings.TrimSpace(line)
		if t == "--" || line == "-- " || historyAt(lines, i) {
			break
		}
		if quoted(line) {
			continue
		}
		if n := attributionAt(lines, i); n > 0 {
			if !quoteFollows(lines, i+n) {
				break
			}
			i += n - 1
			continue
		}
		keep = append(keep, line)
	}
	return normalizeText(strings.Join(keep, "\n"))
}

// attributionAt is how many lines the attribution starting at line i takes
// (1, or 2 when wrapped: "On Mon, ... <a@b>\nwrote:"), or 0.
func attributionAt(lines []string, i int) int {
	t := strings.TrimSpace(lines[i])
	for _, re := range attribution {
		if re.MatchString(t) {
			return 1
		}
	}
	if i+1 < len(lines) {
		next := strings.TrimSpace(lines[i+1])
		if strings.HasPrefix(t, "On ") && (next == "wrote:" || strings.HasSuffix(next, " wrote:")) {
			return 2
		}
	}
	return 0
}

// quoteFollows reports whether the first line from i on that is not blank is quoted.
func quoteFollows(lines []string, i int) bool {
	for ; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "" {
			return quoted(lines[i])
		}
	}
	return false
}

// historyAt reports whether unquoted history starts at line i.
func historyAt(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	for _, re := range historyStart {
		if re.MatchString(t) {
			return true
		}
	}
	next := ""
	if i+1 < len(lines) {
		next = strings.TrimSpace(lines[i+1])
	}
	return outlookFrom.MatchString(t) && outlookNext.MatchString(next)
}

var replyPrefix = regexp.MustCompile(`(?i)^((re|fw|fwd|aw|sv|vs|tr|返信|転送)\s*(\[\d+\])?\s*[:：]\s*)+`)

// summarize is the first lines of the text, up to MaxSummary characters,
// else the subject without "Re:" prefixes.
func summarize(text, subject string) string {
	var parts []string
	n := 0
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		parts = append(parts, line)
		if n += utf8.RuneCountInString(line) + 1; n > MaxSummary {
			break
		}
	}
	if len(parts) > 0 {
		return clip(joinLines(parts), MaxSummary)
	}
	if s := strings.TrimSpace(replyPrefix.ReplaceAllString(subject, "")); s != "" {
		return clip(s, MaxSummary)
	}
	return "(no subject)"
}

// joinLines joins lines with a space, or nothing after a line ending in a
// CJK character: Japanese puts no space between sentences.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(lines[i-1])
			if k := width.LookupRune(last).Kind(); k != width.EastAsianWide && k != width.EastAsianFullwidth {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

var (
	autoLocal = regexp.MustCompile(`(?i)(no-?reply|no_reply|do-?not-?reply|do_not_reply|mailer-daemon|postmaster)`)
	botName   = regexp.MustCompile(`(?i)(^|[^\p{L}])(fin|\p{L}*bot|assistant|virtual agent|ai agent|automated)([^\p{L}]|$)|^ai$|ボット|アシスタント`)
)

// guessAuthor guesses who wrote an e-mail from its direction, sender and
// headers. A name that merely contains "AI" is not taken for a bot: service
// names often do ("Parley AI Support").
func guessAuthor(dir journal.Direction, name, addr string, h mail.Header) journal.AuthorKind {
	if dir == journal.Sent {
		return journal.AuthorMe
	}
	local := addr
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		local = addr[:i]
	}
	auto := h.Get("Auto-Submitted")
	switch {
	case autoLocal.MatchString(local),
		auto != "" && !strings.EqualFold(strings.TrimSpace(auto), "no"),
		h.Get("X-Autoreply") != "", h.Get("X-Autorespond") != "",
		strings.EqualFold(strings.TrimSpace(h.Get("Precedence")), "auto_reply"):
		return journal.AuthorAuto
	case botName.MatchString(strings.TrimSpace(name)), botName.MatchString(local):
		return journal.AuthorBot
	}
	return journal.AuthorHuman
}

// Len is the number of messages in the plan.
func (p *MessagePlan) Len() int { return len(p.items) }

// Messages returns the messages the plan would add, for the user to correct
// an author kind before Apply.
func (p *MessagePlan) Messages() []journal.Message { return append([]journal.Message(nil), p.items...) }

// SetAuthor changes the guessed author kind of message i.
func (p *MessagePlan) SetAuthor(i int, a journal.AuthorKind) error {
	if i < 0 || i >= len(p.items) {
		return invalid("there is no message %d", i+1)
	}
	m := p.items[i]
	m.Author = a
	if err := m.Validate(nil); err != nil {
		return err
	}
	p.items[i] = m
	return nil
}

// Preview lists the messages with their guessed author kinds.
func (p *MessagePlan) Preview() Preview {
	pv := Preview{
		Source:   p.source,
		Columns:  []string{"Date (UTC)", "From", "Direction", "Author", "Summary"},
		Warnings: append(append([]Warning(nil), p.warnings...), note("author kinds are guessed from the sender: check them")),
	}
	counts := map[journal.AuthorKind]int{}
	for _, m := range p.items {
		counts[m.Author]++
		if len(pv.Rows) == PreviewRows {
			pv.More++
			continue
		}
		pv.Rows = append(pv.Rows, []string{m.At.Format("2006-01-02 15:04"), clip(m.From, 40), string(m.Direction),
			string(m.Author), clip(m.Summary, 60)})
	}
	subject := ""
	if p.ticket.Subject != "" {
		subject = fmt.Sprintf(" %q", p.ticket.Subject)
	}
	pv.Summary = fmt.Sprintf("%s into ticket %d%s: %d sent, %d from a human, %d from a bot, %d automatic",
		plural(len(p.items), "message"), p.ticket.ID, subject, counts[journal.AuthorMe], counts[journal.AuthorHuman],
		counts[journal.AuthorBot], counts[journal.AuthorAuto])
	if p.known > 0 {
		pv.Summary += fmt.Sprintf("; %d already in the thread (skipped)", p.known)
	}
	return pv
}

// Apply adds the messages to the ticket's thread, all or nothing; ones the
// thread already has are skipped.
func (p *MessagePlan) Apply(ctx context.Context, db *storage.DB) (Result, error) {
	items := make([]journal.Message, len(p.items))
	copy(items, p.items)
	res, err := db.ImportMessages(ctx, p.ticket.ID, items)
	if err != nil {
		var ie *storage.ItemError
		if errors.As(err, &ie) && ie.Index < len(p.places) {
			return Result{}, &Error{Source: p.files[ie.Index], Place: p.places[ie.Index], Err: ie.Err}
		}
		return Result{}, &Error{Source: p.source, Err: err}
	}
	return Result{ImportResult: res, Noun: "message"}, nil
}
