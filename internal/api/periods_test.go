package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/delivery"
)

// TestPeriodsTakeDatesAndWeeks checks that every period parameter takes a date or an ISO week
// and that both forms of the same period answer the same; it builds its program with a group
// whose room is still to be arranged.
func TestPeriodsTakeDatesAndWeeks(t *testing.T) {
	t.Parallel()
	s := newAPIServer(t)
	admin, _ := s.token("admin@example.org", carepath.RoleAdmin)
	desk, _ := s.token("desk@example.org", carepath.RoleFrontDesk)
	ann, annStaff := s.token("ann@example.org", carepath.RoleClinician)
	loc, _ := time.LoadLocation("America/Chicago")
	week := delivery.WeekOf(time.Now().AddDate(0, 0, 14), loc)
	monday, next := week.Monday(), week.Next()
	program := s.created("/api/v1/programs", admin,
		`{"name":"Evening IOP","level":"iop","time_zone":"America/Chicago","min_hours_per_week":9}`)
	client := s.created("/api/v1/clients", desk, fmt.Sprintf(
		`{"given_name":"Kim","family_name":"Lee","birth_date":"1990-04-02","primary_clinician_id":%q}`, annStaff.ID))
	group := s.created("/api/v1/groups", desk, fmt.Sprintf(`{"program_id":%q,"name":"Process A","type":"process",
		"facilitator_ids":[%q],"days":["mon","wed","fri"],"start_time":"09:00","minutes":180,"start_date":%q}`,
		program, annStaff.ID, monday))
	if status, _, body := s.call("GET", "/api/v1/groups/"+group, desk, "", ""); status != 200 || strings.Contains(body, `"room"`) {
		t.Errorf("a group created without a room: %d %s", status, body)
	}
	if status, _, body := s.call("POST", "/api/v1/groups/"+group+"/members", desk, "application/json",
		fmt.Sprintf(`{"client_id":%q,"from":%q}`, client, monday)); status != 200 {
		t.Fatalf("add member: %d %s", status, body)
	}

	same := func(what, token string, paths ...string) string {
		t.Helper()
		var first string
		for i, path := range paths {
			status, _, body := s.call("GET", path, token, "", "")
			if status != 200 {
				t.Errorf("%s: GET %s: %d %s", what, path, status, body)
				continue
			}
			if i == 0 {
				first = body
			} else if body != first {
				t.Errorf("%s: GET %s answered\n%s\nbut GET %s answered\n%s", what, path, body, paths[0], first)
			}
		}
		return first
	}
	sessions := same("sessions", ann,
		fmt.Sprintf("/api/v1/sessions?program_id=%s&from=%s&to=%s", program, week, week),
		fmt.Sprintf("/api/v1/sessions?program_id=%s&from=%s&to=%s", program, monday, next.Monday()),
		fmt.Sprintf("/api/v1/sessions?program_id=%s&from=%s&to=%s", program, week, next.Monday()))
	if n := strings.Count(sessions, `"group_id"`); n != 3 {
		t.Errorf("the week holds %d group sessions, want 3: %s", n, sessions)
	}
	wednesday, sunday := monday.AddDays(2), monday.AddDays(6)
	same("quality", admin,
		fmt.Sprintf("/api/v1/programs/%s/quality?from=%s&to=%s", program, week, week),
		fmt.Sprintf("/api/v1/programs/%s/quality?from=%s&to=%s", program, wednesday, sunday))
	same("dose", ann,
		fmt.Sprintf("/api/v1/clients/%s/dose?week=%s", client, week),
		fmt.Sprintf("/api/v1/clients/%s/dose?week=%s", client, sunday))
	same("outcomes", ann,
		fmt.Sprintf("/api/v1/outcomes?from=%s&to=%s", week, week),
		fmt.Sprintf("/api/v1/outcomes?from=%s&to=%s", monday, next.Monday()))

	for _, tc := range []struct{ path, field string }{
		{fmt.Sprintf("/api/v1/programs/%s/quality?from=2026-13-40&to=%s", program, week), "from"},
		{fmt.Sprintf("/api/v1/programs/%s/quality?from=%s&to=someday", program, week), "to"},
		{fmt.Sprintf("/api/v1/clients/%s/dose?week=2027-W53", client), "week"},
		{fmt.Sprintf("/api/v1/sessions?from=%s&to=2027-W53", monday), "to"},
		{fmt.Sprintf("/api/v1/outcomes?from=2026-W00&to=%s", next.Monday()), "from"},
	} {
		status, header, body := s.call("GET", tc.path, admin, "", "")
		if status != 400 {
			t.Errorf("GET %s: %d %s, want 400", tc.path, status, body)
			continue
		}
		if p := problem(t, header, body); !slices.ContainsFunc(p.Errors, func(f carepath.FieldError) bool { return f.Field == tc.field }) {
			t.Errorf("GET %s: errors %+v do not name %s", tc.path, p.Errors, tc.field)
		}
	}
}
