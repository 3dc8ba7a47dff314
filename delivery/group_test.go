package delivery

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

func TestGroupValidate(t *testing.T) {
	good := func() Group {
		return Group{ID: "g1", Name: " Evening process ", Type: GroupProcess, FacilitatorIDs: []string{"s1"}, Room: "Room A",
			Series: Series{ID: "g1", Recurrence: Weekly{Days: monWedFri, Start: Clock{18, 0}, Minutes: 180, From: MustDate("2026-03-02")}}}
	}
	tests := []struct {
		name   string
		edit   func(g *Group)
		fields []string
	}{
		{"valid", func(g *Group) {}, nil},
		{"telehealth with link", func(g *Group) { g.Telehealth, g.Room, g.MeetingLink = true, "", "https://meet.example.org/abc" }, nil},
		{"telehealth without link", func(g *Group) { g.Telehealth = true }, []string{"meeting_link"}},
		{"telehealth with http link", func(g *Group) { g.Telehealth, g.MeetingLink = true, "http://meet.example.org/abc" }, []string{"meeting_link"}},
		{"in person, room to be arranged", func(g *Group) { g.Room = " " }, nil},
		{"everything missing", func(g *Group) {
			g.Name, g.Type, g.FacilitatorIDs, g.Capacity = "", "", nil, -1
			g.Series.Recurrence.Days = nil
		}, []string{"name", "type", "facilitator_ids", "capacity", "recurrence.days"}},
		{"unknown type", func(g *Group) { g.Type = "yoga" }, []string{"type"}},
		{"never occurs", func(g *Group) { g.Series.Recurrence.Until = MustDate("2026-03-01") }, []string{"recurrence.until"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := good()
			tt.edit(&g)
			err := g.Validate()
			if got := fieldsOf(err); !slices.Equal(got, tt.fields) {
				t.Errorf("fields = %v, want %v (%v)", got, tt.fields, err)
			}
		})
	}
	g := good()
	if g.Cap() != 9 {
		t.Errorf("process default cap = %d, want 9: process groups stay under 10", g.Cap())
	}
	g.Type, g.Capacity = GroupPsychoeducation, 0
	if g.Cap() != 0 {
		t.Errorf("psychoeducation default cap = %d", g.Cap())
	}
	g.Capacity = 16
	if g.Cap() != 16 {
		t.Errorf("own cap = %d", g.Cap())
	}
}

func TestGroupSessionsAndSeriesConflicts(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	g := Group{ID: "g1", Name: "Skills", Type: GroupSkills, FacilitatorIDs: []string{"s1"}, Room: "Room A",
		Series: Series{ID: "g1", Recurrence: Weekly{Days: monWedFri, Start: Clock{9, 0}, Minutes: 180, From: MustDate("2026-03-02")}}}
	var r Roster
	_ = r.Add("c1", MustDate("2026-03-02"))
	_ = r.Add("c2", MustDate("2026-03-04"))
	ss := g.Sessions(ny, MustDate("2026-03-02").Midnight(ny), MustDate("2026-03-07").Midnight(ny), r)
	if len(ss) != 3 || !slices.Equal(ss[0].ClientIDs, []string{"c1"}) || !slices.Equal(ss[1].ClientIDs, []string{"c1", "c2"}) ||
		ss[2].ID != "g1:2026-03-06" || ss[2].Room != "Room A" || ss[2].Kind != KindGroup {
		t.Fatalf("sessions = %+v", ss)
	}
	// A weekly individual session for c2 on Wednesdays at 11:00 clashes with the 09:00–12:00
	// group once c2 has joined it.
	ind := Series{ID: "i-c2", Recurrence: Weekly{Days: []time.Weekday{time.Wednesday}, Start: Clock{11, 0}, Minutes: 50, From: MustDate("2026-03-04")}}
	var proposed []Session
	for _, o := range ind.Occurrences(ny, MustDate("2026-03-02").Midnight(ny), MustDate("2026-03-07").Midnight(ny)) {
		proposed = append(proposed, Session{ID: o.ID, Kind: KindIndividual, Start: o.Start, Minutes: o.Minutes, ClinicianIDs: []string{"s2"}, ClientIDs: []string{"c2"}})
	}
	err := CheckSeriesConflicts(proposed, ss, ny)
	if carepath.ErrorCode(err) != carepath.ECONFLICT || !slices.Equal(fieldsOf(err), []string{"client_ids"}) {
		t.Fatalf("err = %v", err)
	}
	if want := "client_ids: client c2 is already booked for session g1:2026-03-04 at 2026-03-04T09:00:00-05:00 (180 min)."; err.Error() != "This would double-book: "+want {
		t.Errorf("message = %q", err.Error())
	}
	if err := CheckSeriesConflicts(proposed[:0], ss, ny); err != nil {
		t.Errorf("nothing proposed: %v", err)
	}
}

// TestRosterMostFrom checks the size a roster reaches from a date on: members who have left
// do not count, members who join later do.
func TestRosterMostFrom(t *testing.T) {
	r := Roster{{ClientID: "a", From: MustDate("2026-03-02")}, {ClientID: "b", From: MustDate("2026-03-02"), Until: MustDate("2026-03-09")},
		{ClientID: "c", From: MustDate("2026-03-16")}, {ClientID: "d", From: MustDate("2026-03-16")}}
	for _, c := range []struct {
		from string
		want int
	}{{"2026-03-02", 3}, {"2026-03-09", 3}, {"2026-03-20", 3}, {"2026-03-03", 3}} {
		if got := r.MostFrom(MustDate(c.from)); got != c.want {
			t.Errorf("MostFrom(%s) = %d, want %d", c.from, got, c.want)
		}
	}
	if got := (Roster{{ClientID: "a", From: MustDate("2026-03-02"), Until: MustDate("2026-03-09")}}).MostFrom(MustDate("2026-03-09")); got != 0 {
		t.Errorf("a member who left counts: %d", got)
	}
}
