package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestReviewPages: from the chart, a clinician opens the continued-stay review page, runs a
// review (303 to it), sees the step-down suggestion with its reasons and the data behind it,
// cannot decline without a reason (400 with the summary linking to the field) or with one too
// long (400, the text kept), confirms the acceptance (the episode is at outpatient), and a
// second acceptance is refused (409). The front desk gets 403, another clinician's client
// 404, and a cross-origin POST is refused.
func TestReviewPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedStepDown(t, st)
	as := apptest.SignIn(t, ts.URL, "ana@example.org")
	chart := "/staff/clients/" + s.Client.ID

	code, _, body := as("GET", chart, nil)
	if code != 200 || !strings.Contains(body, `href="`+chart+`/reviews"`) {
		t.Fatalf("chart: %d, no link to the reviews", code)
	}
	code, _, body = as("GET", chart+"/reviews", nil)
	if code != 200 || !strings.Contains(body, "Run a review now") || !strings.Contains(body, "No reviews yet") {
		t.Fatalf("review page: %d %s", code, body)
	}
	code, loc, _ := as("POST", chart+"/reviews", url.Values{})
	if code != 303 || !strings.HasPrefix(loc, chart+"/reviews/") {
		t.Fatalf("run: %d %q", code, loc)
	}
	review := strings.TrimPrefix(loc, ts.URL)
	code, _, body = as("GET", review, nil)
	for _, want := range []string{"Suggestion: Step down to Individual therapy", "In remission on the last two measures", "PHQ-9",
		"sessions attended", "No relapse reported", "Reason for declining", "Accept…"} {
		if !strings.Contains(body, want) {
			t.Errorf("review page lacks %q", want)
		}
	}
	if code != 200 {
		t.Fatalf("review: %d", code)
	}

	code, _, body = as("POST", review+"/decline", url.Values{"reason": {"  "}})
	if code != 400 || !strings.Contains(body, `href="#decline-reason"`) || !strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("decline without a reason: %d %s", code, body)
	}
	long := strings.Repeat("too long ", 120)
	code, _, body = as("POST", review+"/decline", url.Values{"reason": {long}})
	if code != 400 || !strings.Contains(body, strings.TrimSpace(long)+"</textarea>") {
		t.Errorf("decline with a long reason: %d, text kept %v", code, strings.Contains(body, "too long too long"))
	}

	code, _, body = as("GET", review+"/accept", nil)
	if code != 200 || !strings.Contains(body, "Confirm: Step down to Individual therapy") || !strings.Contains(body, "transfers the client") {
		t.Errorf("confirm page: %d %s", code, body)
	}
	if code, loc, _ = as("POST", review+"/accept", url.Values{}); code != 303 || strings.TrimPrefix(loc, ts.URL) != review {
		t.Fatalf("accept: %d %q", code, loc)
	}
	code, _, body = as("GET", review, nil)
	if code != 200 || !strings.Contains(body, "Accepted") || !strings.Contains(body, "transferred to Individual therapy") || strings.Contains(body, "Reason for declining") {
		t.Errorf("accepted review: %d", code)
	}
	for _, e := range apptest.ClientEpisodes(t, st, s.Client.ID) {
		if e.ID == s.Episode.ID && e.Level != carepath.LevelOutpatient {
			t.Errorf("episode at %s after accepting", e.Level)
		}
	}
	if code, _, body = as("POST", review+"/accept", url.Values{}); code != 409 || !strings.Contains(body, "already accepted") {
		t.Errorf("accepted twice: %d", code)
	}

	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	if code, _, _ = desk("GET", chart+"/reviews", nil); code != 403 {
		t.Errorf("front desk: %d", code)
	}
	if code, _, _ = as("GET", "/staff/clients/"+s.Other.ID+"/reviews", nil); code != 404 {
		t.Errorf("another clinician's client: %d", code)
	}
	if code, _, _ = as("GET", chart+"/reviews/0190c3d4-0000-7000-8000-000000000000", nil); code != 404 {
		t.Errorf("unknown review: %d", code)
	}
	req, _ := http.NewRequest("POST", ts.URL+chart+"/reviews", strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("cross-origin POST: %d", resp.StatusCode)
	}
}

// TestReviewPagesShowTheSafetyAndStepRules runs reviews whose suggestions come from the
// safety and step-up rules and checks the page renders each rule, its reasons and what
// accepting does: a positive C-SSRS asks for a safety evaluation first (naming the step-down
// that also held), and a PHP client reliably worse is offered a step up to residential care.
func TestReviewPagesShowTheSafetyAndStepRules(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedStepDown(t, ts.Store)
	as := apptest.SignIn(t, ts.URL, "ana@example.org")
	chart := "/staff/clients/" + s.Client.ID
	run := func() string {
		t.Helper()
		code, loc, _ := as("POST", chart+"/reviews", url.Values{})
		if code != 303 {
			t.Fatalf("run: %d", code)
		}
		_, _, body := as("GET", strings.TrimPrefix(loc, ts.URL), nil)
		return body
	}
	measure := func(instrument string, answers []int) {
		t.Helper()
		if _, _, err := ts.Services.Measures.CreateMeasure(apptest.System(), s.Client.ID, carepath.MeasureInput{Instrument: instrument,
			Answers: answers, TakenAt: time.Now().Add(-time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	measure("cssrs", []int{0, 1, 1, 1, 1, 2}) // a wish to be dead in the past month
	body := run()
	for _, want := range []string{"<code>safety-cssrs</code>", "iop-step-down", "C-SSRS", "safety evaluation", "Follow the crisis protocol"} {
		if !strings.Contains(body, want) {
			t.Errorf("the C-SSRS review lacks %q", want)
		}
	}
	measure("cssrs", []int{1, 1, 1, 1, 1, 2})
	eps := apptest.ClientEpisodes(t, ts.Store, s.Client.ID)
	var open *carepath.Episode
	for _, e := range eps {
		if e.Status == "open" {
			open = e
		}
	}
	if _, err := ts.Services.Episodes.TransferEpisode(apptest.System(), open.ID, carepath.EpisodeTransfer{Version: open.Version,
		ToLevel: carepath.LevelPHP, On: time.Now().UTC().AddDate(0, 0, -1).Format(carepath.DateLayout), Reason: "Worse at home"}); err != nil {
		t.Fatal(err)
	}
	measure("phq9", []int{3, 3, 3, 3, 3, 3, 3, 2, 0})
	body = run()
	for _, want := range []string{"<code>php-step-up</code>", "reliably worse", "Residential"} {
		if !strings.Contains(body, want) {
			t.Errorf("the PHP review lacks %q", want)
		}
	}
}
