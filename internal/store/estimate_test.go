package store_test

import (
	"encoding/json"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
	"github.com/google/uuid"
)

// TestIssuedEstimatesKept: an estimate given to a client is kept whole and read back exactly,
// listed newest first without its document; the care team gives one, the front desk only reads
// them, another clinician's client is hidden; bad input names the field and keeps nothing; every
// call is audited against the client.
func TestIssuedEstimatesKept(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewEstimateService(env.Store)
		c := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
		doc := json.RawMessage(`{"number":"GFE-1","options":[{"level":"iop","total_cents":540000}]}`)
		give := func(number string) carepath.IssuedEstimate {
			return carepath.IssuedEstimate{ID: uuid.Must(uuid.NewV7()).String(), ClientID: c.ID, Number: number, IssuedOn: "2026-12-07",
				Recommended: carepath.LevelIOP, Total: 5400_00, Document: doc}
		}
		if _, err := svc.KeepEstimate(asFrontDesk, give("GFE-0")); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk KeepEstimate = %v, want EFORBIDDEN", err)
		}
		if _, err := svc.KeepEstimate(asClinicianB, give("GFE-0")); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("another clinician's KeepEstimate = %v, want ENOTFOUND", err)
		}
		first, err := svc.KeepEstimate(asClinicianA, give("GFE-1"))
		if err != nil || first.IssuedBy != clinicianA || first.IssuedAt.IsZero() {
			t.Fatalf("KeepEstimate = %+v, %v", first, err)
		}
		second, err := svc.KeepEstimate(asClinicianA, give("GFE-2"))
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name  string
			edit  func(*carepath.IssuedEstimate)
			field string
		}{
			{"a number given twice", func(e *carepath.IssuedEstimate) { e.Number = "GFE-1" }, ""},
			{"no number", func(e *carepath.IssuedEstimate) { e.Number = " " }, "number"},
			{"bad day", func(e *carepath.IssuedEstimate) { e.IssuedOn = "7/12/2026" }, "issued_on"},
			{"no level", func(e *carepath.IssuedEstimate) { e.Recommended = "" }, "recommended"},
			{"no document", func(e *carepath.IssuedEstimate) { e.Document = json.RawMessage(`{"number":`) }, "estimate"},
			{"bad id", func(e *carepath.IssuedEstimate) { e.ID = "GFE" }, "id"},
		} {
			e := give("GFE-X")
			tt.edit(&e)
			_, err := svc.KeepEstimate(asClinicianA, e)
			switch {
			case tt.field == "" && carepath.ErrorCode(err) != carepath.ECONFLICT:
				t.Errorf("%s: %v, want ECONFLICT", tt.name, err)
			case tt.field != "" && (carepath.ErrorCode(err) != carepath.EINVALID || len(carepath.ErrorFields(err)) == 0 || carepath.ErrorFields(err)[0].Field != tt.field):
				t.Errorf("%s: %v, want EINVALID naming %s", tt.name, err, tt.field)
			}
		}

		list, err := svc.FindEstimates(asFrontDesk, c.ID)
		if err != nil || len(list) != 2 || list[0].ID != second.ID || list[1].ID != first.ID || list[0].Document != nil {
			t.Fatalf("FindEstimates = %+v, %v: want the two, newest first, without documents", list, err)
		}
		got, err := svc.FindEstimate(asFrontDesk, c.ID, first.ID)
		if err != nil || string(got.Document) != string(doc) || got.Number != "GFE-1" || got.Total != 5400_00 || got.Recommended != carepath.LevelIOP {
			t.Fatalf("FindEstimate = %+v, %v", got, err)
		}
		other := mustCreate(t, store.NewClientService(env.Store), newTestClient("Bo", "Reed", clinicianA))
		if _, err := svc.FindEstimate(asClinicianA, other.ID, first.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("an estimate through another client's chart = %v, want ENOTFOUND", err)
		}
		if _, err := svc.FindEstimates(asClinicianB, c.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("another clinician's FindEstimates = %v, want ENOTFOUND", err)
		}

		rows, err := store.NewAccessLogService(env.Store).FindAccessLog(asAdmin, carepath.AccessLogFilter{ClientID: &c.ID})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if r.RecordType == "estimate" && r.Allowed {
				seen[r.Action+" "+r.RecordID] = true
			}
		}
		for _, want := range []string{"estimate.create " + first.ID, "estimate.create " + second.ID, "estimate.read " + first.ID, "estimate.list " + second.ID} {
			if !seen[want] {
				t.Errorf("no audit row %q among %v", want, seen)
			}
		}
	})
}
