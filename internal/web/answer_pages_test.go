package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// answerLink makes an answer link for a new client of Ana's, as the command line, and
// returns the client's id and the token.
func answerLink(t *testing.T, base string, st *store.Store, instruments ...string) (string, string) {
	t.Helper()
	admin, _ := apptest.Token(t, st, "admin-"+instruments[0]+"@example.org", carepath.RoleAdmin)
	ana := apptest.AddStaff(t, st, "ana-"+instruments[0]+"@example.org", carepath.RoleClinician)
	client := apptest.MeasureClient(t, base, admin, ana.ID)
	_, token, err := store.NewMeasureService(st).CreateMeasureLink(apptest.System(), client,
		carepath.MeasureLinkInput{Instruments: instruments, SendTo: "email"})
	if err != nil {
		t.Fatal(err)
	}
	return client, token
}

func fetch(t *testing.T, method, u string, form url.Values) (int, string) {
	t.Helper()
	var resp *http.Response
	var err error
	if method == "GET" {
		resp, err = http.Get(u)
	} else {
		resp, err = http.PostForm(u, form)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestAnswerPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	client, token := answerLink(t, ts.URL, st, "phq9", "checkin")
	page := ts.URL + "/m/" + token

	code, body := fetch(t, "GET", page, nil)
	if code != 200 || !strings.Contains(body, "PHQ-9") || !strings.Contains(body, "checkin_3") || !strings.Contains(body, "Pfizer") {
		t.Fatalf("form: %d %s", code, clip(body, 400))
	}
	for _, secret := range []string{"Ada", "Quill", "ada@example.org", client} {
		if strings.Contains(body, secret) {
			t.Errorf("the page shows %q", secret)
		}
	}

	// Every item is required: the form comes back with what was chosen, naming the rest.
	form := url.Values{}
	for i := 1; i <= 9; i++ {
		form.Set("phq9_"+string(rune('0'+i)), "0")
	}
	form.Del("phq9_4")
	form.Set("checkin_1", "7")
	form.Set("checkin_2", "31")
	code, body = fetch(t, "POST", page, form)
	if code != 422 || !strings.Contains(body, `href="#phq9_4-0"`) || !strings.Contains(body, `href="#checkin_2"`) || !strings.Contains(body, `href="#checkin_3"`) ||
		!strings.Contains(body, `id="phq9_1-0" checked`) || !strings.Contains(body, `value="31"`) {
		t.Fatalf("missing answers: %d %s", code, clip(body, 3000))
	}
	if n := apptest.CountRows(t, ts.DB, "measures", "1 = 1"); n != 0 {
		t.Fatalf("%d measures stored after an error", n)
	}
	// The check-in's two day counts must agree: the store names the field.
	form.Set("phq9_4", "1")
	form.Set("checkin_2", "2")
	form.Set("checkin_3", "4")
	if code, body = fetch(t, "POST", page, form); code != 422 || !strings.Contains(body, `href="#checkin_2"`) {
		t.Fatalf("contradicting days: %d %s", code, clip(body, 3000))
	}

	// Item 9 answered "several days": the thank-you page shows crisis resources at once.
	form.Set("checkin_2", "30")
	form.Set("phq9_9", "1")
	code, body = fetch(t, "POST", page, form)
	if code != 200 || !strings.Contains(body, "Thank you") || !strings.Contains(body, `id="safety-seen"`) || !strings.Contains(body, `id="danger-now"`) || strings.Contains(body, `class="crisis" role="alert" hidden`) {
		t.Fatalf("done: %d %s", code, clip(body, 3000))
	}
	if n := apptest.CountRows(t, ts.DB, "measures", "client_id = '"+client+"' AND source = 'link'"); n != 2 {
		t.Fatalf("%d measures stored, want 2", n)
	}
	if n := apptest.CountRows(t, ts.DB, "measure_alerts", "client_id = '"+client+"' AND kind = 'safety_item9'"); n != 1 {
		t.Errorf("%d safety alerts, want 1", n)
	}

	// Reused, expired and wrong tokens get the same page, with nothing about the client.
	_, expired := answerLink(t, ts.URL, st, "gad7")
	if _, err := ts.DB.Exec(`UPDATE measure_links SET expires_at = $1 WHERE used_at IS NULL`, time.Now().UTC().Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	var want string
	for i, u := range []string{page, ts.URL + "/m/" + expired, ts.URL + "/m/" + strings.Repeat("A", 43)} {
		for _, method := range []string{"GET", "POST"} {
			code, body := fetch(t, method, u, form)
			body = strings.ReplaceAll(body, u, "")
			if code != 404 || !strings.Contains(body, "This link does not work") {
				t.Errorf("%d %s: %d %s", i, method, code, clip(body, 300))
			}
			if want == "" {
				want = body
			} else if body != want {
				t.Errorf("%d %s: a different answer", i, method)
			}
		}
	}
	if n := apptest.CountRows(t, ts.DB, "measures", "1 = 1"); n != 2 {
		t.Errorf("%d measures after reuse, want 2", n)
	}
}
