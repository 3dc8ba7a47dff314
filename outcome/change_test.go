package outcome

import (
	"testing"
	"time"

	"github.com/carepath/carepath/instrument"
)

// day0 is the first day of the test series.
var day0 = time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)

// seriesOf returns measures of id with the given totals, one a week from day0.
func seriesOf(id instrument.ID, totals ...int) []Measure {
	out := make([]Measure, len(totals))
	for i, t := range totals {
		out[i] = Measure{ID: string(id) + itoa(i), ClientID: "c1", Instrument: id, TakenAt: day0.AddDate(0, 0, 7*i), Total: t}
	}
	return out
}

func TestCompare(t *testing.T) {
	cfg := DefaultConfig()
	type flags struct{ improve, worse, response, remission, caseB, caseL, recovery, reliableRecovery bool }
	tests := []struct {
		name   string
		id     instrument.ID
		b, l   int
		delta  int
		expect flags
	}{
		// PHQ-9 18 → 6: fell 12 ≥ 6; 12/18 = 67 % ≥ 50 %; 6 is not < 5; case 18 ≥ 10, not 6.
		{"phq9 big fall", instrument.PHQ9, 18, 6, -12, flags{true, false, true, false, true, false, true, true}},
		// Exactly the reliable change: 16 → 10 is −6, reliable; still a case (10 ≥ 10).
		{"phq9 exactly 6", instrument.PHQ9, 16, 10, -6, flags{true, false, false, false, true, true, false, false}},
		// One short: 16 → 11 is −5, not reliable; 5/16 = 31 %.
		{"phq9 five points", instrument.PHQ9, 16, 11, -5, flags{caseB: true, caseL: true}},
		// Exactly 50 %: 12 → 6 is a response (6 ≥ 6); recovery without reliable improvement?
		// 12 → 6 is −6: reliable too.
		{"phq9 exactly half", instrument.PHQ9, 12, 6, -6, flags{true, false, true, false, true, false, true, true}},
		// 11 → 6: 5/11 = 45 % < 50 %; recovery (11 ≥ 10, 6 < 10) but not reliable.
		{"phq9 recovery not reliable", instrument.PHQ9, 11, 6, -5, flags{caseB: true, recovery: true}},
		// Remission boundary: 4 < 5 remits, 5 does not.
		{"phq9 remission 4", instrument.PHQ9, 9, 4, -5, flags{response: true, remission: true}},
		{"phq9 remission 5", instrument.PHQ9, 10, 5, -5, flags{response: true, caseB: true, recovery: true}},
		// Baseline 0: no response is possible; a rise of 6 is reliable deterioration.
		{"phq9 baseline 0 worse", instrument.PHQ9, 0, 6, 6, flags{worse: true, remission: false}},
		{"phq9 baseline 0 same", instrument.PHQ9, 0, 0, 0, flags{remission: true}},
		// Deterioration into caseness is not recovery.
		{"phq9 worse into case", instrument.PHQ9, 7, 13, 6, flags{worse: true, caseL: true}},
		// GAD-7: reliable change 4, caseness 8.
		{"gad7 exactly 4", instrument.GAD7, 12, 8, -4, flags{improve: true, caseB: true, caseL: true}},
		{"gad7 three", instrument.GAD7, 12, 9, -3, flags{caseB: true, caseL: true}},
		{"gad7 recovery", instrument.GAD7, 8, 4, -4, flags{true, false, true, true, true, false, true, true}},
		{"gad7 caseness 7", instrument.GAD7, 7, 11, 4, flags{worse: true, caseL: true}},
	}
	for _, tt := range tests {
		ch, ok := cfg.Compare(tt.id, tt.b, tt.l)
		if !ok {
			t.Fatalf("%s: no thresholds", tt.name)
		}
		got := flags{ch.ReliableImprovement, ch.ReliableDeterioration, ch.Response, ch.Remission,
			ch.CaseAtBaseline, ch.CaseAtLatest, ch.LeftCaseness, ch.ReliablyLeftCaseness}
		if got != tt.expect || ch.Delta != tt.delta {
			t.Errorf("%s: %d → %d = %+v delta %d, want %+v delta %d", tt.name, tt.b, tt.l, got, ch.Delta, tt.expect, tt.delta)
		}
	}
	if _, ok := cfg.Compare(instrument.DAST10, 5, 2); ok {
		t.Error("DAST-10 judged without thresholds")
	}
}

