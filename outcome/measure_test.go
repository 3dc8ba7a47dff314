package outcome

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/instrument"
)

func TestNewMeasure(t *testing.T) {
	now := date(3, 20).Add(12 * time.Hour)
	admitted := date(3, 2).Add(15 * time.Hour)
	phq := []int{1, 1, 1, 1, 1, 1, 1, 1, 2}
	tests := []struct {
		name    string
		id      instrument.ID
		answers []int
		taken   time.Time
		fields  []string
	}{
		{"phq9", instrument.PHQ9, phq, date(3, 10), nil},
		{"admission day, earlier hour", instrument.PHQ9, phq, date(3, 2).Add(9 * time.Hour), nil},
		{"checkin", CheckInID, []int{5, 20, 7}, date(3, 10), nil},
		{"future", instrument.PHQ9, phq, now.Add(time.Minute), []string{"taken_at"}},
		{"before admission", instrument.GAD7, []int{0, 0, 0, 0, 0, 0, 0}, date(3, 1), []string{"taken_at"}},
		{"missing date", instrument.GAD7, []int{0, 0, 0, 0, 0, 0, 0}, time.Time{}, []string{"taken_at"}},
		{"wrong count and date", instrument.PHQ9, phq[:8], date(3, 1), []string{"answers.phq9", "taken_at"}},
		{"range", instrument.PHQ9, append(phq[:8:8], 4), date(3, 10), []string{"answers.phq9[8]"}},
		{"checkin range", CheckInID, []int{5, 20, 11}, date(3, 10), []string{"answers.checkin[2]"}},
		{"unknown", "bdi", []int{1}, date(3, 10), []string{"instrument"}},
	}
	for _, tt := range tests {
		m, err := NewMeasure(tt.id, tt.answers, carepath.SexUnknown, tt.taken, now, admitted, nil)
		var fields []string
		for _, f := range carepath.ErrorFields(err) {
			fields = append(fields, f.Field)
		}
		if !slices.Equal(fields, tt.fields) {
			t.Errorf("%s: fields %v, want %v (%v)", tt.name, fields, tt.fields, err)
		}
		if err == nil && (m.Instrument != tt.id || !m.TakenAt.Equal(tt.taken) || len(m.Points) != len(tt.answers)) {
			t.Errorf("%s: measure %+v", tt.name, m)
		}
	}
	m, _ := NewMeasure(instrument.PHQ9, phq, carepath.SexUnknown, date(3, 10), now, admitted, nil)
	if m.Total != 10 || m.Item9() != 2 {
		t.Errorf("PHQ-9 total %d, item 9 %d", m.Total, m.Item9())
	}
}
