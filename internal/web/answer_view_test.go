package web

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

// TestContactTextSaysWhenTheTeamWillBeInTouch checks what the thank-you page promises after a
// safety answer, from the program's office hours in its own zone: today while open, the next
// opening when closed (tomorrow, or the weekday after a weekend), and no promise of a time
// without office hours. Answers without a safety concern promise the next appointment.
func TestContactTextSaysWhenTheTeamWillBeInTouch(t *testing.T) {
	h := &carepath.OfficeHours{TimeZone: "America/Chicago", Days: []carepath.OfficeSpan{
		{Day: "mon", Opens: "09:00", Closes: "17:00"}, {Day: "thu", Opens: "09:00", Closes: "17:00"}, {Day: "fri", Opens: "09:00", Closes: "13:00"}}}
	chicago, _ := time.LoadLocation("America/Chicago")
	for _, c := range []struct {
		name string
		h    *carepath.OfficeHours
		now  time.Time
		safe bool
		want string
	}{
		{"open now", h, time.Date(2026, 3, 19, 10, 0, 0, 0, chicago), false, "at work until 17:00 today (America/Chicago time) and will contact you today"},
		{"before opening", h, time.Date(2026, 3, 19, 7, 0, 0, 0, chicago), false, "when it opens: today at 09:00"},
		{"evening before an open day", h, time.Date(2026, 3, 19, 20, 0, 0, 0, chicago), false, "when it opens: tomorrow at 09:00"},
		{"Friday afternoon", h, time.Date(2026, 3, 20, 14, 0, 0, 0, chicago), false, "when it opens: Monday at 09:00"},
		{"no office hours", nil, time.Date(2026, 3, 20, 14, 0, 0, 0, chicago), false, "as soon as they can"},
		{"no safety concern", h, time.Date(2026, 3, 20, 14, 0, 0, 0, chicago), true, "at your next appointment"},
	} {
		if got := contactText(c.h, !c.safe, c.now.UTC()); !strings.Contains(got, c.want) {
			t.Errorf("%s: %q, want it to say %q", c.name, got, c.want)
		}
	}
}