func TestCompareConfigurable(t *testing.T) {
	cfg := Config{Thresholds: map[instrument.ID]Thresholds{
		instrument.PHQ9: {ReliableChange: 5, Caseness: 10, Remission: 5, ResponsePercent: 40},
	}}
	// 16 → 11: −5 is reliable under a threshold of 5; 5/16 = 31 % < 40 %.
	ch, _ := cfg.Compare(instrument.PHQ9, 16, 11)
	if !ch.ReliableImprovement || ch.Response {
		t.Errorf("configured thresholds: %+v", ch)
	}
	// 10 → 6: 4/10 = exactly 40 %.
	if ch, _ := cfg.Compare(instrument.PHQ9, 10, 6); !ch.Response {
		t.Errorf("40 %% of 10 is a response: %+v", ch)
	}
}

func TestTrack(t *testing.T) {
	cfg := DefaultConfig()
	// PHQ-9 series 20, 17, 13, 9, 4, hand-computed against the baseline 20:
	// deltas 0, −3, −7, −11, −16; reliable from −7; response from 9 (11/20 = 55 %);
	// recovery from 9 (< 10); remission only at 4.
	ms := seriesOf(instrument.PHQ9, 20, 17, 13, 9, 4)
	ms = append(ms, seriesOf(instrument.GAD7, 3)...) // other instruments are ignored
	// Shuffle the order given: Track orders by time.
	ms[0], ms[3] = ms[3], ms[0]
	got := cfg.Track(ms, instrument.PHQ9)
	wantDelta := []int{0, -3, -7, -11, -16}
	wantReliable := []bool{false, false, true, true, true}
	wantResponse := []bool{false, false, false, true, true}
	wantRecovery := []bool{false, false, false, true, true}
	wantRemission := []bool{false, false, false, false, true}
	if len(got) != 5 {
		t.Fatalf("Track returned %d changes, want 5", len(got))
	}
	for i, ch := range got {
		if ch.Baseline != 20 || ch.Delta != wantDelta[i] || ch.ReliableImprovement != wantReliable[i] ||
			ch.Response != wantResponse[i] || ch.LeftCaseness != wantRecovery[i] || ch.Remission != wantRemission[i] {
			t.Errorf("measure %d: %+v", i, ch)
		}
	}
	if l, ok := cfg.Latest(ms, instrument.PHQ9); !ok || l.Delta != -16 || !l.ReliablyLeftCaseness {
		t.Errorf("Latest = %+v, %v", l, ok)
	}
	// A single measure is its own baseline: Track gives one change of 0, Latest gives none.
	one := seriesOf(instrument.GAD7, 12)
	if tr := cfg.Track(one, instrument.GAD7); len(tr) != 1 || tr[0].Delta != 0 || tr[0].ReliableImprovement {
		t.Errorf("single measure Track = %+v", tr)
	}
	if _, ok := cfg.Latest(one, instrument.GAD7); ok {
		t.Error("Latest judged a single measure")
	}
	if tr := cfg.Track(ms, instrument.DAST10); tr != nil {
		t.Errorf("Track with no measures = %+v", tr)
	}
}

func TestZeroConfigIsDefault(t *testing.T) {
	ms := seriesOf(instrument.PHQ9, 8, 14)
	if a := Alerts(AlertInput{ClientID: "c1", Measures: ms, Now: day0.AddDate(0, 0, 8)}); len(a) != 1 || a[0].Kind != AlertDeterioration {
		t.Errorf("zero Config alerts %+v", a)
	}
	if s := Review(ReviewInput{Level: "outpatient", Measures: ms, Now: day0.AddDate(0, 0, 8)}); s.RuleID != "outpatient-step-up" {
		t.Errorf("zero Config review %+v", s)
	}
}
