package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestFrontDeskSeesNoScreeningAnswers: an intake request's answers and suggested level are
// withheld from the front desk (in the list and one by one), which keeps the contact details
// and the crisis flag; a clinician sees the answers.
func TestFrontDeskSeesNoScreeningAnswers(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	ana, _ := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	in := &carepath.Intake{Name: "Sam Doe", Email: "sam@example.org", Consent: true, Crisis: true, Level: carepath.LevelIOP,
		Profile: json.RawMessage(`{"answers":{"phq9":[3,3,3,3,3,3,3,3,2]}}`)}
	if err := ts.Services.Intakes.CreateIntake(apptest.System(), in); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/v1/intakes", "/api/v1/intakes/" + in.ID} {
		code, body := apptest.API(t, "GET", ts.URL+path, desk, "")
		if code != 200 || strings.Contains(body, "phq9") || strings.Contains(body, `"level":"iop"`) ||
			!strings.Contains(body, "sam@example.org") || !strings.Contains(body, `"crisis":true`) {
			t.Errorf("front desk %s: %d %s", path, code, body)
		}
		code, body = apptest.API(t, "GET", ts.URL+path, ana, "")
		if code != 200 || !strings.Contains(body, "phq9") || !strings.Contains(body, `"level":"iop"`) {
			t.Errorf("clinician %s: %d %s", path, code, body)
		}
	}
}
