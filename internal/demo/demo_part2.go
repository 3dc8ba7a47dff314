package demo

import (
	"context"
	"fmt"

	"github.com/carepath/carepath"
)

// seedDemoPart2 shows 42 CFR Part 2 at work: the outpatient therapy service provides no
// substance use treatment, so its mark is turned off (the IOP keeps it), and one IOP client,
// Robin Lake, has consented to a disclosure to the county drug court at her request.
func seedDemoPart2(ctx context.Context, svc carepath.Services) error {
	programs, err := svc.Programs.FindPrograms(ctx)
	if err != nil {
		return fmt.Errorf("demo part 2: %w", err)
	}
	for _, p := range programs {
		if p.Name != "Harbor Outpatient Therapy" {
			continue
		}
		d, err := svc.ProgramDetails.FindProgramDetails(ctx, p.ID)
		if err != nil {
			return fmt.Errorf("demo part 2: %w", err)
		}
		off := false
		if _, err := svc.ProgramDetails.UpdateProgramDetails(ctx, p.ID, carepath.ProgramDetailsUpdate{Version: d.Version, Part2: &off}); err != nil {
			return fmt.Errorf("demo part 2: %w", err)
		}
	}
	clients, _, err := svc.Clients.FindClients(ctx, carepath.ClientFilter{Limit: 100})
	if err != nil {
		return fmt.Errorf("demo part 2: %w", err)
	}
	consents := map[string]carepath.ConsentCreate{
		"Robin Lake": {Recipient: "Harbor County Drug Court", Information: "Attendance and measures' totals",
			Purpose: "Court-supervised treatment", Purposes: []carepath.DisclosurePurpose{carepath.PurposePatientRequest}},
	}
	for _, c := range clients {
		in, ok := consents[c.GivenName+" "+c.FamilyName]
		if !ok {
			continue
		}
		in.ClientID, in.Kind, in.ExpiresOnEvent = c.ID, carepath.ConsentPart2Disclosure, "end of treatment"
		in.SignedOn = c.CreatedAt.Format(carepath.DateLayout)
		if _, err := svc.Consents.RecordConsent(ctx, in); err != nil {
			return fmt.Errorf("demo part 2 consent: %w", err)
		}
	}
	return nil
}
