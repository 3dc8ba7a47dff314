package store_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/store/storetest"
)

// TestSecondaryPayerAfterPrimary bills Robin's October to Beacon Mutual, her secondary payer,
// around Acme Health, her primary: before Acme was billed, and while Acme has not answered,
// Beacon's claim is held saying why; after Acme's 835 paid the first and third days in part and
// the second in full, Beacon's claim bills the first and third with Acme's payment, adjustments
// and payment date on each line, and leaves the second out; Robin's balance counts each day
// once, her share awaiting Beacon until Beacon's 835 decides it; a second Beacon batch bills nothing
// (a charge is billed once per payer), and a batch of the second day alone says there is nothing
// left to bill.
func TestSecondaryPayerAfterPrimary(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clinician := apptest.AddStaff(t, env.Store, "ana@example.org", carepath.RoleClinician)
		seed := apptest.SeedBillable(t, env.Store, clinician)
		apptest.AddSecondaryPayer(t, env.Store, seed.Client.ID)
		svc := store.NewClaimService(env.Store)
		desk := actorAs(carepath.RoleFrontDesk, "staff-desk")
		october := carepath.ClaimBatchInput{PayerID: "70070", From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I}
		heldFor := func(reason string) {
			t.Helper()
			b, err := svc.CreateClaimBatch(desk, october)
			if err != nil || len(b.Claims) != 1 || b.Claims[0].Status != carepath.ClaimHeld || b.Claims[0].ClientID != seed.Client.ID {
				t.Fatalf("Beacon batch = %+v, %v; want Robin's claim held", b, err)
			}
			if len(b.Claims[0].Holds) == 0 || b.Claims[0].Holds[0].Reason != reason {
				t.Errorf("holds %+v, want %q", b.Claims[0].Holds, reason)
			}
			if _, err := svc.ClaimBatchFile(desk, b.ID); carepath.ErrorCode(err) != carepath.ENOTFOUND {
				t.Errorf("a batch of held claims has a file: %v", err)
			}
		}
		heldFor("not yet billed to the primary payer")
		acme := october
		acme.PayerID = "60054"
		primary, err := svc.CreateClaimBatch(desk, acme)
		if err != nil || len(primary.Claims) != 1 || primary.Claims[0].Lines != 3 {
			t.Fatalf("Acme batch = %+v, %v; want Robin's claim of three days", primary, err)
		}
		heldFor("waiting for the primary payer's remittance")
		remit := apptest.Hand835(primary.Claims[0].ID, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00},
			apptest.RemitLine{Paid: 300_00}, apptest.RemitLine{Paid: 100_00, Contractual: 100_00, Coinsurance: 100_00})
		if r, err := svc.PostRemittance(asAdmin, []byte(remit)); err != nil || len(r.Claims) != 1 {
			t.Fatalf("PostRemittance = %+v, %v", r, err)
		}
		secondary, err := svc.CreateClaimBatch(desk, october)
		if err != nil || len(secondary.Claims) != 1 {
			t.Fatalf("Beacon batch after Acme's 835 = %+v, %v", secondary, err)
		}
		c := secondary.Claims[0]
		if c.Status != carepath.ClaimSubmitted || c.Lines != 2 || c.Total != 600_00 || secondary.Total != 600_00 || secondary.PayerName != "Beacon Mutual" {
			t.Errorf("Beacon claim %+v of batch total %s; want the first and third days submitted, $600", c, secondary.Total)
		}
		file, err := svc.ClaimBatchFile(desk, secondary.ID)
		if err != nil {
			t.Fatal(err)
		}
		f := string(file)
		for _, want := range []string{
			"SBR*S*18*", "NM1*PR*2*BEACON MUTUAL*****PI*70070~CLM*" + c.ID + "*600*",
			// 2320–2330B: Acme as primary, after the attending physician and before the first line.
			"NM1*71*1*OKAFOR*ADA****XX*1245319599~SBR*P*18*G9******CI~AMT*D*300~OI***Y***Y~NM1*IL*1*LAKE*ROBIN****MI*W123~NM1*PR*2*ACME HEALTH*****PI*60054~LX*1~",
			// 2430 of each line, after its control number: what Acme paid and adjusted, on 2026-11-10 (BPR16).
			"REF*6R*" + c.ID + "-1~SVD*60054*200*HC:H0015*0906*1~CAS*CO*45*50~CAS*PR*2*50~DTP*573*D8*20261110~LX*2~",
			"REF*6R*" + c.ID + "-2~SVD*60054*100*HC:H0015*0906*1~CAS*CO*45*100~CAS*PR*2*100~DTP*573*D8*20261110~SE*",
			"DTP*472*D8*20261026~", "DTP*472*D8*20261030~",
		} {
			if !strings.Contains(f, want) {
				t.Errorf("Beacon's 837 lacks %s:\n%s", want, f)
			}
		}
		if strings.Contains(f, "20261028") {
			t.Errorf("the day Acme paid in full went to Beacon:\n%s", f)
		}
		balance := func(want carepath.ClientBalance) {
			t.Helper()
			want.ClientID, want.ClientOwed = seed.Client.ID, want.ClientDue
			if got, err := svc.FindClientBalance(asAdmin, seed.Client.ID); err != nil || *got != want {
				t.Errorf("balance %+v, %v\nwant %+v", got, err, want)
			}
		}
		// Each day counts once: Acme paid $600 and wrote off $150; Robin's $150 share awaits Beacon.
		balance(carepath.ClientBalance{Charged: 900_00, InsurancePaid: 600_00, WrittenOff: 150_00, AwaitingPayer: 150_00})
		// Beacon pays $30 of the first day's $50 and leaves Robin $20; it pays the third day's $100.
		remit = apptest.Hand835(c.ID, apptest.RemitLine{Paid: 30_00, Other: 250_00, Coinsurance: 20_00}, apptest.RemitLine{Paid: 100_00, Other: 200_00})
		if r, err := svc.PostRemittance(asAdmin, []byte(remit)); err != nil || len(r.Claims) != 1 || r.Postings != 2 {
			t.Fatalf("Beacon's 835 = %+v, %v", r, err)
		}
		balance(carepath.ClientBalance{Charged: 900_00, InsurancePaid: 730_00, WrittenOff: 150_00, ClientDue: 20_00})
		if _, err := svc.CreateClaimBatch(desk, october); !slices.Equal(fieldPaths(err), []string{"payer_id"}) || !strings.Contains(err.Error(), "billed once") {
			t.Errorf("a second Beacon batch: %v; want payer_id, already billed", err)
		}
		day2 := carepath.ClaimBatchInput{PayerID: "70070", From: "2026-10-28", To: "2026-10-28", Format: carepath.Claim837I, ClientIDs: []string{seed.Client.ID}}
		if _, err := svc.CreateClaimBatch(desk, day2); !slices.Equal(fieldPaths(err), []string{"client_ids[0]"}) {
			t.Errorf("Beacon batch of the day Acme paid in full: %v; want client_ids[0], nothing left", err)
		}
		if _, err := svc.CreateClaimBatch(desk, acme); !slices.Equal(fieldPaths(err), []string{"payer_id"}) {
			t.Errorf("Acme billed again: %v", err)
		}
	})
}

