package demo

import (
	"context"
	"fmt"
	"strings"
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
	return seedDemoClaims(ctx, svc, acme)
}

// seedDemoClaims bills Acme Health for the last four weeks and posts its answer, so the claims
// pages show a batch partly paid: the first claim paid (80% paid, 10% contractual, 10%
// coinsurance), the second paid in part (half, the rest partly held back), the third denied.
// A period with nothing to bill leaves the pages empty rather than failing the demo.
func seedDemoClaims(ctx context.Context, svc carepath.Services, payer *carepath.Payer) error {
	today := time.Now().UTC()
	b, err := svc.Claims.CreateClaimBatch(ctx, carepath.ClaimBatchInput{PayerID: payer.ID, Format: payer.ClaimFormat,
		From: today.AddDate(0, 0, -28).Format(carepath.DateLayout), To: today.AddDate(0, 0, -1).Format(carepath.DateLayout)})
	if carepath.ErrorCode(err) == carepath.EINVALID {
		return nil
	} else if err != nil {
		return fmt.Errorf("demo claim batch: %w", err)
	}
	amount := func(c carepath.Cents) string { return fmt.Sprintf("%d.%02d", c/100, c%100) }
	var segs []string
	var total carepath.Cents
	answered := 0
	for _, c := range b.Claims {
		if c.Status != carepath.ClaimSubmitted || answered == 3 {
			continue
		}
		t := c.Total
		cas := map[int][]string{0: {"CO*45*" + amount(t/10), "PR*2*" + amount(t-t*8/10-t/10)}, 1: {"CO*45*" + amount(t/10),
			"OA*23*" + amount(t-t/2-t/10)}, 2: {"CO*50*" + amount(t)}}[answered]
		paid := map[int]carepath.Cents{0: t * 8 / 10, 1: t / 2, 2: 0}[answered]
		var pr carepath.Cents
		if answered == 0 {
			pr = t - t*8/10 - t/10
		}
		status := map[int]string{0: "1", 1: "1", 2: "4"}[answered]
		total += paid
		segs = append(segs, fmt.Sprintf("CLP*%s*%s*%s*%s*%s*12*DEMOCTRL%d*13*1", c.ID, status, amount(t), amount(paid), amount(pr), answered))
		for _, a := range cas {
			segs = append(segs, "CAS*"+a)
		}
		answered++
	}
	if answered == 0 {
		return nil
	}
	segs = append([]string{"ST*835*0001", "BPR*I*" + amount(total) + "*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*888888888*DA*654321*" +
		today.Format("20060102"), "TRN*1*DEMO" + today.Format("20060102") + "*1234567890", "N1*PR*ACME HEALTH (DEMO)",
		"N1*PE*HARBOR BEHAVIORAL HEALTH*XX*1003000126", "LX*1"}, segs...)
	segs = append(segs, fmt.Sprintf("SE*%d*0001", len(segs)+1))
	file := "ISA*00*          *00*          *ZZ*DEMO60054      *ZZ*HARBORDEMO     *" + today.Format("060102") + "*0930*^*00501*000000901*0*P*:~" +
		"GS*HP*DEMO60054*HARBORDEMO*" + today.Format("20060102") + "*0930*901*X*005010X221A1~" + strings.Join(segs, "~") + "~GE*1*901~IEA*1*000000901~"
	if _, err := svc.Claims.PostRemittance(ctx, []byte(file)); err != nil {
		return fmt.Errorf("demo remittance: %w", err)
	}
	return nil
}
