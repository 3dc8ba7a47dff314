package billing

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func iopAuth() Authorization {
	return Authorization{ID: "a1", PayerID: "aetna", Number: "AUTH-778", Level: carepath.LevelIOP, Start: "2026-03-02",
		End: "2026-03-31", Unit: UnitDay, Units: 12, ReviewDates: []string{"2026-03-16"}}
}

func TestAuthorizationValidate(t *testing.T) {
	a := iopAuth()
	if err := a.Validate(); err != nil {
		t.Fatalf("a sound authorization failed: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*Authorization)
		field string
		code  string
	}{
		{"ends before it starts", func(a *Authorization) { a.End = "2026-03-01" }, "end", "before_start"},
		{"units below used", func(a *Authorization) { a.UnitsUsed = 13 }, "units", "below_used"},
		{"no units", func(a *Authorization) { a.Units = 0 }, "units", "range"},
		{"unit", func(a *Authorization) { a.Unit = "hour" }, "unit", "invalid"},
		{"level", func(a *Authorization) { a.Level = "spa" }, "level", "invalid"},
		{"payer", func(a *Authorization) { a.PayerID = " " }, "payer_id", "required"},
		{"number", func(a *Authorization) { a.Number = "" }, "number", "required"},
		{"start", func(a *Authorization) { a.Start = "03/02/2026" }, "start", "date"},
		{"review outside", func(a *Authorization) { a.ReviewDates = []string{"2026-04-15"} }, "review_dates.0", "range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := iopAuth()
			tt.edit(&a)
			err := a.Validate()
			found := false
			for _, f := range carepath.ErrorFields(err) {
				found = found || f.Field == tt.field && f.Code == tt.code && f.Message != ""
			}
			if carepath.ErrorCode(err) != carepath.EINVALID || !found {
				t.Errorf("got %v, want %s/%s", err, tt.field, tt.code)
			}
		})
	}
}

func TestConsume(t *testing.T) {
	first := iopAuth()
	first.Units = 2
	first.End = "2026-03-10"
	second := iopAuth()
	second.ID, second.Number, second.Start, second.Units = "a2", "AUTH-779", "2026-03-09", 3
	sessions := Authorization{ID: "s1", PayerID: "aetna", Number: "OP-1", Level: carepath.LevelOutpatient,
		Start: "2026-03-01", End: "2026-06-30", Unit: UnitSession, Units: 10}
	day := func(d string) AttendedUnit {
		return AttendedUnit{Ref: d, Date: d, Unit: UnitDay, Level: carepath.LevelIOP}
	}
	units := []AttendedUnit{
		day("2026-03-02"), day("2026-03-02"), // two sessions, one program day
		day("2026-03-04"), day("2026-03-09"), day("2026-03-11"), day("2026-03-13"), day("2026-03-16"),
		{Ref: "op", Date: "2026-03-05", Unit: UnitSession, Level: carepath.LevelOutpatient},
		{Ref: "op2", Date: "2026-03-05", Unit: UnitSession, Level: carepath.LevelOutpatient},
		day("2026-02-27"),
	}
	got, uncovered := Consume([]Authorization{second, first, sessions}, units)
	if got[0].UnitsUsed != 3 || got[1].UnitsUsed != 2 || got[2].UnitsUsed != 2 {
		t.Errorf("used: %d %d %d; want 3 (second) 2 (first, ending first) 2 (two sessions on one day)", got[0].UnitsUsed, got[1].UnitsUsed, got[2].UnitsUsed)
	}
	var why []string
	for _, u := range uncovered {
		why = append(why, u.Date+": "+u.Reason)
	}
	want := []string{"2026-02-27: no iop authorization covers 2026-02-27", "2026-03-16: authorization AUTH-779 has no days left"}
	if !slices.Equal(why, want) {
		t.Errorf("uncovered:\n got %v\nwant %v", why, want)
	}
	if got[0].UnitsLeft() != 0 || first.UnitsUsed != 0 {
		t.Error("units left must follow use, and Consume must not change its input")
	}
}

