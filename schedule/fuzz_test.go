package schedule

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

// FuzzParseInstance feeds arbitrary JSON to the parser and validator: it must never panic,
// must reject with EINVALID, and whatever it accepts must be solvable, checkable and exportable.
func FuzzParseInstance(f *testing.F) {
	b, _ := json.Marshal(tiny())
	f.Add(b)
	f.Add([]byte(`{"hour_slots": ["a"], "clients": [{"id": "c", "level": "iop", "available": ["a", "a"]}]}`))
	f.Add([]byte(`{"hour_slots": ["a","b"], "groups": [{"id": "g", "slots": ["b"], "capacity": -1, "levels": ["php"]}]}`))
	f.Add([]byte(`{"hour_slots": [""], "weights": {"group_minute": 1e3}}`))
	f.Add([]byte(`[1, 2]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		inst, err := ParseInstance(bytes.NewReader(data))
		if err != nil {
			if carepath.ErrorCode(err) != carepath.EINVALID {
				t.Fatalf("error %v has code %q", err, carepath.ErrorCode(err))
			}
			if len(carepath.ErrorFields(err)) == 0 {
				t.Fatalf("error %v names no field", err)
			}
			return
		}
		if len(inst.Clients)*len(inst.Groups)+len(inst.Clients)*len(inst.Clinicians) > 5000 {
			return
		}
		sol, _, err := Solve(context.Background(), inst, Options{Patience: 50})
		if err != nil {
			t.Fatalf("Solve: %v", err)
		}
		if r, err := Check(inst, sol); err != nil || !r.Feasible {
			t.Fatalf("Check: %+v %v", r, err)
		}
		if err := WriteLP(io.Discard, inst); err != nil {
			t.Fatalf("WriteLP: %v", err)
		}
		if _, err := ReadCBCSolution(strings.NewReader(string(data)), inst); err != nil && !strings.Contains(err.Error(), "cbc") {
			t.Fatalf("ReadCBCSolution: %v", err)
		}
	})
}
