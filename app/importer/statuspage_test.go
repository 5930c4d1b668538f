package importer_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"lapse/app/importer"
	"lapse/app/journal"
	"lapse/storage"
)

// statuspageSample is the testdata incidents.json, decoded to edit it.
func statuspageSample(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	must(t, json.Unmarshal(testdata(t, "statuspage-incidents.json"), &doc))
	return doc
}

// incident returns incident i of a decoded document.
func incident(doc map[string]any, i int) map[string]any {
	return doc["incidents"].([]any)[i].(map[string]any)
}

func importStatuspage(ctx context.Context, t *testing.T, db *storage.DB, svc *journal.Service, data []byte) (importer.Result, error) {
	return parseAndApply(ctx, db, func() (importer.Plan, error) {
		known, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
		must(t, err)
		return importer.ParseStatuspage("incidents.json", data, svc, known)
	})
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestStatuspage(t *testing.T) {
	ctx := context.Background()
	t.Run("OK", func(t *testing.T) {
		db := mustOpen(t)
		svc := mustService(t, db, "Parley AI")
		plan, err := importer.ParseStatuspage("incidents.json", testdata(t, "statuspage-incidents.json"), svc, nil)
		must(t, err)
		pv := plan.Preview()
		if want := `3 official incidents of Parley AI from "Parley AI": 3 new, 0 already imported (updated)`; pv.Summary != want {
			t.Errorf("summary %q, want %q", pv.Summary, want)
		}
		res, err := plan.Apply(ctx, db)
		must(t, err)
		if res.Created != 3 || res.Updated != 0 || res.String() != "3 official incidents added" {
			t.Errorf("result %+v %q", res, res)
		}
		list, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
		must(t, err)
		if len(list) != 3 {
			t.Fatalf("%d outages, want 3", len(list))
		}
		type want struct {
			id, title  string
			start, end string
			impact     journal.Impact
			platforms  []string
			link       string
		}
		for i, w := range []want{
			{"kw1x2ls5pyq9", "Elevated error rates on chat completions", "2026-11-20T08:35:00Z", "", journal.ImpactDegraded,
				[]string{"API"}, "https://stspg.io/kw1x2ls5"},
			{"9fz7d3hq1bnt", `Web login stuck on "redirecting"`, "2026-11-03T00:00:00Z", "2026-11-12T12:02:17Z",
				journal.ImpactPartial, []string{"Web app", "Login"}, "https://stspg.io/9fz7d3hq"},
			{"c3v5b7n9m1q3", "Conversations fail to load", "2026-10-28T02:05:00Z", "2026-10-28T03:40:29Z",
				journal.ImpactDown, []string{"Web app", "Mobile apps"}, "https://stspg.io/c3v5b7n9"},
		} {
			o := list[i]
			var end *time.Time
			if w.end != "" {
				e := utc(w.end)
				end = &e
			}
			if o.ExternalID != w.id || o.Title != w.title || !o.Start.Equal(utc(w.start)) || !reflect.DeepEqual(o.End, end) ||
				o.Impact != w.impact || !reflect.DeepEqual(o.Platforms, w.platforms) || o.Link != w.link ||
				o.Source != journal.SourceOfficial {
				t.Errorf("outage %d: %+v\nwant %+v", i, o, w)
			}
		}
		login := list[1]
		if want := "Investigating — 2026-11-03 05:22 UTC\nSome users cannot log in on the web"; !strings.HasPrefix(login.Symptoms, want) {
			t.Errorf("symptoms %q, want the updates in order from %q", login.Symptoms, want)
		}
		if !strings.Contains(login.Symptoms, "Monitoring — 2026-11-12 09:30 UTC") {
			t.Errorf("symptoms %q lack the monitoring update", login.Symptoms)
		}
		if want := "This incident has been resolved.\n\nA change to session cookies broke"; !strings.HasPrefix(login.Resolution, want) {
			t.Errorf("resolution %q, want the resolved update then the postmortem", login.Resolution)
		}
	})
	t.Run("ReimportUpdates", func(t *testing.T) {
		db := mustOpen(t)
		svc := mustService(t, db, "Parley AI")
		_, err := importStatuspage(ctx, t, db, svc, testdata(t, "statuspage-incidents.json"))
		must(t, err)

		doc := statuspageSample(t)
		ongoing := incident(doc, 0)
		ongoing["status"] = "resolved"
		ongoing["resolved_at"] = "2026-11-20T10:00:00.123Z"
		ongoing["impact"] = "major"
		updates := ongoing["incident_updates"].([]any)
		ongoing["incident_updates"] = append([]any{map[string]any{
			"id": "z1", "status": "resolved", "body": "Error rates are back to normal.",
			"created_at": "2026-11-20T10:00:00.100Z",
		}}, updates...)
		known, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
		must(t, err)
		plan, err := importer.ParseStatuspage("incidents.json", encode(t, doc), svc, known)
		must(t, err)
		if want := "0 new, 3 already imported (updated)"; !strings.HasSuffix(plan.Preview().Summary, want) {
			t.Errorf("summary %q, want %q", plan.Preview().Summary, want)
		}
		res, err := plan.Apply(ctx, db)
		must(t, err)
		if res.Created != 0 || res.Updated != 3 {
			t.Errorf("re-import %+v, want 3 updated", res)
		}
		list, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
		must(t, err)
		if len(list) != 3 {
			t.Fatalf("%d outages after a re-import, want 3 (no duplicates)", len(list))
		}
		o := list[0]
		if o.ExternalID != "kw1x2ls5pyq9" || o.End == nil || !o.End.Equal(utc("2026-11-20T10:00:00Z")) ||
			o.Impact != journal.ImpactPartial || o.Resolution != "Error rates are back to normal." {
			t.Errorf("updated incident %+v", o)
		}
	})

	for _, tc := range []struct {
		name string
		edit func(doc map[string]any)
		want string
	}{
		{"WrongTypeTime", func(d map[string]any) { incident(d, 1)["started_at"] = 12 },
			`incidents.json incidents[1].started_at: must be a time like "2026-11-25T10:15:00.000Z", not a number (12)`},
		{"WrongTypeName", func(d map[string]any) { incident(d, 0)["name"] = []any{"x"} },
			`incidents.json incidents[0].name: must be a string, not a list`},
		{"WrongTypeUpdates", func(d map[string]any) { incident(d, 2)["incident_updates"] = "none" },
			`incidents.json incidents[2].incident_updates: must be a list, not a string`},
		{"WrongTypeBody", func(d map[string]any) {
			incident(d, 0)["incident_updates"].([]any)[1].(map[string]any)["body"] = false
		}, `incidents.json incidents[0].incident_updates[1].body: must be a string, not true or false`},
		{"MissingIncidents", func(d map[string]any) { delete(d, "incidents") },
			`incidents.json incidents: is missing`},
		{"MissingCreated", func(d map[string]any) { delete(incident(d, 0), "created_at") },
			`incidents.json incidents[0].created_at: is missing`},
		{"MissingID", func(d map[string]any) { incident(d, 2)["id"] = "" },
			`incidents.json incidents[2].id: must not be empty`},
		{"MissingComponentName", func(d map[string]any) {
			delete(incident(d, 1)["components"].([]any)[0].(map[string]any), "name")
		}, `incidents.json incidents[1].components[0].name: is missing`},
		{"BadDate", func(d map[string]any) { incident(d, 2)["resolved_at"] = "yesterday" },
			`incidents.json incidents[2].resolved_at: must be a time like "2026-11-25T10:15:00.000Z", not "yesterday"`},
		{"DateWithoutZone", func(d map[string]any) { incident(d, 2)["started_at"] = "2026-10-28 02:05:00" },
			`incidents.json incidents[2].started_at: must be a time`},
		{"BadImpact", func(d map[string]any) { incident(d, 0)["impact"] = "catastrophic" },
			`incidents.json incidents[0].impact: must be "none", "minor", "major", "critical" or "maintenance", not "catastrophic"`},
		{"DuplicateID", func(d map[string]any) { incident(d, 1)["id"] = "kw1x2ls5pyq9" },
			`incidents.json incidents[1].id: "kw1x2ls5pyq9" is also the id of incidents[0]`},
		{"NotAnObject", func(d map[string]any) { d["incidents"] = []any{"outage"} },
			`incidents.json incidents[0]: must be an object, not a string`},
	} {
		t.Run("Err"+tc.name, func(t *testing.T) {
			db := mustOpen(t)
			svc := mustService(t, db, "Parley AI")
			before := dump(t, db)
			doc := statuspageSample(t)
			tc.edit(doc)
			_, err := importStatuspage(ctx, t, db, svc, encode(t, doc))
			assertRefused(t, db, before, err, tc.want)
		})
	}
	t.Run("ErrCutShort", func(t *testing.T) {
		db := mustOpen(t)
		svc := mustService(t, db, "Parley AI")
		before := dump(t, db)
		_, err := importStatuspage(ctx, t, db, svc, testdata(t, "statuspage-incidents.json")[:500])
		assertRefused(t, db, before, err, `incidents.json: it is not valid JSON: it ends too early`)
	})
	t.Run("ErrHuge", func(t *testing.T) {
		db := mustOpen(t)
		svc := mustService(t, db, "Parley AI")
		before := dump(t, db)
		data := []byte(`{"incidents": [], "padding": "` + strings.Repeat("x", importer.MaxSize) + `"}`)
		_, err := importStatuspage(ctx, t, db, svc, data)
		assertRefused(t, db, before, err, `incidents.json: it is larger than 10 MiB`)
	})
}

func TestFetch(t *testing.T) {
	ctx := context.Background()
	sample := testdata(t, "statuspage-incidents.json")
	serve := func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v2/incidents.json" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(sample)
	}
	t.Run("OK", func(t *testing.T) {
		srv := httptest.NewTLSServer(http.HandlerFunc(serve))
		defer srv.Close()
		for _, address := range []string{srv.URL, srv.URL + "/", srv.URL + "/api/v2/incidents.json"} {
			data, err := importer.Fetcher{Client: srv.Client()}.Fetch(ctx, address)
			if err != nil || string(data) != string(sample) {
				t.Errorf("fetch %s: %d bytes, %v", address, len(data), err)
			}
		}
	})
	t.Run("RedirectToHTTPS", func(t *testing.T) {
		target := httptest.NewTLSServer(http.HandlerFunc(serve))
		defer target.Close()
		srv := httptest.NewTLSServer(http.RedirectHandler(target.URL+"/api/v2/incidents.json", http.StatusFound))
		defer srv.Close()
		data, err := importer.Fetcher{Client: srv.Client()}.Fetch(ctx, srv.URL+"/incidents")
		if err != nil || string(data) != string(sample) {
			t.Errorf("fetch through an https redirect: %d bytes, %v", len(data), err)
		}
	})

	var plainHits atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		plainHits.Add(1)
		serve(w, r)
	}))
	defer plain.Close()
	release := make(chan struct{})
	slow := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer slow.Close()
	defer close(release)
	// A server that takes the connection and never says a word: the TLS
	// handshake stalls.
	stall, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	defer stall.Close()
	go func() {
		for {
			c, err := stall.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	big := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("chunked") != "" {
			// No Content-Length: the limit has to hold while reading.
			for range 4 {
				w.Write([]byte(strings.Repeat("x", 512)))
				w.(http.Flusher).Flush()
			}
			return
		}
		w.Write([]byte(strings.Repeat("x", 2048)))
	}))
	defer big.Close()
	redirect := httptest.NewTLSServer(http.RedirectHandler(plain.URL+"/api/v2/incidents.json", http.StatusMovedPermanently))
	defer redirect.Close()
	missing := httptest.NewTLSServer(http.NotFoundHandler())
	defer missing.Close()

	for _, tc := range []struct {
		name    string
		fetcher importer.Fetcher
		address string
		want    string
	}{
		{"HTTP", importer.Fetcher{Client: plain.Client()}, plain.URL,
			plain.URL + ": Lapse only downloads over https, not http"},
		{"FTP", importer.Fetcher{}, "ftp://127.0.0.1/incidents.json", "Lapse only downloads over https, not ftp"},
		{"NotAnAddress", importer.Fetcher{}, "https://", "https://: it is not a web address"},
		{"RedirectToHTTP", importer.Fetcher{Client: redirect.Client()}, redirect.URL,
			redirect.URL + ": it redirects to " + plain.URL + "/api/v2/incidents.json: Lapse only follows https addresses"},
		{"Timeout", importer.Fetcher{Client: &http.Client{Transport: slow.Client().Transport, Timeout: 200 * time.Millisecond}},
			slow.URL, slow.URL + ": the server did not answer within 200ms"},
		{"TLSStall", importer.Fetcher{Client: &http.Client{Transport: &http.Transport{TLSHandshakeTimeout: 150 * time.Millisecond},
			Timeout: 5 * time.Second}}, "https://" + stall.Addr().String(),
			"the secure connection (TLS handshake) was not set up within 150ms"},
		{"TooLarge", importer.Fetcher{Client: big.Client(), MaxSize: 1024}, big.URL,
			big.URL + ": it is larger than 1024 bytes"},
		{"TooLargeChunked", importer.Fetcher{Client: big.Client(), MaxSize: 1024}, big.URL + "/?chunked=1",
			"it is larger than 1024 bytes"},
		{"NotFound", importer.Fetcher{Client: missing.Client()}, missing.URL, "the server answered 404 Not Found"},
	} {
		t.Run("Err"+tc.name, func(t *testing.T) {
			data, err := tc.fetcher.Fetch(ctx, tc.address)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("fetch %s: %d bytes, error %v\nwant %q", tc.address, len(data), err, tc.want)
			}
		})
	}
	t.Run("PasswordNeverShown", func(t *testing.T) {
		missingHost := strings.TrimPrefix(missing.URL, "https://")
		for _, address := range []string{
			"https://me:hunter2@" + missingHost,           // the server answers 404
			"https://me:hunter2@127.0.0.1:1/",             // nobody listens
			"http://me:hunter2@" + missingHost,            // not https
			"https://me:hunter2@" + stall.Addr().String(), // stalls
		} {
			f := importer.Fetcher{Client: &http.Client{Transport: &http.Transport{TLSHandshakeTimeout: 100 * time.Millisecond,
				TLSClientConfig: missing.Client().Transport.(*http.Transport).TLSClientConfig}}}
			_, err := f.Fetch(ctx, address)
			if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "me:xxxxx@") {
				t.Errorf("fetch %s: error %v, want one naming the address without its password", address, err)
			}
		}
		db := mustOpen(t)
		svc := mustService(t, db, "Parley AI")
		_, err := importer.ParseStatuspage("https://me:hunter2@status.example.com", []byte("{"), svc, nil)
		if err == nil || strings.Contains(err.Error(), "hunter2") {
			t.Errorf("parse error %v shows the password", err)
		}
	})
	if n := plainHits.Load(); n != 0 {
		t.Errorf("the http server was asked %d times; Lapse must never send a request over http", n)
	}
}

