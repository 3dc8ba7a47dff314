package web

import (
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

// TestReviewViewTexts checks the words the review page uses for the data behind a suggestion
// and for decisions.
func TestReviewViewTexts(t *testing.T) {
	three := 3
	rv := &carepath.Review{Action: carepath.ReviewStepDown, Level: carepath.LevelIOP, ToLevel: carepath.LevelOutpatient,
		Decision: carepath.ReviewPending, Data: carepath.ReviewData{
			Measures: []carepath.ReviewMeasure{
				{Name: "PHQ-9", Count: 3, Baseline: 15, BaselineOn: "2026-10-01", Previous: &three, Latest: 2, LatestOn: "2026-11-01",
					Change: &carepath.MeasureChange{Baseline: 15, Delta: -13, ReliableImprovement: true, Remission: true, Recovery: true}},
				{Name: "GAD-7", Count: 1, Baseline: 9, BaselineOn: "2026-10-01", Latest: 9, LatestOn: "2026-10-01",
					Change: &carepath.MeasureChange{Baseline: 9}},
			},
			Attendance: carepath.ReviewAttendance{From: "2026-10-04", To: "2026-11-01", Attended: 11, Scheduled: 12},
		}}
	v := reviewView{Review: rv}
	rows := v.MeasureRows()
	if len(rows) != 2 || rows[0].Change != "−13" || rows[0].Previous != "3" ||
		rows[0].Status != "reliable improvement, recovery, in remission" || rows[1].Status != "baseline only" || rows[1].Previous != "—" {
		t.Errorf("rows = %+v", rows)
	}
	if got := v.AttendanceText(); got != "11 of 12 sessions attended (91 %) from 2026-10-04 to 2026-11-01." {
		t.Errorf("attendance = %q", got)
	}
	if got := v.RelapseText(); !strings.HasPrefix(got, "No relapse") {
		t.Errorf("relapse = %q", got)
	}
	if !v.Pending() || !strings.Contains(v.AcceptText(), "transfers the client's open episode") {
		t.Errorf("pending %v, accept %q", v.Pending(), v.AcceptText())
	}
	rv.Action, rv.ToLevel = carepath.ReviewSafetyEvaluation, ""
	if got := v.AcceptText(); !strings.Contains(got, "changes no level of care") {
		t.Errorf("safety accept = %q", got)
	}
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	rv.Decision, rv.DecidedAt, rv.DeclineReason = carepath.ReviewDeclined, &at, "Family session first"
	if got := decisionText(rv); got != "Declined 2026-11-02: Family session first" {
		t.Errorf("decision = %q", got)
	}
	if (reviewView{Review: &carepath.Review{Data: carepath.ReviewData{Attendance: carepath.ReviewAttendance{From: "a", To: "b"}}}}).AttendanceText() !=
		"No sessions were scheduled from a to b, so no attendance rule applied." {
		t.Error("no attendance text")
	}
}
