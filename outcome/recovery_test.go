package outcome

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// course returns a PHQ-9 and a GAD-7 at admission and at discharge.
func course(id string, phqFirst, phqLast, gadFirst, gadLast int) []Measure {
	in, out := day0, day0.AddDate(0, 0, 42)
	return []Measure{
		{ID: id + "p1", Instrument: instrument.PHQ9, TakenAt: in, Total: phqFirst},
		{ID: id + "g1", Instrument: instrument.GAD7, TakenAt: in, Total: gadFirst},
		{ID: id + "p2", Instrument: instrument.PHQ9, TakenAt: out, Total: phqLast},
		{ID: id + "g2", Instrument: instrument.GAD7, TakenAt: out, Total: gadLast},
	}
}

// Recovery follows NHS Talking Therapies: a case at baseline on the PHQ-9 (10+) or the GAD-7
// (8+), and below caseness on both at the end; reliable improvement is a reliable fall on
// either (6 PHQ-9 points, 4 GAD-7 points) with no reliable rise on the other.
func TestRecoveryOfFollowsNHSTalkingTherapies(t *testing.T) {
	tests := []struct {
		name                               string
		phq1, phq2, gad1, gad2             int
		caseB, recovered, improved, worse  bool
		reliablyRecovered, phqLeftCaseness bool
	}{
		{"both fall below caseness, reliably", 14, 6, 11, 4, true, true, true, false, true, true},
		{"the PHQ-9 recovers but the GAD-7 stays a case: not recovery", 14, 6, 11, 9, true, false, true, false, false, true},
		{"a case on the GAD-7 alone, both below at the end", 8, 6, 10, 5, true, true, true, false, true, false},
		{"no case at baseline: not counted", 6, 4, 5, 3, false, false, false, false, false, false},
		{"a reliable fall on one and a reliable rise on the other: neither", 14, 6, 4, 9, true, false, false, false, false, true},
		{"recovered without reliable change", 11, 9, 8, 7, true, true, false, false, false, true},
		{"reliable deterioration", 8, 15, 5, 6, false, false, false, true, false, false},
	}
	for _, tt := range tests {
		r, ok := DefaultConfig().RecoveryOf(course("c", tt.phq1, tt.phq2, tt.gad1, tt.gad2))
		if !ok {
			t.Fatalf("%s: not judged", tt.name)
		}
		if r.CaseAtBaseline != tt.caseB || r.Recovered != tt.recovered || r.ReliableImprovement != tt.improved ||
			r.ReliableDeterioration != tt.worse || r.ReliableRecovery != tt.reliablyRecovered || r.PHQ9.LeftCaseness != tt.phqLeftCaseness {
			t.Errorf("%s: %+v", tt.name, r)
		}
	}
	// Both instruments, twice each, are needed.
	onlyPHQ := course("c", 14, 4, 0, 0)[:3]
	if _, ok := DefaultConfig().RecoveryOf(onlyPHQ); ok {
		t.Error("recovery judged without a second GAD-7")
	}
}

// The report's recovery is the PHQ-9 and GAD-7 together, named apart from each instrument's
// share of stays that left caseness.
func TestReportRecoveryIsBothInstruments(t *testing.T) {
	var eps []ReportEpisode
	for i := range 10 {
		id := "r" + itoa(i)
		// Every PHQ-9 leaves caseness; half the GAD-7s stay a case.
		gadLast := 4
		if i%2 == 0 {
			gadLast = 9
		}
		eps = append(eps, ReportEpisode{ID: id, Level: carepath.LevelIOP, AdmittedOn: day0, DischargedOn: day0.AddDate(0, 0, 42),
			Completed: true, Measures: course(id, 15, 5, 12, gadLast)})
	}
	r := BuildReport(eps, DefaultConfig(), 10)
	iop := r.Overall[1]
	checkFigure(t, "PHQ-9 left caseness", iop.PHQ9.LeftCaseness, 100)
	checkFigure(t, "recovery, both together", iop.Recovery, 50)
	checkFigure(t, "reliable improvement, both together", iop.ReliableImprovement, 100)
	checkFigure(t, "reliable recovery", iop.ReliableRecovery, 50)
}