func TestBurnDownAndAlerts(t *testing.T) {
	a := iopAuth() // 12 days, 2026-03-02 – 2026-03-31, review 2026-03-16
	a.UnitsUsed = 4
	// Monday, Wednesday and Friday from Monday 2026-03-09: the 8 days left run out on Wednesday 2026-03-25.
	var planned []string
	for _, d := range []string{"09", "11", "13", "16", "18", "20", "23", "25", "27", "30"} {
		planned = append(planned, "2026-03-"+d)
	}
	planned = append(planned, "2026-03-09", "2026-04-01") // a second session on one day; a day after the end
	b := BurnDownOf(a, "2026-03-06", planned)
	if b.UnitsLeft != 8 || b.ExhaustsOn != "2026-03-25" || b.LeftAtEnd != 0 || b.Exhausted ||
		!slices.Equal(b.Unauthorized, []string{"2026-03-27", "2026-03-30", "2026-04-01"}) || len(b.Points) != 8 || b.Points[7] != (BurnPoint{"2026-03-25", 0}) {
		t.Errorf("burn-down: %+v", b)
	}
	alerts := Alerts(a, b)
	var got []string
	for _, al := range alerts {
		got = append(got, string(al.Kind)+" on "+al.On+" due "+al.Due)
		if !strings.Contains(al.Message, "AUTH-778") {
			t.Errorf("an alert names the authorization: %q", al.Message)
		}
	}
	want := []string{
		"review on 2026-03-16 due 2026-03-11",     // Monday 16 → Wednesday 11
		"exhaustion on 2026-03-25 due 2026-03-20", // Wednesday 25 → Friday 20
		"expiry on 2026-03-31 due 2026-03-26",     // Tuesday 31 → Thursday 26
	}
	if !slices.Equal(got, want) {
		t.Errorf("alerts:\n got %v\nwant %v", got, want)
	}
	if !strings.Contains(alerts[1].Message, "3 planned after that need a new authorization") {
		t.Errorf("the exhaustion alert says what is planned past it: %q", alerts[1].Message)
	}
	due := DueAlerts(alerts, "2026-03-23")
	if len(due) != 1 || due[0].Kind != AlertExhaustion {
		t.Errorf("due on 2026-03-25: %+v", due)
	}
	if len(DueAlerts(alerts, "2026-03-10")) != 0 || len(DueAlerts(alerts, "2026-03-16")) != 1 {
		t.Error("an alert is raised from its due date until the day it is about")
	}

	// A schedule that leaves units over draws no exhaustion alert.
	short := BurnDownOf(a, "2026-03-06", planned[:3])
	if short.ExhaustsOn != "" || short.LeftAtEnd != 5 || len(Alerts(a, short)) != 2 {
		t.Errorf("short schedule: %+v", short)
	}
	// Used up already.
	a.UnitsUsed = 12
	if b := BurnDownOf(a, "2026-03-06", planned); !b.Exhausted || b.ExhaustsOn != "" || len(b.Unauthorized) != 11 {
		t.Errorf("used up: %+v", b)
	}
}

func TestAlertsSkipHolidays(t *testing.T) {
	a := Authorization{ID: "x", Number: "N1", Level: carepath.LevelIOP, Start: "2026-11-01", End: "2026-11-30", Unit: UnitDay, Units: 5}
	// Ends Monday 2026-11-30: three business days before, skipping the weekend and Thanksgiving (26th), is Tuesday the 24th.
	if al := Alerts(a, BurnDown{}); al[0].Due != "2026-11-24" {
		t.Errorf("expiry alert due %s, want 2026-11-24", al[0].Due)
	}
}

func TestUnitsFromCharges(t *testing.T) {
	cs := []Charge{{ID: "a", ClientID: "c1", Date: "2026-03-02"}, {ID: "b", ClientID: "c1", Date: "2026-03-02"}, {ID: "c", ClientID: "c1", Date: "2026-03-03"}}
	if days := UnitsFromCharges(cs, carepath.LevelIOP, UnitDay); len(days) != 2 || days[1] != (AttendedUnit{"c", "2026-03-03", UnitDay, carepath.LevelIOP}) {
		t.Errorf("days %+v", days)
	}
	if s := UnitsFromCharges(cs, carepath.LevelOutpatient, UnitSession); len(s) != 3 {
		t.Errorf("sessions %+v", s)
	}
}
