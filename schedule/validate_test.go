package schedule

import (
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func TestValidateNamesFields(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*Instance)
		field string
		says  string
	}{
		{"unknown client slot", func(in *Instance) { in.Clients[3].Available = []string{"b1", "b2", "mon-25"} },
			"clients[3].available[2]", `unknown slot "mon-25"`},
		{"duplicate hour slot", func(in *Instance) { in.HourSlots = append(in.HourSlots, "a1") }, "hour_slots[5]", `duplicate slot "a1"`},
		{"empty hour slots", func(in *Instance) { in.HourSlots = nil }, "hour_slots", "at least one"},
		{"duplicate clinician", func(in *Instance) { in.Clinicians[1].ID = "k1" }, "clinicians[1].id", `duplicate id "k1"`},
		{"missing client id", func(in *Instance) { in.Clients[0].ID = "" }, "clients[0].id", "required"},
		{"duplicate group", func(in *Instance) { in.Groups[1].ID = "g1" }, "groups[1].id", `duplicate id "g1"`},
		{"unknown group slot", func(in *Instance) { in.Groups[0].Slots[1] = "x" }, "groups[0].slots[1]", `unknown slot "x"`},
		{"group without slots", func(in *Instance) { in.Groups[0].Slots = nil }, "groups[0].slots", "at least one slot"},
		{"slot listed twice", func(in *Instance) { in.Clinicians[0].Available[1] = "a1" }, "clinicians[0].available[1]", "listed twice"},
		{"unknown facilitator", func(in *Instance) { in.Groups[0].Facilitator = "k9" }, "groups[0].facilitator", `unknown clinician "k9"`},
		{"unknown group level", func(in *Instance) { in.Groups[1].Levels[0] = "weekly" }, "groups[1].levels[0]", `unknown level "weekly"`},
		{"unknown client level", func(in *Instance) { in.Clients[2].Level = "" }, "clients[2].level", "unknown level"},
		{"unknown current clinician", func(in *Instance) { in.Clients[1].CurrentClinician = "k7" }, "clients[1].current_clinician", `unknown clinician "k7"`},
		{"negative capacity", func(in *Instance) { in.Groups[1].Capacity = -1 }, "groups[1].capacity", "negative"},
		{"negative max clients", func(in *Instance) { in.Clinicians[0].MaxClients = -3 }, "clinicians[0].max_clients", "negative"},
		{"negative minutes", func(in *Instance) { in.Clients[0].GroupMinutesRequired = -60 }, "clients[0].group_minutes_required", "negative"},
		{"negative sessions", func(in *Instance) { in.Clients[4].IndividualSessionsRequired = -1 }, "clients[4].individual_sessions_required", "negative"},
		{"negative weight", func(in *Instance) { in.Weights.OverTarget = -30 }, "weights.over_target", "negative"},
		{"negative target", func(in *Instance) { in.TargetGroupSize = -1 }, "target_group_size", "negative"},
		{"huge weight", func(in *Instance) { in.Weights.Continuity = 1 << 40 }, "weights.continuity", "at most"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tiny()
			tt.edit(in)
			err := in.Validate()
			if carepath.ErrorCode(err) != carepath.EINVALID {
				t.Fatalf("Validate() = %v, want an EINVALID error", err)
			}
			for _, f := range carepath.ErrorFields(err) {
				if f.Field == tt.field && strings.Contains(f.Message, tt.says) {
					return
				}
			}
			t.Errorf("Validate() = %v, want field %s saying %q", err, tt.field, tt.says)
		})
	}
	if err := tiny().Validate(); err != nil {
		t.Errorf("tiny instance: %v", err)
	}
}

func TestParseInstance(t *testing.T) {
	tests := []struct{ in, field string }{
		{`{"hour_slots": ["a"], "clients": [{"id": "c1", "level": "iop", "available": ["b"]}]}`, "clients[0].available[0]"},
		{`{"hour_slots": ["a"], "colour": 1}`, "(root)"},
		{`{"hour_slots": "a"}`, "hour_slots"},
		{`{"hour_slots": ["a"]} {}`, "(root)"},
		{``, "(root)"},
		{`{"hour_slots": [`, "(root)"},
	}
	for _, tt := range tests {
		_, err := ParseInstance(strings.NewReader(tt.in))
		fields := carepath.ErrorFields(err)
		if carepath.ErrorCode(err) != carepath.EINVALID || len(fields) == 0 || fields[0].Field != tt.field {
			t.Errorf("ParseInstance(%q) = %v (fields %+v), want EINVALID naming %s", tt.in, err, fields, tt.field)
		}
	}
	in, err := ParseInstance(strings.NewReader(`{"hour_slots": ["mon-09"], "clinicians": [{"id": "k1", "available": ["mon-09"], "max_clients": 12}],
		"groups": [{"id": "g1", "slots": ["mon-09"], "capacity": 10, "facilitator": "k1", "levels": ["iop", "php"]}],
		"clients": [{"id": "c1", "level": "iop", "available": ["mon-09"], "group_minutes_required": 540,
		"individual_sessions_required": 1, "current_clinician": "k1"}],
		"weights": {"group_minute": 1, "individual_session": 60, "continuity": 120, "over_target": 30}, "target_group_size": 8}`))
	if err != nil || in.Clients[0].GroupMinutesRequired != 540 || in.Weights != DefaultWeights {
		t.Errorf("ParseInstance(issue example) = %+v, %v", in, err)
	}
}
