package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/carepath/carepath"
)

// seedDemoBilling sets up paying for care: the clinic's billing details (made-up NPIs with valid
// check digits), two payers, coverage for most clients in care (every third is self-pay),
// a diagnosis on each, and an authorization for each open IOP episode, so the coverage,
// authorization and claim pages have something to show.
func seedDemoBilling(ctx context.Context, svc carepath.Services) error {
	if svc.Claims == nil || svc.Payers == nil {
		return nil
	}
	if _, err := svc.Claims.SetBillingProvider(ctx, carepath.BillingProvider{Name: "Harbor Behavioral Health (demo)", NPI: "1003000126",
		TaxID: "12-3456789", Address: carepath.PostalAddress{Line1: "100 Main St", City: "Springfield", State: "IL", Zip: "62701-1234"},
		Phone: "555-010-0199", SubmitterID: "HARBORDEMO", AttendingNPI: "1245319599", AttendingLast: "Okafor", AttendingFirst: "Ada"}); err != nil {
		return fmt.Errorf("demo billing provider: %w", err)
	}
	acme, err := svc.Payers.CreatePayer(ctx, carepath.PayerInput{Name: "Acme Health (demo)", PayerID: "DEMO60054", ClaimFormat: carepath.Claim837I})
	if err != nil {
		return fmt.Errorf("demo payer: %w", err)
	}
	blue, err := svc.Payers.CreatePayer(ctx, carepath.PayerInput{Name: "Blue Plan (demo)", PayerID: "DEMOBP001", ClaimFormat: carepath.Claim837P})
	if err != nil {
		return fmt.Errorf("demo payer: %w", err)
	}
	clients, _, err := svc.Clients.FindClients(ctx, carepath.ClientFilter{Limit: 200})
	if err != nil {
		return fmt.Errorf("demo clients: %w", err)
	}
	year := fmt.Sprintf("%d-01-01", time.Now().UTC().Year())
	addr := &carepath.PostalAddress{Line1: "12 Elm St", City: "Springfield", State: "IL", Zip: "62704"}
	for i, c := range clients {
		episodes, err := svc.Episodes.FindEpisodes(ctx, c.ID)
		if err != nil {
			return fmt.Errorf("demo episodes: %w", err)
		}
		var open *carepath.Episode
		for _, e := range episodes {
			if e.Status == carepath.EpisodeOpen {
				open = e
			}
		}
		if open == nil {
			continue
		}
		code := "F33.1"
		if open.Level == carepath.LevelIOP && i%2 == 1 {
			code = "F10.20"
		}
		if _, err := svc.Diagnoses.AddDiagnosis(ctx, c.ID, carepath.DiagnosisInput{Code: code, Primary: true, Onset: open.AdmittedOn}); err != nil {
			return fmt.Errorf("demo diagnosis: %w", err)
		}
		if i%3 == 2 {
			continue // self-pay
		}
		payer := acme
		if open.Level != carepath.LevelIOP {
			payer = blue
		}
		if _, err := svc.Coverages.AddCoverage(ctx, c.ID, carepath.CoverageInput{PayerID: payer.ID, MemberID: fmt.Sprintf("W%07d", 100+i),
			GroupID: "G-2026", PlanYearStart: year, Deductible: 1500_00, DeductibleMet: carepath.Cents(i%4) * 250_00,
			CoinsurancePercent: 20, OutOfPocketMax: 4000_00, OutOfPocketMet: carepath.Cents(i%4) * 250_00, SubscriberAddress: addr}); err != nil {
			return fmt.Errorf("demo coverage: %w", err)
		}
		if open.Level != carepath.LevelIOP {
			continue
		}
		start, _ := time.Parse(carepath.DateLayout, open.AdmittedOn)
		if _, err := svc.Authorizations.AddAuthorization(ctx, open.ID, carepath.AuthorizationInput{PayerID: payer.ID,
			Number: fmt.Sprintf("AUTH-%04d", 1000+i), Level: carepath.LevelIOP, Start: open.AdmittedOn,
			End: start.AddDate(0, 0, 59).Format(carepath.DateLayout), Units: 24, Unit: "day",
			NextReview: start.AddDate(0, 0, 28).Format(carepath.DateLayout), Frequency: "3 days a week",
			CareManager: "J. Rivera (demo)"}); err != nil {
			return fmt.Errorf("demo authorization: %w", err)
		}
		// The client's written consent to disclose to the payer for payment (utilization review
		// and claims), so that the authorization's utilization-review packet can be released.
		if _, err := svc.Consents.RecordConsent(ctx, carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentPart2Disclosure,
			Recipient: payer.Name, Information: "Utilization-review packets and claims for the intensive outpatient program",
			Purpose: "Utilization review and payment", Purposes: []carepath.DisclosurePurpose{carepath.PurposePayment},
			SignedOn: open.AdmittedOn, ExpiresOnEvent: "end of treatment"}); err != nil {
			return fmt.Errorf("demo payment consent: %w", err)
		}
	}
	return nil
}
