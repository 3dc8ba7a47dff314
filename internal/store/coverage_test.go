package store_test

import (
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

func TestPayersAndCoverage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		payers, coverages := store.NewPayerService(env.Store), store.NewCoverageService(env.Store)
		client := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
		asAna := actorAs(carepath.RoleClinician, clinicianA)

		if _, err := payers.CreatePayer(asAna, carepath.PayerInput{Name: "Acme", PayerID: "60054"}); carepath.ErrorCode(err) != carepath.EFORBIDDEN {
			t.Fatalf("clinician CreatePayer = %v, want EFORBIDDEN", err)
		}
		acme, err := payers.CreatePayer(asAdmin, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
		if err != nil || acme.ClaimFormat != carepath.Claim837I {
			t.Fatalf("CreatePayer = %+v, %v (want 837I by default)", acme, err)
		}
		if _, err := payers.CreatePayer(asAdmin, carepath.PayerInput{Name: "Other", PayerID: "60054"}); carepath.ErrorCode(err) != carepath.ECONFLICT {
			t.Errorf("duplicate payer id = %v, want ECONFLICT", err)
		}
		if p, err := payers.SetClaimFormat(asAdmin, "60054", carepath.Claim837P); err != nil || p.ClaimFormat != carepath.Claim837P {
			t.Errorf("SetClaimFormat = %+v, %v", p, err)
		}
		second, _ := payers.CreatePayer(asAdmin, carepath.PayerInput{Name: "Blue Plan", PayerID: "BP001", ClaimFormat: carepath.Claim837P})

		in := carepath.CoverageInput{PayerID: acme.ID, MemberID: "M-1", GroupID: "G-9", PlanYearStart: "2026-01-01",
			Deductible: 1500_00, DeductibleMet: 200_00, CoinsurancePercent: 20, OutOfPocketMax: 4000_00, OutOfPocketMet: 200_00}
		primary, err := coverages.AddCoverage(asFrontDesk, client.ID, in)
		if err != nil || primary.Rank != 1 || !primary.InNetwork || primary.PayerName != "Acme Health" || primary.Relationship != carepath.RelationshipSelf {
			t.Fatalf("AddCoverage = %+v, %v", primary, err)
		}
		out := false
		if _, err := coverages.AddCoverage(asAna, client.ID, carepath.CoverageInput{PayerID: "BP001", Rank: 2, MemberID: "S-2",
			SubscriberName: "Rosa Quill", Relationship: carepath.RelationshipSpouse, PlanYearStart: "2026-01-01", InNetwork: &out}); err != nil {
			t.Fatalf("secondary by X12 payer id: %v", err)
		}
		for _, tt := range []struct {
			name  string
			in    carepath.CoverageInput
			field string
		}{
			{"unknown payer", carepath.CoverageInput{PayerID: "NOPE", MemberID: "x", PlanYearStart: "2026-01-01"}, "payer_id"},
			{"met above deductible", carepath.CoverageInput{PayerID: acme.ID, MemberID: "x", PlanYearStart: "2026-01-01", Deductible: 10, DeductibleMet: 20}, "deductible_met_cents"},
			{"no member id", carepath.CoverageInput{PayerID: acme.ID, PlanYearStart: "2026-01-01"}, "member_id"},
			{"bad coinsurance", carepath.CoverageInput{PayerID: acme.ID, MemberID: "x", PlanYearStart: "2026-01-01", CoinsurancePercent: 120}, "coinsurance_percent"},
			{"subscriber needed", carepath.CoverageInput{PayerID: acme.ID, MemberID: "x", PlanYearStart: "2026-01-01", Relationship: carepath.RelationshipChild}, "subscriber_name"},
		} {
			_, err := coverages.AddCoverage(asAna, client.ID, tt.in)
			if carepath.ErrorCode(err) != carepath.EINVALID || carepath.ErrorFields(err)[0].Field != tt.field {
				t.Errorf("%s: %v, want EINVALID naming %s", tt.name, err, tt.field)
			}
		}
		// A new primary replaces the old one; the list holds what is in force.
		in.PayerID, in.MemberID = second.ID, "M-NEW"
		if _, err := coverages.AddCoverage(asAna, client.ID, in); err != nil {
			t.Fatal(err)
		}
		list, err := coverages.FindCoverages(asAna, client.ID)
		if err != nil || len(list) != 2 || list[0].MemberID != "M-NEW" || list[1].Rank != 2 || list[1].InNetwork {
			t.Fatalf("FindCoverages = %+v, %v", list, err)
		}
		if left := list[0].DeductibleLeft(); left != 1300_00 {
			t.Errorf("deductible left = %d", left)
		}
		if n := rowCount(t, env, "coverages", "client_id = $1", client.ID); n != 3 {
			t.Errorf("%d coverages stored, want 3 (the replaced one kept, the refused ones not written)", n)
		}
		if _, err := coverages.FindCoverages(actorAs(carepath.RoleClinician, clinicianB), client.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
			t.Errorf("other clinician = %v, want ENOTFOUND", err)
		}
	})
}

// TestMedicareSecondaryType: a secondary Medicare coverage keeps why Medicare pays second; the
// reason on a payer that is not Medicare is refused naming the field, and writes nothing.
func TestMedicareSecondaryType(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		payers, coverages := store.NewPayerService(env.Store), store.NewCoverageService(env.Store)
		client := mustCreate(t, store.NewClientService(env.Store), newTestClient("Ada", "Quill", clinicianA))
		if _, err := payers.CreatePayer(asAdmin, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"}); err != nil {
			t.Fatal(err)
		}
		if _, err := payers.CreatePayer(asAdmin, carepath.PayerInput{Name: "Medicare Part A", PayerID: "MCRA1", Medicare: true}); err != nil {
			t.Fatal(err)
		}
		in := carepath.CoverageInput{PayerID: "60054", Rank: 2, MemberID: "W1", PlanYearStart: "2026-01-01", MedicareSecondaryType: "43"}
		if _, err := coverages.AddCoverage(asAdmin, client.ID, in); carepath.ErrorCode(err) != carepath.EINVALID ||
			len(carepath.ErrorFields(err)) != 1 || carepath.ErrorFields(err)[0].Field != "medicare_secondary_type" {
			t.Errorf("the reason on Acme = %v, want EINVALID naming medicare_secondary_type", err)
		}
		if n := rowCount(t, env, "coverages", "client_id = $1", client.ID); n != 0 {
			t.Fatalf("%d coverages after the refusal", n)
		}
		in.PayerID, in.MemberID = "MCRA1", "1EG4TE5MK73"
		if _, err := coverages.AddCoverage(asAdmin, client.ID, in); err != nil {
			t.Fatal(err)
		}
		list, err := coverages.FindCoverages(asAdmin, client.ID)
		if err != nil || len(list) != 1 || list[0].MedicareSecondaryType != "43" {
			t.Fatalf("FindCoverages = %+v, %v; want Medicare second, type 43", list, err)
		}
	})
}
