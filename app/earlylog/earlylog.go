// Package earlylog holds back what libraries write to the standard logger
// while the program initialises: Fyne's lang package logs an unparsable
// locale (LANG=C.UTF-8) from its init, before main runs. Go initialises
// packages in import-path order once their imports are ready, and this one
// imports only log, bytes and io, so it runs before Fyne's lang, which needs
// text/template (a path after "lapse/").
package earlylog

import (
	"bytes"
	"io"
	"log"
)

var held bytes.Buffer

func init() {
	log.SetOutput(&held)
}

// Release sends later log lines to w; with replay it first writes what was
// held back (the desktop app keeps Fyne's notes, the command line drops them).
func Release(w io.Writer, replay bool) {
	if replay {
		_, _ = w.Write(held.Bytes())
	}
	held.Reset()
	log.SetOutput(w)
}
