package web

import (
	"testing"
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
