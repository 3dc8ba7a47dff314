package web

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func TestRecordField(t *testing.T) {
	for _, tt := range []struct {
		in    string
		i     int
		field string
		ok    bool
	}{
		{"records[0].minutes", 0, "minutes", true},
		{"records[12].client_id", 12, "client_id", true},
		{"records[-1].status", 0, "", false},
		{"records[x].status", 0, "", false},
		{"version", 0, "", false},
		{"records[3]", 0, "", false},
	} {
		i, f, ok := recordField(tt.in)
		if i != tt.i || f != tt.field || ok != tt.ok {
			t.Errorf("recordField(%q) = %d %q %v", tt.in, i, f, ok)
		}
	}
}

func TestHoursTextAndNames(t *testing.T) {
	for m, want := range map[int]string{0: "0 min", 45: "45 min", 60: "1 h", 540: "9 h", 450: "7 h 30 min"} {
		if got := hoursText(m); got != want {
			t.Errorf("hoursText(%d) = %q, want %q", m, got, want)
		}
	}
	if got := groupTypeName("relapse_prevention"); got != "Relapse prevention group" {
		t.Errorf("groupTypeName: %q", got)
	}
	if got := sessionKind("medication"); got != "Medication management" {
		t.Errorf("sessionKind: %q", got)
	}
}

// TestQualityFiguresNameNoClient: the figures (on the admin page and the public scorecard)
// show counts and shares, never a client's id, even though the report carries them.
func TestQualityFiguresNameNoClient(t *testing.T) {
	q := &carepath.QualityReport{From: "2026-W10", To: "2026-W11",
		OneOnOneMinutesPerClientWeek: map[string]any{"client_weeks": 4, "median": 50, "p10": 0, "method": "m1"},
		GroupSize:                    map[string]any{"sessions": 6, "median": 8, "max": 12, "over_cap": 1, "share_over_cap": 1.0 / 6, "method": "m2"},
		TherapistContinuity: map[string]any{"clients": 2, "mean_share": 0.75, "changed_primary": 1, "method": "m3",
			"per_client": []map[string]any{{"client_id": "client-secret-1", "share": 1.0}, {"client_id": "client-secret-2", "share": 0.5}}},
		StaffTurnover: map[string]any{"separations": 1, "average_headcount": 4.0, "days": 14, "annualized_rate": 6.5,
			"clients_whose_clinician_left": []string{"client-secret-3"}, "method": "m4"},
		HoursDeliveredVsRequired: map[string]any{"client_weeks": 4, "weeks_below_minimum": 1, "delivered_minutes": 2000,
			"required_minutes": 2160, "ratio": 2000.0 / 2160, "method": "m5"},
	}
	for _, public := range []bool{false, true} {
		figs := qualityFigures(q, nil)
		if len(figs) != 5 {
			t.Fatalf("%d figures", len(figs))
		}
		var all strings.Builder
		for i, f := range figs {
			if f.Method != "m"+string(rune('1'+i)) {
				t.Errorf("figure %s method %q", f.ID, f.Method)
			}
			all.WriteString(f.Headline)
			for _, fact := range f.Facts {
				all.WriteString(fact.Label + fact.Value)
			}
			for _, c := range f.Charts {
				all.WriteString(string(c.SVG()))
			}
		}
		out := all.String()
		if strings.Contains(out, "client-secret") {
			t.Errorf("public=%v: a figure names a client", public)
		}
		for _, want := range []string{"Median 50 min", "17% of sessions over", "75%", "Clients whose clinician left1", "93%", "Under 25%"} {
			if !strings.Contains(out, want) {
				t.Errorf("public=%v: figures lack %q", public, want)
			}
		}
	}
}
