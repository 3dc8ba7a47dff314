package carepath

import (
	"slices"
	"testing"
)

func TestProgramCreate(t *testing.T) {
	hours := func(v float64) *float64 { return &v }
	for _, tt := range []struct {
		name   string
		in     ProgramCreate
		fields []string
		hours  float64
	}{
		{"iop default", ProgramCreate{Name: " IOP ", Level: LevelIOP, TimeZone: "America/Chicago"}, nil, 9},
		{"php default", ProgramCreate{Name: "PHP", Level: LevelPHP, TimeZone: "UTC"}, nil, 20},
		{"outpatient default", ProgramCreate{Name: "OP", Level: LevelOutpatient, TimeZone: "UTC"}, nil, 0},
		{"configured", ProgramCreate{Name: "IOP", Level: LevelIOP, TimeZone: "UTC", MinHoursPerWeek: hours(12)}, nil, 12},
		{"everything wrong", ProgramCreate{Level: LevelInpatient, TimeZone: "Nowhere/Else", MinHoursPerWeek: hours(-1)},
			[]string{"name", "level", "time_zone", "min_hours_per_week"}, 0},
		{"missing", ProgramCreate{Name: "X"}, []string{"level", "time_zone"}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.in.Program()
			var got []string
			for _, f := range ErrorFields(err) {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, tt.fields) {
				t.Fatalf("fields %v, want %v", got, tt.fields)
			}
			if err == nil && p.MinHoursPerWeek != tt.hours {
				t.Errorf("hours %v, want %v", p.MinHoursPerWeek, tt.hours)
			}
		})
	}
}

func TestTransferDirection(t *testing.T) {
	for _, tt := range []struct {
		from, to Level
		want     Direction
	}{
		{LevelPHP, LevelIOP, StepDown}, {LevelIOP, LevelOutpatient, StepDown},
		{LevelOutpatient, LevelIOP, StepUp}, {LevelIOP, LevelInpatient, StepUp},
	} {
		if got := TransferDirection(tt.from, tt.to); got != tt.want {
			t.Errorf("%s → %s = %s, want %s", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestEpisodeInputValidate(t *testing.T) {
	fields := func(err error) []string {
		var out []string
		for _, f := range ErrorFields(err) {
			out = append(out, f.Field)
		}
		return out
	}
	a := EpisodeAdmit{Level: "none", On: "2026-13-01"}
	if got := fields(a.Validate()); !slices.Equal(got, []string{"client_id", "program_id", "level", "on"}) {
		t.Errorf("admit: %v", got)
	}
	tr := EpisodeTransfer{ToLevel: "x", On: ""}
	if got := fields(tr.Validate()); !slices.Equal(got, []string{"version", "to_level", "on", "reason"}) {
		t.Errorf("transfer: %v", got)
	}
	d := EpisodeDischarge{Version: 1, On: "2026-01-01", Reason: "bored"}
	if got := fields(d.Validate()); !slices.Equal(got, []string{"reason"}) {
		t.Errorf("discharge: %v", got)
	}
}
