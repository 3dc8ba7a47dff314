package api_test

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
)

// TestCertificationsAPI records and lists an episode's physician certifications; bad input is a
// 400 naming the field, the front desk may not record one, and a clinician outside the care
// team finds no episode.
func TestCertificationsAPI(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	ana, anaStaff := apptest.Token(t, ts.Store, "ana@example.org", carepath.RoleClinician)
	bo, _ := apptest.Token(t, ts.Store, "bo@example.org", carepath.RoleClinician)
	desk, _ := apptest.Token(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	_, episode, _ := seedAttended(t, ts.Store, anaStaff.ID)
	path := ts.URL + "/api/v1/episodes/" + episode + "/certifications"
	initial := `{"date":"2026-10-26","physician_name":"Ada Okafor","physician_npi":"1245319599","hours_per_week":12,"plan":"Groups three evenings a week"}`
	for _, tt := range []struct {
		name, method, token, body string
		status                    int
		want                      string
	}{
		{"a recertification first", "POST", ana, `{"date":"2026-10-26","recertification":true,"physician_name":"Ada Okafor","physician_npi":"1245319599","hours_per_week":12}`, 400, `"recertification"`},
		{"a bad NPI", "POST", ana, `{"date":"2026-10-26","physician_name":"Ada Okafor","physician_npi":"1245319598","hours_per_week":12}`, 400, `"physician_npi"`},
		{"hours outside 1–40", "POST", ana, `{"date":"2026-10-26","physician_name":"Ada Okafor","physician_npi":"1245319599","hours_per_week":0}`, 400, `"hours_per_week"`},
		{"a date in the future", "POST", ana, `{"date":"2999-01-01","physician_name":"Ada Okafor","physician_npi":"1245319599","hours_per_week":12}`, 400, `"date"`},
		{"the front desk", "POST", desk, initial, 403, ""},
		{"outside the care team", "POST", bo, initial, 404, ""},
		{"the initial certification", "POST", ana, initial, 201, `"physician_name":"Ada Okafor"`},
		{"a recertification", "POST", ana, `{"date":"2026-11-20","recertification":true,"physician_name":"Ada Okafor","physician_npi":"1245319599","hours_per_week":9}`, 201, `"recertification":true`},
		{"the list", "GET", ana, "", 200, `"hours_per_week":9`},
		{"the list outside the care team", "GET", bo, "", 404, ""},
	} {
		status, body := apptest.API(t, tt.method, path, tt.token, tt.body)
		if status != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %s = %d %s, want %d with %s", tt.name, tt.method, status, body, tt.status, tt.want)
		}
	}
	if _, body := apptest.API(t, "GET", path, ana, ""); strings.Index(body, `"2026-10-26"`) > strings.Index(body, `"2026-11-20"`) {
		t.Errorf("the list is not by date: %s", body)
	}
}