// TestSecondaryClaimNamesTheDaysLeftOut bills Beacon Mutual, Robin's secondary payer, after
// Acme Health, her primary, was billed and paid only her first day: Beacon's claim carries that
// day and lists the other two as left out, not yet billed to the primary; the batch read back
// says the same, and the primary's own claim of one day lists nothing left out.
func TestSecondaryClaimNamesTheDaysLeftOut(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, env *storetest.Env) {
		clinician := apptest.AddStaff(t, env.Store, "ana@example.org", carepath.RoleClinician)
		seed := apptest.SeedBillable(t, env.Store, clinician)
		apptest.AddSecondaryPayer(t, env.Store, seed.Client.ID)
		svc := store.NewClaimService(env.Store)
		desk := actorAs(carepath.RoleFrontDesk, "staff-desk")
		firstDay := carepath.ClaimBatchInput{PayerID: "60054", From: "2026-10-26", To: "2026-10-26", Format: carepath.Claim837I}
		primary, err := svc.CreateClaimBatch(desk, firstDay)
		if err != nil || len(primary.Claims) != 1 || primary.Claims[0].Lines != 1 {
			t.Fatalf("Acme batch of the first day = %+v, %v", primary, err)
		}
		if left := primary.Claims[0].LeftOut; len(left) != 0 {
			t.Errorf("Acme's one-day claim lists %+v left out; the other days are outside its period", left)
		}
		remit := apptest.Hand835(primary.Claims[0].ID, apptest.RemitLine{Paid: 200_00, Contractual: 50_00, Coinsurance: 50_00})
		if _, err := svc.PostRemittance(asAdmin, []byte(remit)); err != nil {
			t.Fatal(err)
		}
		october := carepath.ClaimBatchInput{PayerID: "70070", From: "2026-10-01", To: "2026-10-31", Format: carepath.Claim837I}
		secondary, err := svc.CreateClaimBatch(desk, october)
		if err != nil || len(secondary.Claims) != 1 {
			t.Fatalf("Beacon batch = %+v, %v", secondary, err)
		}
		check := func(how string, c *carepath.Claim) {
			t.Helper()
			if c.Status != carepath.ClaimSubmitted || c.Lines != 1 || c.Total != 300_00 {
				t.Errorf("%s: Beacon claim %+v; want the first day submitted, $300", how, c)
			}
			var dates []string
			for _, l := range c.LeftOut {
				dates = append(dates, l.Date)
				if l.Cents != 300_00 || l.Code == "" || l.ChargeID == "" || len(l.Holds) != 1 ||
					l.Holds[0] != (carepath.ChargeHold{Rule: "primary_remittance", Reason: "not yet billed to the primary payer"}) {
					t.Errorf("%s: left out %+v; want a $300 day not yet billed to the primary", how, l)
				}
			}
			if !slices.Equal(dates, []string{"2026-10-28", "2026-10-30"}) {
				t.Errorf("%s: days left out %v, want 2026-10-28 and 2026-10-30", how, dates)
			}
		}
		check("made", secondary.Claims[0])
		again, err := svc.FindClaimBatch(desk, secondary.ID)
		if err != nil || len(again.Claims) != 1 {
			t.Fatalf("FindClaimBatch = %+v, %v", again, err)
		}
		check("read back", again.Claims[0])
	})
}
