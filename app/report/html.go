package report

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"fmt"
	"html/template"
)

//go:embed summary.html.tmpl
var htmlSource string

// sectionView is what the "section" template draws: a section at a
// heading level, with the chart it may place.
type sectionView struct {
	S        section
	Level    int
	Chart    template.URL
	ChartAlt string
}

var htmlTemplate = template.Must(template.New("summary").Funcs(template.FuncMap{
	"sec": func(s section, level int, chart template.URL, alt string) sectionView {
		return sectionView{S: s, Level: level, Chart: chart, ChartAlt: alt}
	},
	"cellClass": cellClass,
}).Parse(htmlSource))

// cellClass is the CSS class of column i's cells: "num" for numbers,
// "keep" for one-line dates, "" for wrapping text.
func cellClass(t *table, i int) string {
	switch {
	case t.right(i):
		return "num"
	case t.kept(i):
		return "keep"
	}
	return ""
}

// htmlPage is the data of the page template.
type htmlPage struct {
	outline
	Lang     string
	Chart    template.URL
	ChartAlt string
}

// HTML renders the summary as one self-contained, print-friendly HTML
// file: styles inline, the chart as a data: URI, no external reference at
// all (a Content-Security-Policy forbids any). Every user string goes
// through html/template's contextual escaping; links the user entered are
// shown as text, not followed.
func (s *Summary) HTML() ([]byte, error) {
	p := htmlPage{outline: s.outline(), Lang: string(s.Lang), ChartAlt: s.t("report.chart")}
	// The chart is PNG bytes this package drew, so it is safe as a URL.
	p.Chart = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(s.Chart))
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, p); err != nil {
		return nil, fmt.Errorf("render HTML summary: %w", err)
	}
	return b.Bytes(), nil
}