// TestStatuspageHTML: update bodies may be HTML (GitHub's are); the journal
// gets the text with its line breaks, not the markup.
func TestStatuspageHTML(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	svc := mustService(t, db, "GitHub")
	_, err := importStatuspage(ctx, t, db, svc, testdata(t, "statuspage-html.json"))
	must(t, err)
	list, err := db.Outages(ctx, storage.OutageFilter{ServiceID: &svc.ID})
	must(t, err)
	if len(list) != 1 {
		t.Fatalf("%d outages", len(list))
	}
	o := list[0]
	wantSymptoms := "Investigating — 2026-11-19 14:02 UTC\n" +
		"We are investigating reports of degraded performance for Actions.\nSome workflows are queued.\n\n" +
		"Investigating — 2026-11-19 14:30 UTC\n" +
		"Jobs that use larger runners are failing.\n\nWe have identified the cause & are rolling out a fix:\nhosted runners\nPages builds"
	if o.Symptoms != wantSymptoms {
		t.Errorf("symptoms\n%q\nwant\n%q", o.Symptoms, wantSymptoms)
	}
	if want := "This incident has been resolved. Thank you for your patience.\n\nWe will share a detailed RCA."; o.Resolution != want {
		t.Errorf("resolution %q\nwant %q", o.Resolution, want)
	}
	if o.Title != "Incident with Actions & Pages" {
		t.Errorf("title %q", o.Title)
	}
}
