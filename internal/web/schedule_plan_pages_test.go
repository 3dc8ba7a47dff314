package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

func TestPlanWeekPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	st := ts.Store
	s := apptest.SeedPlanWeek(t, st)
	apptest.AddStaff(t, st, "director@example.org", carepath.RoleAdmin)
	apptest.AddStaff(t, st, "desk@example.org", carepath.RoleFrontDesk)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	avail := "/staff/clients/" + s.Bob + "/availability"
	if code, _, body := desk("GET", avail, nil); code != 200 || !strings.Contains(body, "Not recorded yet") ||
		!strings.Contains(body, "<legend>Monday</legend>") {
		t.Errorf("availability form: %d", code)
	}
	if code, loc, _ := desk("POST", avail, url.Values{"slot": {"mon-09", "mon-10", "mon-11"}}); code != 303 || loc != avail+"?saved=1" {
		t.Errorf("save availability: %d %s", code, loc)
	}
	if _, _, body := desk("GET", avail+"?saved=1", nil); !strings.Contains(body, `value="mon-10" id="avail-mon-10" checked`) {
		t.Errorf("saved hours not ticked")
	}
	if code, _, _ := desk("GET", "/staff/programs/"+s.Program.ID+"/plan-week", nil); code != 403 {
		t.Errorf("front desk opens Plan next week: %d", code)
	}

	dir := apptest.SignIn(t, ts.URL, "director@example.org")
	if _, _, body := dir("GET", "/staff/programs", nil); !strings.Contains(body, "/staff/programs/"+s.Program.ID+"/plan-week") {
		t.Errorf("no Plan next week link on the programs page")
	}
	if code, _, body := dir("GET", "/staff/admin/staff/"+s.Ann.ID+"/availability", nil); code != 200 || !strings.Contains(body, `value="10"`) {
		t.Errorf("clinician availability: %d", code)
	}
	if code, _, body := dir("POST", "/staff/admin/staff/"+s.Ann.ID+"/availability", url.Values{"slot": {"mon-13"}, "max_clients": {"lots"}}); code != 400 ||
		!strings.Contains(body, `href="#avail-max-clients"`) || !strings.Contains(body, `value="mon-13" id="avail-mon-13" checked`) {
		t.Errorf("bad max clients: %d", code)
	}
	form := "/staff/programs/" + s.Program.ID + "/plan-week"
	code, _, body := dir("GET", form, nil)
	if code != 200 || !strings.Contains(body, "Departure or absence") || !strings.Contains(body, "Ann Therapist") {
		t.Fatalf("plan form: %d", code)
	}
	if code, _, body := dir("POST", form, url.Values{"week": {"next week"}}); code != 400 || !strings.Contains(body, `href="#plan-week"`) ||
		!strings.Contains(body, `value="next week"`) {
		t.Errorf("bad week: %d", code)
	}
	code, loc, _ := dir("POST", form, url.Values{"week": {"2026-W50"}, "without": {s.Ann.ID}})
	if code != 303 || !strings.HasPrefix(loc, "/staff/schedule-plans/") {
		t.Fatalf("propose: %d %s", code, loc)
	}
	code, _, body = dir("GET", loc, nil)
	for _, want := range []string{"Who changes groups", "Who gets a new therapist", "Brown, Bob", "Ben Therapist", "Ann Therapist (away)",
		"Process A", "need a substitute", "Apply this plan"} {
		if !strings.Contains(body, want) {
			t.Errorf("proposal lacks %q", want)
		}
	}
	if code != 200 {
		t.Errorf("proposal: %d", code)
	}
	code, applied, _ := dir("POST", loc+"/apply", url.Values{})
	if code != 303 || applied != loc+"?applied=1" {
		t.Fatalf("apply: %d %s", code, applied)
	}
	if _, _, body := dir("GET", applied, nil); !strings.Contains(body, "Applied.") || strings.Contains(body, "Apply this plan") {
		t.Errorf("after apply")
	}
	if code, _, body := dir("POST", loc+"/apply", url.Values{}); code != 409 || !strings.Contains(body, "already applied") {
		t.Errorf("apply twice: %d", code)
	}
}
