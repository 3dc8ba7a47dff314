package outcome

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

// phq9With returns a PHQ-9 measure taken on the given March day with the given item 9 points
// and total (item 9's points are part of the total).
func phq9With(id string, d, total, i9 int) Measure {
	pts := make([]int, 9)
	pts[8] = i9
	return Measure{ID: id, ClientID: "c1", Instrument: instrument.PHQ9, TakenAt: date(3, d).Add(9 * time.Hour), Total: total, Points: pts}
}

// alertKeys lists the keys of alerts in order.
func alertKeys(as []Alert) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Key)
	}
	return out
}

func TestAlerts(t *testing.T) {
	cfg := DefaultConfig()
	checkIn := func(id string, d, d7, d30 int) Measure {
		m := CheckIn{DaysAbstinent7: d7, DaysAbstinent30: d30, Craving: 6}.Measure()
		m.ID, m.ClientID, m.TakenAt = id, "c1", date(3, d).Add(9*time.Hour)
		return m
	}
	tests := []struct {
		name     string
		measures []Measure
		schedule bool
		now      time.Time
		want     []string
	}{
		{"quiet", []Measure{phq9With("p1", 2, 12, 0), phq9With("p2", 9, 10, 0)}, false, date(3, 10), nil},
		{"item 9 is urgent and comes first",
			[]Measure{phq9With("p1", 2, 8, 0), phq9With("p2", 9, 14, 0), phq9With("p3", 16, 15, 1)}, false, date(3, 17),
			// p2: 8 → 14 = +6, reliable deterioration; p3 stays worse: no second alert.
			[]string{"safety:p3", "deterioration:p2"}},
		{"deterioration again after coming back",
			[]Measure{phq9With("p1", 2, 5, 0), phq9With("p2", 9, 11, 0), phq9With("p3", 16, 9, 0), phq9With("p4", 23, 12, 0)},
			false, date(3, 24), []string{"deterioration:p2", "deterioration:p4"}},
		{"deterioration one short", []Measure{phq9With("p1", 2, 5, 0), phq9With("p2", 9, 10, 0)}, false, date(3, 10), nil},
		{"gad7 deterioration at exactly 4", []Measure{
			{ID: "g1", Instrument: instrument.GAD7, TakenAt: date(3, 2), Total: 6},
			{ID: "g2", Instrument: instrument.GAD7, TakenAt: date(3, 9), Total: 10}}, false, date(3, 10),
			[]string{"deterioration:g2"}},
		{"relapse", []Measure{checkIn("k1", 2, 3, 10), checkIn("k2", 9, 7, 17), checkIn("k3", 16, 5, 22)}, false, date(3, 17),
			[]string{"relapse:k3"}},
		// Schedule due 03-02, 03-09, 03-16: only the admission answered; on 03-20 two are missed.
		{"two missed", []Measure{phq9With("p1", 2, 12, 0)}, true, date(3, 20), []string{"missed:2026-03-09"}},
		{"one missed", []Measure{phq9With("p1", 2, 12, 0)}, true, date(3, 13), nil},
	}
	for _, tt := range tests {
		in := AlertInput{ClientID: "c1", Measures: tt.measures, Now: tt.now, Config: cfg}
		if tt.schedule {
			s := DefaultSchedule(carepath.LevelIOP, date(3, 2), false, nil)
			in.Schedule = &s
		}
		got := Alerts(in)
		if keys := alertKeys(got); !slices.Equal(keys, tt.want) {
			t.Errorf("%s: alerts %v, want %v", tt.name, keys, tt.want)
		}
		for _, a := range got {
			if a.ClientID != "c1" || a.Reason == "" || a.At.IsZero() {
				t.Errorf("%s: incomplete alert %+v", tt.name, a)
			}
			switch a.Kind {
			case AlertSafety:
				if a.Priority != PriorityUrgent || !strings.Contains(a.Protocol, "988") {
					t.Errorf("%s: safety alert %+v", tt.name, a)
				}
			default:
				if a.Priority == PriorityUrgent || a.Protocol != "" {
					t.Errorf("%s: %s alert %+v", tt.name, a.Kind, a)
				}
			}
		}
	}
}

func TestMissedAlertKeyStable(t *testing.T) {
	s := DefaultSchedule(carepath.LevelIOP, date(3, 2), false, nil)
	ms := []Measure{phq9With("p1", 2, 12, 0)}
	a := Alerts(AlertInput{ClientID: "c1", Measures: ms, Schedule: &s, Now: date(3, 20), Config: DefaultConfig()})
	b := Alerts(AlertInput{ClientID: "c1", Measures: ms, Schedule: &s, Now: date(3, 27), Config: DefaultConfig()})
	if len(a) != 1 || len(b) != 1 || a[0].Key != b[0].Key || !strings.HasPrefix(b[0].Reason, "3 ") {
		t.Errorf("missed alerts %+v then %+v", a, b)
	}
}

// A C-SSRS screener with any yes raises an urgent safety alert with the crisis protocol; one
// with none raises nothing.
func TestAlertsCSSRS(t *testing.T) {
	ms := []Measure{
		{ID: "c1", Instrument: instrument.CSSRS, TakenAt: date(3, 2), Total: 0},
		{ID: "c2", Instrument: instrument.CSSRS, TakenAt: date(3, 9), Total: 2},
	}
	got := Alerts(AlertInput{ClientID: "x", Measures: ms, Now: date(3, 10)})
	if len(got) != 1 || got[0].Kind != AlertSafetyCSSRS || got[0].Priority != PriorityUrgent || got[0].MeasureID != "c2" ||
		got[0].Protocol != CrisisProtocol {
		t.Errorf("alerts = %+v", got)
	}
}

// TestAlertsWithdrawalEvaluation checks that a CIWA-Ar from 10 and a COWS from 13 (moderate
// withdrawal) raise a same-day withdrawal alert with its protocol, and that one point less
// does not.
func TestAlertsWithdrawalEvaluation(t *testing.T) {
	m := func(id string, in instrument.ID, total int) Measure {
		return Measure{ID: id, ClientID: "c1", Instrument: in, TakenAt: date(3, 2), Total: total}
	}
	got := Alerts(AlertInput{ClientID: "c1", Now: date(3, 3), Measures: []Measure{
		m("ciwa9", instrument.CIWAAr, 9), m("ciwa10", instrument.CIWAAr, 10), m("cows12", instrument.COWS, 12), m("cows13", instrument.COWS, 13)}})
	if keys := alertKeys(got); !slices.Equal(keys, []string{"withdrawal:ciwa10", "withdrawal:cows13"}) {
		t.Fatalf("alerts = %v, want the CIWA-Ar of 10 and the COWS of 13 only", keys)
	}
	for _, a := range got {
		if a.Kind != AlertWithdrawal || a.Priority != PriorityUrgent || a.Protocol != WithdrawalProtocol {
			t.Errorf("%s: kind %s priority %d, want a same-day withdrawal alert with its protocol", a.Key, a.Kind, a.Priority)
		}
	}
}
