package delivery

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

// TestRosterChangeMidWeek adds one client and removes another on a Wednesday: the Monday
// session keeps the old roster, Wednesday and Friday follow the new one, and nothing about
// the series itself changes.
func TestRosterChangeMidWeek(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	s := Series{ID: "g1", Recurrence: Weekly{Days: monWedFri, Start: Clock{9, 0}, Minutes: 180, From: MustDate("2026-03-02")}}
	var r Roster
	for _, c := range []string{"c1", "c2", "c3"} {
		if err := r.Add(c, MustDate("2026-03-02")); err != nil {
			t.Fatal(err)
		}
	}
	// The week of the spring-forward change, 2026-03-09 .. 03-13.
	if err := r.Add("c4", MustDate("2026-03-11")); err != nil {
		t.Fatal(err)
	}
	if err := r.Remove("c2", MustDate("2026-03-11")); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, o := range s.Occurrences(ny, MustDate("2026-03-09").Midnight(ny), MustDate("2026-03-16").Midnight(ny)) {
		got[o.ID] = r.MembersOn(o.Date)
	}
	want := map[string][]string{
		"g1:2026-03-09": {"c1", "c2", "c3"},
		"g1:2026-03-11": {"c1", "c3", "c4"},
		"g1:2026-03-13": {"c1", "c3", "c4"},
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("%s roster = %v, want %v", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d sessions, want %d", len(got), len(want))
	}
	// Earlier sessions keep their roster.
	if m := r.MembersOn(MustDate("2026-03-02")); !slices.Equal(m, []string{"c1", "c2", "c3"}) {
		t.Errorf("2026-03-02 roster = %v", m)
	}
	// Rejoining after leaving is a new dated stay.
	if err := r.Add("c2", MustDate("2026-03-20")); err != nil {
		t.Fatal(err)
	}
	if m := r.MembersOn(MustDate("2026-03-20")); !slices.Equal(m, []string{"c1", "c2", "c3", "c4"}) {
		t.Errorf("2026-03-20 roster = %v", m)
	}
	if m := r.MembersOn(MustDate("2026-03-18")); slices.Contains(m, "c2") {
		t.Errorf("c2 on the roster between stays: %v", m)
	}
}

func TestRosterErrors(t *testing.T) {
	var r Roster
	if err := r.Add("", Date{}); !slices.Equal(fieldsOf(err), []string{"client_id", "from"}) {
		t.Errorf("Add empty = %v", err)
	}
	_ = r.Add("c1", MustDate("2026-03-02"))
	if err := r.Add("c1", MustDate("2026-04-01")); carepath.ErrorCode(err) != carepath.ECONFLICT {
		t.Errorf("double add = %v", err)
	}
	if err := r.Remove("c9", MustDate("2026-04-01")); carepath.ErrorCode(err) != carepath.ENOTFOUND {
		t.Errorf("remove stranger = %v", err)
	}
	if err := r.Remove("c1", MustDate("2026-03-01")); !slices.Equal(fieldsOf(err), []string{"from"}) {
		t.Errorf("remove before joining = %v", err)
	}
	if err := r.Remove("c1", MustDate("2026-03-09")); err != nil {
		t.Fatal(err)
	}
	if err := r.Remove("c1", MustDate("2026-03-20")); carepath.ErrorCode(err) != carepath.ENOTFOUND {
		t.Errorf("remove twice = %v", err)
	}
}
