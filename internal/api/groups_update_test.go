package api_test

import (
	"fmt"
	"strings"
	"testing"
)

// Changing a group: its name, capacity, facilitators and room change; a bad capacity or an end
// date before a session with attendance is named; a new facilitator already booked then is a
// 409 naming facilitator_ids; its days and hours are not something the call can change.
func TestGroupUpdateAPI(t *testing.T) {
	t.Parallel()
	w := newDeliveryWorld(t)
	path := "/api/v1/groups/" + w.group
	status, body := w.call("PATCH", path, w.desk, `{"name":"Process A (mornings)","capacity":9,"room":"Room 3"}`)
	if status != 200 || !strings.Contains(body, `"name":"Process A (mornings)"`) || !strings.Contains(body, `"capacity":9`) ||
		!strings.Contains(body, `"room":"Room 3"`) {
		t.Fatalf("patch: %d %s", status, body)
	}
	for _, c := range []struct{ body, field string }{
		{`{"capacity":-1}`, "capacity"},
		{`{"name":" "}`, "name"},
		{`{"facilitator_ids":[]}`, "facilitator_ids"},
		{`{"end_date":"2026-02-30"}`, "end_date"},
		{`{"modality":"telehealth"}`, "meeting_link"},
	} {
		if status, body := w.call("PATCH", path, w.desk, c.body); status != 400 || !strings.Contains(body, `"field":"`+c.field) {
			t.Errorf("%s: %d %s", c.body, status, body)
		}
	}
	if status, body := w.call("PATCH", path, w.desk, `{"days":["tue"]}`); status != 400 || !strings.Contains(body, "days") {
		t.Errorf("days changed through PATCH: %d %s", status, body)
	}
	occ := w.group + ":" + w.day(2)
	if status, body := w.attend(w.ann, occ, 0, rec(w.alice, "present", 180)); status != 200 {
		t.Fatalf("attendance: %d %s", status, body)
	}
	if status, body := w.call("PATCH", path, w.desk, fmt.Sprintf(`{"end_date":%q}`, w.day(0))); status != 400 || !strings.Contains(body, `"field":"end_date"`) {
		t.Errorf("end before attendance: %d %s", status, body)
	}
	// Ben sees Dana (in no group) on Friday at 10:00: he cannot join the group's Friday session.
	dana := w.created("POST", "/api/v1/clients", w.desk, `{"given_name":"Dana","family_name":"Test","birth_date":"1990-04-02"}`)
	w.session(dana, w.benID, 4, "10:00", 50)
	status, body = w.call("PATCH", path, w.desk, fmt.Sprintf(`{"facilitator_ids":[%q,%q]}`, w.annID, w.benID))
	if status != 409 || !strings.Contains(body, `"field":"facilitator_ids"`) || !strings.Contains(body, w.day(4)) {
		t.Errorf("a facilitator booked elsewhere: %d %s", status, body)
	}
	if status, body := w.call("PATCH", path, w.reviewer, `{"name":"x"}`); status != 403 {
		t.Errorf("reviewer: %d %s", status, body)
	}
}
