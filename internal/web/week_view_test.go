package web

import (
	"testing"
)

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
