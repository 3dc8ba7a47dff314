package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// post submits a form the way a browser does, and returns the status and the page.
func post(t *testing.T, ts string, path string, form url.Values) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", ts+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := apptest.NoRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func aidForm(kv ...string) url.Values {
	f := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Add(kv[i], kv[i+1])
	}
	return f
}

func phqForm(item9 string, rest ...string) url.Values {
	f := aidForm("topic", "mood")
	for i, v := range rest {
		f.Set("phq9_"+itoa(i+1), v)
	}
	f.Set("phq9_9", item9)
	return f
}

func itoa(i int) string { return strconv.Itoa(i) }

func intakes(t *testing.T, st *store.Store) []*carepath.Intake {
	t.Helper()
	ctx := carepath.NewContext(context.Background(), carepath.Actor{ID: "test", Role: carepath.RoleSystem, Remote: "test"})
	list, err := store.NewIntakeService(st).FindIntakes(ctx, carepath.IntakeFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func TestDecisionAidScenarios(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store

	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "not a diagnosis") || !strings.Contains(string(b), `name="topic"`) {
		t.Fatalf("GET / = %d", resp.StatusCode)
	}

	steps := []struct {
		name     string
		path     string
		form     url.Values
		status   int
		contains []string
		absent   []string
	}{
		{"no topic chosen", "/aid/questions", aidForm(), 422, []string{"Please choose at least one thing"}, nil},
		{"mood shows the PHQ-9 with attribution", "/aid/questions", aidForm("topic", "mood"), 200,
			[]string{"Little interest or pleasure in doing things", "Pfizer", `name="phq9_9"`, `data-safety="item9"`}, []string{`name="audit_1"`}},
		{"drugs shows the DAST-10 and the withdrawal question", "/aid/questions", aidForm("topic", "drugs"), 200,
			[]string{`name="dast10_1"`, `name="withdrawal"`, "Skinner"}, []string{`name="phq9_1"`}},
		{"a missing answer keeps what was typed and names the question", "/aid/result",
			aidForm("topic", "mood", "phq9_1", "2", "phq9_2", "1", "weekly_hours_available", "12"), 422,
			[]string{"PHQ-9 question 3: Please choose an answer.", `value="2" id="phq9_1-2" checked`, `value="12"`}, nil},
		{"bad hours are named", "/aid/result", withValues(phqForm("0", "1", "1", "1", "0", "0", "0", "0", "0"), "weekly_hours_available", "lots"), 422,
			[]string{"Please give a whole number of hours"}, nil},
		{"mild answers: individual therapy, no crisis", "/aid/result", phqForm("0", "1", "1", "1", "1", "1", "1", "0", "0"), 200,
			[]string{"Individual therapy (outpatient)", "This is not a diagnosis", "Your options side by side", `id="crisis" class="crisis" role="alert" hidden`}, nil},
		{"moderately severe with strong support: IOP", "/aid/result",
			withValues(phqForm("0", "2", "2", "2", "2", "2", "2", "2", "2"), "support", "strong", "must_keep_working", "yes"), 200,
			[]string{`data-level="iop"`, "You can keep working: evening tracks are common."}, nil},
		{"item 9 answered: crisis banner at the top", "/aid/result", phqForm("1", "1", "1", "0", "0", "0", "0", "0", "0"), 200,
			[]string{`id="crisis" class="crisis" role="alert" >`, "988", "Safety first"}, []string{`role="alert" hidden`}},
		{"self-harm answered yes re-shows the questions with the banner", "/aid/result",
			withValues(aidForm("topic", "mood"), "self_harm", "yes"), 422, []string{`id="crisis" class="crisis" role="alert" >`}, nil},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			status, page := post(t, ts.URL, s.path, s.form)
			if status != s.status {
				t.Errorf("status %d, want %d", status, s.status)
			}
			for _, c := range s.contains {
				if !strings.Contains(page, c) {
					t.Errorf("page lacks %q", c)
				}
			}
			for _, c := range s.absent {
				if strings.Contains(page, c) {
					t.Errorf("page has %q", c)
				}
			}
		})
	}
	if n := len(intakes(t, st)); n != 0 {
		t.Fatalf("the decision aid stored %d intake requests without being asked", n)
	}
}

func withValues(f url.Values, kv ...string) url.Values {
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

func TestIntakeRequest(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	profile := `{"answers":{"phq9":[1,1,0,0,0,0,0,0,2]},"context":{"support":"some"}}`

	// Without consent nothing is stored, and the form keeps what was typed.
	status, page := post(t, ts.URL, "/aid/intake", aidForm("profile", profile, "name", "Dana", "email", "dana@example.org"))
	if status != 400 || !strings.Contains(page, "We can only store your request with your consent.") || !strings.Contains(page, `value="Dana"`) {
		t.Fatalf("no consent: %d", status)
	}
	// A bad email is named.
	status, page = post(t, ts.URL, "/aid/intake", aidForm("profile", profile, "name", "Dana", "email", "not-an-email", "consent", "yes"))
	if status != 400 || !strings.Contains(page, "does not look like an email address") {
		t.Fatalf("bad email: %d", status)
	}
	// A tampered profile is refused.
	status, _ = post(t, ts.URL, "/aid/intake", aidForm("profile", `{"answers":{"phq9":[9]}}`, "name", "Dana", "email", "dana@example.org", "consent", "yes"))
	if status != 400 {
		t.Fatalf("tampered profile: %d", status)
	}
	if n := len(intakes(t, st)); n != 0 {
		t.Fatalf("%d intake requests stored from bad input", n)
	}

	status, page = post(t, ts.URL, "/aid/intake", aidForm("profile", profile, "name", "Dana", "email", "dana@example.org",
		"best_times", "evenings", "consent", "yes"))
	if status != 200 || !strings.Contains(page, "your request is on its way") || !strings.Contains(page, "marked for review today") {
		t.Fatalf("intake: %d", status)
	}
	list := intakes(t, st)
	if len(list) != 1 || list[0].Name != "Dana" || !list[0].Crisis || list[0].Level != carepath.LevelIOP || list[0].BestTimes != "evenings" {
		t.Fatalf("stored %+v", list)
	}
}

func TestFormsRefuseCrossOriginPosts(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	req, _ := http.NewRequest("POST", ts.URL+"/aid/result", strings.NewReader("topic=mood"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site POST = %d, want 403", resp.StatusCode)
	}
	resp, err = apptest.NoRedirect.Get(ts.URL + "/aid/result")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("GET /aid/result = %d, want a redirect to the start", resp.StatusCode)
	}
}
