package store_test

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestDiagnosesOnTheChart(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewDiagnosisService(env.Store)
		client := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
		asAna := actorAs(carepath.RoleClinician, clinicianA)

		first, err := svc.AddDiagnosis(asAna, client.ID, carepath.DiagnosisInput{Code: "f33.1", Primary: true, Onset: "2025-11-02"})
		if err != nil {
			t.Fatalf("AddDiagnosis: %v", err)
		}
		if first.Code != "F33.1" || first.Description == "" || !first.Primary {
			t.Fatalf("first = %+v, want F33.1, described, primary", first)
		}
		second, err := svc.AddDiagnosis(asAna, client.ID, carepath.DiagnosisInput{Code: "F10.20", Primary: true})
		if err != nil {
			t.Fatalf("AddDiagnosis: %v", err)
		}
		if _, err := svc.AddDiagnosis(asAna, client.ID, carepath.DiagnosisInput{Code: "Z13.31"}); err != nil {
			t.Fatalf("AddDiagnosis Z code: %v", err)
		}
		list, err := svc.FindDiagnoses(asAna, client.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 3 || list[0].ID != second.ID || !list[0].Primary || list[1].Primary || list[2].Primary {
			t.Fatalf("list = %v, want the new primary first and the old one demoted", codes(list))
		}

		// Bad codes are refused naming code, and nothing is written.
		for _, bad := range []string{"F99.99", "F33", "not a code", ""} {
			_, err := svc.AddDiagnosis(asAna, client.ID, carepath.DiagnosisInput{Code: bad})
			if carepath.ErrorCode(err) != carepath.EINVALID || len(carepath.ErrorFields(err)) == 0 || carepath.ErrorFields(err)[0].Field != "code" {
				t.Errorf("AddDiagnosis(%q) = %v, want EINVALID naming code", bad, err)
			}
		}
		if n := rowCount(t, env, "diagnoses", "client_id = $1", client.ID); n != 3 {
			t.Errorf("%d diagnoses stored, want 3", n)
		}

		// Resolving: not before the onset, only once.
		if _, err := svc.ResolveDiagnosis(asAna, first.ID, "2025-01-01"); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("resolve before onset = %v, want EINVALID", err)
		}
		res, err := svc.ResolveDiagnosis(asAna, first.ID, "2026-02-01")
		if err != nil || res.ResolvedOn != "2026-02-01" || res.Active() {
			t.Fatalf("ResolveDiagnosis = %+v, %v", res, err)
		}
		if _, err := svc.ResolveDiagnosis(asAna, first.ID, "2026-02-02"); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("resolve twice = %v, want ECONFLICT", err)
		}
		list, _ = svc.FindDiagnoses(asAna, client.ID)
		if list[len(list)-1].ID != first.ID {
			t.Errorf("resolved diagnosis should come last: %v", codes(list))
		}

		// Outside the care team, and for the front desk, the chart's diagnoses are not there.
		if _, err := svc.FindDiagnoses(actorAs(carepath.RoleClinician, clinicianB), client.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician = %v, want ENOTFOUND", err)
		}
		if _, err := svc.FindDiagnoses(asFrontDesk, client.ID); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Errorf("front desk = %v, want EFORBIDDEN", err)
		}
		if n := rowCount(t, env, "audit_log", "action = $1 AND client_id = $2", "diagnosis.create", client.ID); n < 3 {
			t.Errorf("%d diagnosis.create audit rows, want at least 3", n)
		}
	})
}

func TestImportedCodesJoinTheCodeSet(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		svc := store.NewDiagnosisService(env.Store)
		client := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
		asAna := actorAs(carepath.RoleClinician, clinicianA)
		if _, err := svc.AddDiagnosis(asAna, client.ID, carepath.DiagnosisInput{Code: "G47.33"}); carepath.ErrorCode(err) != carepath.EINVALID {
			t.Fatalf("G47.33 before import = %v, want EINVALID", err)
		}
		if _, err := svc.ImportCodes(asAna, "test", []carepath.DiagnosisCode{{Code: "G4733", Billable: true, Description: "Obstructive sleep apnea (adult) (pediatric)"}}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Fatalf("clinician import = %v, want EFORBIDDEN", err)
		}
		n, err := svc.ImportCodes(asAdmin, "test", []carepath.DiagnosisCode{{Code: "G4733", Billable: true, Description: "Obstructive sleep apnea (adult) (pediatric)"}})
		if err != nil || n != 1 {
			t.Fatalf("ImportCodes = %d, %v", n, err)
		}
		d, err := svc.AddDiagnosis(asAna, client.ID, carepath.DiagnosisInput{Code: "G47.33"})
		if err != nil || d.Description != "Obstructive sleep apnea (adult) (pediatric)" {
			t.Fatalf("after import = %+v, %v", d, err)
		}
		found, err := svc.SearchCodes(asFrontDesk, "sleep apnea", 10)
		if err != nil || len(found) == 0 || found[0].Code != "G47.33" {
			t.Errorf("SearchCodes = %v, %v", found, err)
		}
		found, _ = svc.SearchCodes(asFrontDesk, "alcohol dependence", 5)
		if len(found) == 0 {
			t.Errorf("no shipped codes found for alcohol dependence")
		}
	})
}

func codes(list []*carepath.Diagnosis) []string {
	out := make([]string, len(list))
	for i, d := range list {
		out[i] = d.Code
	}
	return out
}
